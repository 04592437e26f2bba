import RateLimit

/// The surface variations people type the same question with: a different ending ("?", "??",
/// none), and sometimes a greeting in front or a thank-you after. Each is a new string to the
/// exact cache (which only ignores case and spacing) but keeps the question's words, so an
/// embedding still finds the question it repeats. The intent, and so the right answer, is unchanged.
enum Rewording {
    static let endings = ["", "??", " ?", "?!", "!"]
    static let openers = ["Hi, ", "Hello, ", "Hey there, ", "Quick question: ", "Please help: "]
    static let closers = [" Thanks!", " Thank you.", " Thanks in advance.", " Cheers", " Any ideas?"]

    /// `phrasing` with its final punctuation replaced, and in half the cases a greeting or a thank-you.
    static func reword(_ phrasing: String, _ random: inout SeededGenerator) -> String {
        var core = Substring(phrasing)
        while let last = core.last, last == "?" || last == "." || last == "!" { core.removeLast() }
        var text = String(core) + pick(endings, &random)
        switch random.next() % 4 {
        case 0:
            let opener = pick(openers, &random)
            let first = text.first.map { String($0).lowercased() } ?? ""
            text = opener + first + String(text.dropFirst())
        case 1:
            text += pick(closers, &random)
        default:
            break
        }
        return text
    }

    private static func pick(_ choices: [String], _ random: inout SeededGenerator) -> String {
        choices[Int(random.next() % UInt64(choices.count))]
    }
}
