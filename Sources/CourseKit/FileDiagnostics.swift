/// Collects the findings for one file and places them with the file's key locator, which is built on first use:
/// a clean glossary or lesson front matter never needs one (start-up time).
final class FileDiagnostics {
    let file: String
    private let text: String
    private let lineOffset: Int
    private(set) lazy var locator = TOMLKeyLocator(text: text, lineOffset: lineOffset)
    private(set) var findings: [LintFinding] = []

    /// `lineOffset` is added to every key position (a lesson's front matter starts after its `+++` line).
    init(file: String, text: String, lineOffset: Int = 0) {
        self.file = file
        self.text = text
        self.lineOffset = lineOffset
    }

    /// Reports a finding at the key `path` (or its nearest ancestor).
    func report(_ code: String, _ message: String, at path: String) {
        let position = locator.position(of: path)
        findings.append(
            LintFinding(file: file, line: position.line, column: position.column, code: code, message: message))
    }

    /// Reports a finding at an explicit line and column.
    func report(_ code: String, _ message: String, line: Int, column: Int = 1) {
        findings.append(LintFinding(file: file, line: line, column: column, code: code, message: message))
    }

    /// "question 3, option 2" for `question[2].option[1]`, for messages about nested tables.
    static func describe(_ path: String) -> String {
        path.split(separator: ".").map { part -> String in
            guard part.hasSuffix("]"), let open = part.lastIndex(of: "["),
                let index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            else { return String(part) }
            return "\(part[..<open]) \(index + 1)"
        }.joined(separator: ", ")
    }
}
