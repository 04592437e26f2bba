import Foundation

/// A quoted `archlab …` line as a shell would split it, and whether the test runs it: lines with placeholders
/// (`<like-this>`, an ALL-CAPS word such as `SCENARIO`, or `…`) are not runnable, long-running servers and
/// commands that judge a learner's own work are exempt.
struct QuotedCommandLine {
    enum Plan: Equatable {
        case run([String])
        case placeholder
        case exempt(String)
        /// Shell syntax (a pipe, a redirection, `;`, `&`, `$(`) the test does not interpret: a failure.
        case unsupported(String)
    }

    /// First words whose commands do not end by themselves or need more than an empty directory, and why.
    static let exemptions: [(words: [String], reason: String)] = [
        (["serve"], "a long-running server"),
        (["redis-server"], "a long-running server"),
        (["watch"], "re-runs checks until interrupted"),
        (["check"], "judges the learner's own code in their workspace"),
        (["model", "fetch"], "downloads the model from the network"),
    ]

    let text: String

    var plan: Plan {
        if text.contains("…") || text.contains("...") || text.contains(/<[A-Za-z][^>]*>/) { return .placeholder }
        let words: [Word]
        switch Self.split(text) {
        case .failure(let problem): return .unsupported(problem)
        case .success(let split): words = split
        }
        if words.contains(where: \.isPlaceholder) { return .placeholder }
        let arguments = words.map(\.text)
        for exemption in Self.exemptions where arguments.starts(with: exemption.words) {
            return .exempt(exemption.reason)
        }
        if arguments.contains("--watch") { return .exempt("watches files until interrupted") }
        return .run(arguments)
    }

    /// One shell word, and whether any of it was outside quotes (only such words can be placeholders).
    struct Word {
        var text = ""
        var unquoted = ""

        var isPlaceholder: Bool {
            unquoted.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).contains { part in
                part.count >= 2 && part.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" }
                    && part.contains(where: \.isUppercase)
            }
        }
    }

    /// Splits `text` into words as POSIX sh does for quotes and backslashes.
    static func split(_ text: String) -> SplitResult {
        var words: [Word] = []
        var current: Word?
        var quote: Character?
        var escaped = false
        var previous: Character = " "
        for character in text {
            defer { previous = character }
            if escaped {
                current = current ?? Word()
                current?.text.append(character)
                escaped = false
                continue
            }
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    current?.text.append(character)
                }
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
                current = current ?? Word()
            case "\\":
                escaped = true
            case " ", "\t":
                if let word = current { words.append(word) }
                current = nil
            case "|", ">", "<", ";", "&", "`":
                return .failure("shell syntax `\(character)`")
            case "(" where previous == "$":
                return .failure("shell syntax `$(`")
            default:
                current = current ?? Word()
                current?.text.append(character)
                current?.unquoted.append(character)
            }
        }
        if quote != nil { return .failure("an unclosed quote") }
        if let word = current { words.append(word) }
        return .success(words)
    }

    enum SplitResult {
        case success([Word])
        case failure(String)
    }
}
