/// `--name value` and `--name=value` flags from a REPL line, checked against the flags a command knows;
/// `switches` are flags without a value (`--open`).
struct FlagParser {
    private(set) var values: [String: String] = [:]
    private(set) var positionals: [String] = []

    init(_ words: [String], known: Set<String>, switches: Set<String> = [], usage: String) throws {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--") else {
                positionals.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if switches.contains(name) {
                guard value == nil else { throw ReplLabError.invalid("`--\(name)` takes no value. Usage: \(usage)") }
                values[name] = ""
                continue
            }
            guard known.contains(name) else {
                let list = known.union(switches).sorted().map { "--\($0)" }.joined(separator: ", ")
                throw ReplLabError.invalid("Unknown option `--\(name)`; known: \(list).")
            }
            if value == nil {
                guard index < words.count else {
                    throw ReplLabError.invalid("`--\(name)` needs a value. Usage: \(usage)")
                }
                value = words[index]
                index += 1
            }
            values[name] = value
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    /// Whether the switch `--name` was given.
    func has(_ name: String) -> Bool { values[name] != nil }

    /// A whole-number flag in `range`, or nil when absent.
    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ReplLabError.invalid(
                "--\(name): `\(text)` is not a whole number in \(range.lowerBound)…\(range.upperBound).")
        }
        return value
    }
}
