extension Question {
    /// Parses what a learner typed in the REPL into a `Response` in file keys, given the seed the
    /// options or items were shown with (see `displayOptions(seed:)`). Throws a `ResponseParseError`
    /// that says why the text is not an answer, so the REPL can ask again.
    public func parseResponse(_ typed: String, seed: UInt64) throws(ResponseParseError) -> Response {
        switch kind {
        case .single, .multiple:
            return try parseChoice(typed, shown: displayOptions(seed: seed))
        case .order:
            return try parseOrder(typed, shown: displayItems(seed: seed))
        case .short:
            let text = typed.trimmingWhitespace()
            guard !text.isEmpty else { throw .empty(expected: "type your answer") }
            return .text(text)
        case .numeric:
            return try Self.parseNumber(typed, unit: unit)
        }
    }

    private func parseChoice(_ typed: String, shown: [DisplayedChoice]) throws(ResponseParseError) -> Response {
        let labels = shown.map(\.label)
        let tokens = Self.tokens(typed).map { $0.lowercased() }
        guard !tokens.isEmpty else {
            let what = kind == .single ? "type one letter" : "type the letters of every option you choose, e.g. `a c`"
            throw .empty(expected: "\(what) (\(labels.joined(separator: ", ")))")
        }
        var keys: [String] = []
        for token in tokens {
            guard let choice = shown.first(where: { $0.label == token }) else {
                throw .notALabel(token, labels: labels)
            }
            guard !keys.contains(choice.key) else { throw .repeated(token) }
            keys.append(choice.key)
        }
        if kind == .single {
            guard keys.count == 1, let key = keys.first else { throw .moreThanOne }
            return .option(key)
        }
        return .options(keys)
    }

    private func parseOrder(_ typed: String, shown: [DisplayedChoice]) throws(ResponseParseError) -> Response {
        let tokens = Self.tokens(typed)
        guard !tokens.isEmpty else { throw .wrongCount(expected: shown.count) }
        var keys: [String] = []
        for token in tokens {
            guard let choice = shown.first(where: { $0.label == token }) else {
                throw .notALabel(token, labels: shown.map(\.label))
            }
            guard !keys.contains(choice.key) else { throw .repeated(token) }
            keys.append(choice.key)
        }
        guard keys.count == shown.count else { throw .wrongCount(expected: shown.count) }
        return .order(keys)
    }

    /// Parses `5`, `5 s`, `5s`, `-0.5`, `1e3 ms`, `2,400 s`, `$3.25` into a number and a unit, for a
    /// question asked in `expected`. Another spelling of `expected` (`sec` for `s`) is accepted; another unit
    /// (`40 min` for `s`: no conversion, as DESIGN.md's grading says), or any unit where none is asked, is not
    /// an answer, so it is never counted.
    static func parseNumber(_ typed: String, unit expected: String?) throws(ResponseParseError) -> Response {
        var text = typed.trimmingWhitespace()
        guard !text.isEmpty else { throw .empty(expected: "type a number, optionally with its unit") }
        let dollar = text.hasPrefix("$")
        if dollar { text = String(text.dropFirst()).trimmingWhitespace() }
        let chars = Array(text)
        let numberEnd = numberPrefixLength(chars)
        let digits = String(chars[0..<numberEnd]).filter { $0 != "," }
        guard numberEnd > 0, let value = Double(digits), value.isFinite else {
            throw .notANumber(typed.trimmingWhitespace())
        }
        var unit = String(chars[numberEnd...]).trimmingWhitespace()
        guard unit.first.map({ !$0.isNumber && $0 != "." && $0 != "," }) ?? true else {
            throw .notANumber(typed.trimmingWhitespace())
        }
        if dollar {
            guard unit.isEmpty || NumericUnit.named(unit)?.dimension == .money else {
                throw .notANumber(typed.trimmingWhitespace())
            }
            unit = "$"
        }
        guard !unit.isEmpty else { return .number(value, unit: nil) }
        guard let expected else { throw .unexpectedUnit(unit) }
        guard NumericUnit.isSpelling(unit, of: expected) else { throw .wrongUnit(unit, expected: expected) }
        return .number(value, unit: expected)
    }

    /// Length of the decimal number at the start: sign, digits, fraction, exponent (`-1.5e3`); 0 if none.
    private static func numberPrefixLength(_ chars: [Character]) -> Int {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < chars.count, chars[index].isASCII, chars[index].isNumber { index += 1 }
            return index - start
        }
        func thousandsGroups() -> Int {
            var added = 0
            while index + 3 < chars.count, chars[index] == ",",
                chars[(index + 1)...(index + 3)].allSatisfy({ $0.isASCII && $0.isNumber }),
                !(index + 4 < chars.count && chars[index + 4].isASCII && chars[index + 4].isNumber)
            {
                index += 4
                added += 3
            }
            return added
        }
        if index < chars.count, chars[index] == "-" || chars[index] == "+" { index += 1 }
        var count = digits()
        if (1...3).contains(count) { count += thousandsGroups() }
        if index < chars.count, chars[index] == "." {
            index += 1
            count += digits()
        }
        guard count > 0 else { return 0 }
        let mantissaEnd = index
        if index < chars.count, chars[index] == "e" || chars[index] == "E" {
            index += 1
            if index < chars.count, chars[index] == "-" || chars[index] == "+" { index += 1 }
            if digits() == 0 { return mantissaEnd }
        }
        return index
    }

    /// Splits on whitespace and commas.
    static func tokens(_ typed: String) -> [String] {
        typed.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
    }
}

extension String {
    /// The text's lines, split at `\n` bytes (so a Windows `\r\n` ends a line too, its `\r` dropped).
    /// Splitting the UTF-8 bytes is several times faster than splitting Characters, which this does for
    /// every course file at start-up.
    func lines() -> [String] {
        utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            let trimmed = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
            return String(decoding: trimmed, as: UTF8.self)
        }
    }

    /// The string without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> String {
        // Course lines are nearly always ASCII at both ends: trim ASCII whitespace bytes, without grapheme breaking,
        // when what is left starts and ends with a visible ASCII character (no Character spans such a boundary).
        let bytes = utf8
        var start = bytes.startIndex
        while start != bytes.endIndex, Self.isASCIIWhitespace(bytes[start]) { start = bytes.index(after: start) }
        if start == bytes.endIndex { return "" }
        var end = bytes.endIndex
        while Self.isASCIIWhitespace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        let visible: ClosedRange<UInt8> = 0x21...0x7E
        if visible.contains(bytes[start]), visible.contains(bytes[bytes.index(before: end)]) {
            return start == bytes.startIndex && end == bytes.endIndex ? self : String(self[start..<end])
        }
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    /// Tab, line feed, vertical tab, form feed, carriage return and space.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Trimmed, with every run of inner whitespace collapsed to one space.
    func collapsingWhitespace() -> String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
