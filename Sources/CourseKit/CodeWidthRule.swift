/// Code in a lesson, written in a fence or included from a source file, is at most 80 columns wide: wider
/// lines wrap in a terminal or scroll sideways in a book, and a listing nobody can read at a glance
/// teaches nothing. A wider line is an error at the lesson's line (and, for included code, the source line).
enum CodeWidthRule {
    static let maxColumns = 80

    /// Columns a code line takes: one per character, a tab counted as 4.
    static func columns(_ line: String) -> Int {
        line.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
    }

    /// Checks one code line written in the lesson.
    static func check(_ line: String, lessonLine: Int, diagnostics: FileDiagnostics) {
        let width = columns(line)
        guard width > maxColumns else { return }
        diagnostics.report(
            "code-too-wide",
            "code line is \(width) columns wide, more than \(maxColumns); wrap it (a command continues after ` \\`)",
            line: lessonLine, column: maxColumns + 1)
    }

    /// Checks the lines an include brings into a code block.
    static func check(_ included: IncludedLines, lessonLine: Int, diagnostics: FileDiagnostics) {
        for (text, line) in included.lines {
            let width = columns(text)
            guard width > maxColumns else { continue }
            diagnostics.report(
                "code-too-wide",
                "included code line \(included.path):\(line) is \(width) columns wide, more than \(maxColumns); "
                    + "include a shorter excerpt (an ANCHOR range around the lines that matter)",
                line: lessonLine)
        }
    }
}
