/// CLIENT REPLY: whether a client's replies are sent (pub/sub messages always are).
enum ReplyMode {
    case on
    case off
    /// CLIENT REPLY SKIP was sent: the next command's reply is dropped.
    case skipNext
    /// The command being run is the skipped one.
    case skipping
}
