/// Counts tokens the way providers' rule of thumb does for English: about four characters
/// per token, at least one token for any non-empty text. Deterministic and cheap, which is
/// what a cost simulation needs; real tokenizers differ by a few percent.
public enum TokenCounter {
    public static func count(_ text: String) -> Int {
        let characters = text.utf8.count
        return characters == 0 ? 0 : max(1, (characters + 3) / 4)
    }
}
