/// Counts tokens the way providers' rule of thumb does for English: about four characters per
/// token, counted word by word (a word of 1–4 characters is one token). Counting per word makes
/// the count of a text equal the sum over any split of it at word boundaries, so a streamed
/// answer and the same answer served whole are billed alike.
public enum TokenCounter {
    public static func count(_ text: String) -> Int {
        var tokens = 0
        var run = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") {
                tokens += (run + 3) / 4
                run = 0
            } else {
                run += 1
            }
        }
        return tokens + (run + 3) / 4
    }
}
