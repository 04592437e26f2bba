/// Finds the shapes of regular expression that backtrack catastrophically in a backtracking matcher such as
/// ICU's (NSRegularExpression): a repeated group holding an unbounded quantifier (`(a+)+`, `(a*)*`, `(x+x+)+`,
/// `(.*a){20}`), and a repeated alternation whose branches can start with the same character (`(a|aa)+`).
/// Possessive quantifiers (`a++`) and atomic groups (`(?>…)`) never backtrack into and are left alone.
///
/// A syntactic check, deliberately cautious: it may flag a harmless pattern such as `(ab+)+`, which can always be
/// written without the nesting, and it does not see every slow pattern (overlapping classes such as `(\w|\d)+`),
/// which is why matching also runs with a step budget (`ShortAnswerRegexCache`).
enum RegexBacktracking {
    /// Why `pattern` can backtrack catastrophically, naming the offending part, or nil when no such shape is seen.
    static func problem(in pattern: String) -> String? {
        var parser = Parser(Array(pattern.unicodeScalars))
        let tree = parser.parseAlternatives()
        return find(in: tree)
    }

    /// One parsed element: a single-character atom (its text, for comparing branch starts) or a group.
    private indirect enum Node {
        case atom(String)
        case group(branches: [[Item]], atomic: Bool, text: String)
    }

    private struct Item {
        var node: Node
        /// The upper bound of its quantifier: 1 without one, nil when unbounded.
        var max: Int?
        var possessive: Bool
        var text: String

        var repeats: Bool { max.map { $0 > 1 } ?? true }
        var unbounded: Bool { max == nil && !possessive }
    }

    private static func find(in branches: [[Item]]) -> String? {
        for branch in branches {
            for item in branch {
                guard case .group(let inner, let atomic, _) = item.node, !atomic else { continue }
                let backtracks = item.repeats && !item.possessive
                if backtracks {
                    if let nested = firstUnbounded(in: inner) {
                        return "nests the quantified `\(nested)` inside the repeated group `\(item.text)`"
                    }
                    if item.max == nil, let shared = sharedStart(inner) {
                        return "repeats `\(item.text)`, whose alternatives can both start with `\(shared)`"
                    }
                }
                if let deeper = find(in: inner) { return deeper }
            }
        }
        return nil
    }

    /// The text of the first unbounded, backtracking quantified item anywhere inside `branches`.
    private static func firstUnbounded(in branches: [[Item]]) -> String? {
        for branch in branches {
            for item in branch {
                if item.unbounded { return item.text }
                if case .group(let inner, let atomic, _) = item.node, !atomic, !item.possessive,
                    let found = firstUnbounded(in: inner)
                {
                    return found
                }
            }
        }
        return nil
    }

    /// A literal character two alternatives both start with.
    private static func sharedStart(_ branches: [[Item]]) -> String? {
        guard branches.count > 1 else { return nil }
        var seen: Set<String> = []
        for branch in branches {
            guard let first = branch.first, case .atom(let text) = first.node, !text.hasPrefix("\\"), text != "." else {
                continue
            }
            if !seen.insert(text.lowercased()).inserted { return text }
        }
        return nil
    }

    /// A recursive-descent reader of ICU's syntax, just deep enough for the check: escapes, classes, groups,
    /// alternation and quantifiers. Anything it does not understand is read as a single atom.
    private struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        private func text(from start: Int) -> String {
            var result = String.UnicodeScalarView()
            result.append(contentsOf: scalars[start..<min(position, scalars.count)])
            return String(result)
        }

        mutating func parseAlternatives() -> [[Item]] {
            var branches: [[Item]] = [[]]
            while position < scalars.count {
                let scalar = scalars[position]
                if scalar == ")" { break }
                if scalar == "|" {
                    position += 1
                    branches.append([])
                    continue
                }
                let start = position
                guard let node = parseAtom() else { continue }
                var item = Item(node: node, max: 1, possessive: false, text: "")
                parseQuantifier(into: &item)
                item.text = text(from: start)
                branches[branches.count - 1].append(item)
            }
            return branches
        }

        private mutating func parseAtom() -> Node? {
            let start = position
            let scalar = scalars[position]
            position += 1
            switch scalar {
            case "\\":
                if position < scalars.count { position += 1 }
                return .atom(text(from: start))
            case "[":
                skipClass()
                return .atom(text(from: start))
            case "(":
                var atomic = false
                if position < scalars.count, scalars[position] == "?" {
                    position += 1
                    atomic = position < scalars.count && scalars[position] == ">"
                    // Skip the group's flags or kind up to `:`, `>`, `=`, `!` or `)`.
                    let ends = ":>=!)".unicodeScalars
                    while position < scalars.count, !ends.contains(scalars[position]) { position += 1 }
                    if position < scalars.count, scalars[position] == ")" {
                        position += 1
                        return nil
                    }
                    if position < scalars.count { position += 1 }
                }
                let branches = parseAlternatives()
                if position < scalars.count { position += 1 }
                return .group(branches: branches, atomic: atomic, text: text(from: start))
            case "^", "$":
                return nil
            default:
                return .atom(text(from: start))
            }
        }

        private mutating func skipClass() {
            var depth = 1
            if position < scalars.count, scalars[position] == "^" { position += 1 }
            if position < scalars.count, scalars[position] == "]" { position += 1 }
            while position < scalars.count, depth > 0 {
                switch scalars[position] {
                case "\\": position += 1
                case "[": depth += 1
                case "]": depth -= 1
                default: break
                }
                position += 1
            }
        }

        private mutating func parseQuantifier(into item: inout Item) {
            guard position < scalars.count else { return }
            switch scalars[position] {
            case "*": item.max = nil
            case "+": item.max = nil
            case "?": item.max = 1
            case "{":
                guard let bound = parseBraces() else { return }
                item.max = bound
                parseLazyOrPossessive(into: &item)
                return
            default: return
            }
            position += 1
            parseLazyOrPossessive(into: &item)
        }

        private mutating func parseLazyOrPossessive(into item: inout Item) {
            guard position < scalars.count else { return }
            if scalars[position] == "+" {
                item.possessive = true
                position += 1
            } else if scalars[position] == "?" {
                position += 1
            }
        }

        /// `{n}`, `{n,}` or `{n,m}`: the upper bound (nil when open); nil and nothing consumed when not a bound.
        private mutating func parseBraces() -> Int?? {
            var index = position + 1
            var digits = ""
            while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                digits.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard !digits.isEmpty, index < scalars.count else { return nil }
            if scalars[index] == "}" {
                position = index + 1
                return .some(Int(digits) ?? Int.max)
            }
            guard scalars[index] == "," else { return nil }
            index += 1
            var upper = ""
            while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                upper.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard index < scalars.count, scalars[index] == "}" else { return nil }
            position = index + 1
            return .some(upper.isEmpty ? nil : (Int(upper) ?? Int.max))
        }
    }
}
