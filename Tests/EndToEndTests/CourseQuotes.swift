import Foundation

/// What the course text quotes: every `archlab …` command line (in code blocks and inline code) and every
/// similarity figure, each with the file and line a writer must fix. Reads `Lessons/*.md`, `Lessons/faq.toml` and
/// `Lessons/glossary.toml` as text (TOML strings unescaped, so `\"` reads as `"`).
struct CourseQuotes {
    /// One quoted `archlab` command line.
    struct Command: Hashable {
        /// `Lessons/06-token-bucket.md:104`.
        var location: String
        /// The line after `archlab`, continuations joined, as written.
        var text: String
        /// Lines shown after it in the same code block before the next `$` line: its output, as the course quotes it.
        var shownOutput: [String] = []
    }

    /// A similarity the course quotes for two texts, and the model it names around it.
    struct SimilarityFigure: Hashable {
        var location: String
        var first: String
        var second: String
        /// `minilm` or `lexical`; nil when the text around it names neither.
        var model: String?
        /// As written, e.g. `0.909`.
        var figure: String
    }

    private(set) var commands: [Command] = []
    private(set) var figures: [SimilarityFigure] = []

    init(courseRoot: URL) throws {
        let lessons = courseRoot.appendingPathComponent("Lessons")
        let names = try FileManager.default.contentsOfDirectory(atPath: lessons.path)
            .filter { $0.hasSuffix(".md") }.sorted() + ["faq.toml", "glossary.toml"]
        for name in names {
            let text = try String(contentsOf: lessons.appendingPathComponent(name), encoding: .utf8)
            var lines = text.components(separatedBy: "\n")
            if name.hasSuffix(".toml") { lines = lines.map(Self.unescapeTOML) }
            scan(lines, file: "Lessons/" + name, unitStart: name.hasSuffix(".md") ? "## " : "[[")
        }
    }

    /// `\"` as `"` and `\\` as `\`: enough to read the course's TOML strings as a learner sees them.
    static func unescapeTOML(_ line: String) -> String {
        var out = ""
        var escaped = false
        for character in line {
            if escaped {
                out.append(character == "\"" || character == "\\" ? character : "\\")
                if character != "\"" && character != "\\" { out.append(character) }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        if escaped { out.append("\\") }
        return out
    }

    private mutating func scan(_ lines: [String], file: String, unitStart: String) {
        var fence = false
        var prose: [(line: Int, text: String)] = []
        var index = 0
        var lastBlockCommand: Int?
        func flushProse(_ quotes: inout CourseQuotes) {
            quotes.scanInlineCode(prose, file: file)
            prose = []
        }
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence.toggle()
                lastBlockCommand = nil
                if fence { flushProse(&self) }
                index += 1
                continue
            }
            guard fence else {
                prose.append((index + 1, line))
                index += 1
                continue
            }
            let start = index
            var command = trimmed.hasPrefix("$ ") ? String(trimmed.dropFirst(2)) : trimmed
            let isShellLine = trimmed.hasPrefix("$ ")
            while command.hasSuffix(" \\"), index + 1 < lines.count {
                index += 1
                command = String(command.dropLast(2)) + " " + lines[index].trimmingCharacters(in: .whitespaces)
            }
            if command.hasPrefix("archlab ") {
                commands.append(Command(location: "\(file):\(start + 1)", text: String(command.dropFirst(8))))
                lastBlockCommand = commands.count - 1
            } else if isShellLine {
                lastBlockCommand = nil
            } else if let owner = lastBlockCommand, !trimmed.isEmpty {
                commands[owner].shownOutput.append(trimmed)
            }
            index += 1
        }
        flushProse(&self)
        scanFigures(lines, file: file, unitStart: unitStart)
    }

    /// Inline code spans (which may wrap onto the next line) that start with `archlab `.
    private mutating func scanInlineCode(_ prose: [(line: Int, text: String)], file: String) {
        var open: (line: Int, text: String)?
        for (number, line) in prose {
            var rest = Substring(line)
            if open != nil, line.trimmingCharacters(in: .whitespaces).isEmpty { open = nil }
            while let tick = rest.firstIndex(of: "`") {
                let before = rest[..<tick]
                if var span = open {
                    span.text += before
                    open = nil
                    addInline(span, file: file)
                } else {
                    open = (number, "")
                }
                rest = rest[rest.index(after: tick)...]
            }
            if open != nil { open?.text += rest + " " }
        }
    }

    private mutating func addInline(_ span: (line: Int, text: String), file: String) {
        let text = span.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard text.hasPrefix("archlab ") else { return }
        commands.append(Command(location: "\(file):\(span.line)", text: String(text.dropFirst(8))))
    }

    /// Similarity figures: table rows `| A | B | 0.909 |`, and prose `"A" vs "B" scores 0.909` (`vs`, `against`,
    /// `/`; the figure follows within one clause). The model is the nearest of "MiniLM" or "lexical" before the
    /// figure in its page (or FAQ entry, or glossary term), else the nearest after it.
    private mutating func scanFigures(_ lines: [String], file: String, unitStart: String) {
        var units: [(start: Int, lines: [String])] = []
        for (index, line) in lines.enumerated() {
            if units.isEmpty || line.hasPrefix(unitStart) { units.append((index, [])) }
            units[units.count - 1].lines.append(line)
        }
        let row = /^\|\s*([^|]*?[A-Za-z][^|]*?)\s*\|\s*([^|]*?[A-Za-z][^|]*?)\s*\|\s*([01]\.\d{3})\s*\|\s*$/
        let pair = /"([^"\n]+)"\s*(?:vs\.?|against|\/)\s*"([^"\n]+)"[^".\n]{0,40}?([01]\.\d{3})/
        for unit in units {
            let text = unit.lines.joined(separator: "\n")
            var offsets: [Int] = []
            var total = 0
            for line in unit.lines {
                offsets.append(total)
                total += line.utf8.count + 1
            }
            func lineNumber(_ index: String.Index) -> Int {
                let offset = text.utf8.distance(from: text.startIndex, to: index)
                return unit.start + (offsets.lastIndex { $0 <= offset } ?? 0) + 1
            }
            for (index, line) in unit.lines.enumerated() {
                guard let match = line.wholeMatch(of: row) else { continue }
                let position = text.utf8.index(text.startIndex, offsetBy: offsets[index])
                figures.append(
                    SimilarityFigure(
                        location: "\(file):\(unit.start + index + 1)", first: String(match.1), second: String(match.2),
                        model: Self.model(in: text, at: position), figure: String(match.3)))
            }
            for match in text.matches(of: pair) {
                figures.append(
                    SimilarityFigure(
                        location: "\(file):\(lineNumber(match.range.lowerBound))", first: String(match.1),
                        second: String(match.2), model: Self.model(in: text, at: match.range.lowerBound),
                        figure: String(match.3)))
            }
        }
    }

    static func model(in text: String, at position: String.Index) -> String? {
        let lowered = text.lowercased()
        let distance = text.distance(from: text.startIndex, to: position)
        let cut = lowered.index(lowered.startIndex, offsetBy: distance, limitedBy: lowered.endIndex) ?? lowered.endIndex
        let before = lowered[..<cut]
        let minilm = before.ranges(of: "minilm").last?.lowerBound
        let lexical = before.ranges(of: "lexical").last?.lowerBound
        switch (minilm, lexical) {
        case let (m?, l?): return m > l ? "minilm" : "lexical"
        case (_?, nil): return "minilm"
        case (nil, _?): return "lexical"
        case (nil, nil):
            let after = lowered[cut...]
            let m = after.range(of: "minilm")?.lowerBound
            let l = after.range(of: "lexical")?.lowerBound
            switch (m, l) {
            case let (m?, l?): return m < l ? "minilm" : "lexical"
            case (_?, nil): return "minilm"
            case (nil, _?): return "lexical"
            case (nil, nil): return nil
            }
        }
    }
}
