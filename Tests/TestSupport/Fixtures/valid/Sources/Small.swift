// ANCHOR: all
let answer = 42
// ANCHOR_END: all
