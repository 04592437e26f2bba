/// A parsed `FT.SEARCH` query string: a filter, and optionally a KNN clause over its results.
indirect enum SearchFilter {
    case all
    /// Matches nothing (a field the index does not have, as RediSearch answers an empty result).
    case none
    case tag(field: Int, values: [String])
    case numeric(field: Int, low: Double, lowExclusive: Bool, high: Double, highExclusive: Bool)
    /// Every word in one of `fields` (nil: any TEXT field).
    case text(fields: [Int]?, words: [String])
    case vectorRange(field: Int, radius: Double, query: [Float], yield: String?)
    case and([SearchFilter])
    case or([SearchFilter])
    case not(SearchFilter)
}

struct KNNClause {
    var k: Int
    var field: Int?
    var query: [Float]
    var scoreName: String
    var efRuntime: Int?
}

struct SearchQuery {
    var filter: SearchFilter
    var knn: KNNClause?
    /// The names distances are yielded under, in the order RediSearch registers them.
    var metricNames: [String]
}

/// Parses the query dialect a semantic cache uses (DIALECT 2): `*`, `@tag:{a | b}`, `@num:[lo hi]`
/// with `(` exclusive bounds and `inf`, words and `@text:(words)`, juxtaposition (AND), `|` (OR),
/// `-` (NOT), parentheses, `$params`, `=>[KNN k @vec $blob AS name]` after a filter, and
/// `@vec:[VECTOR_RANGE r $blob]=>{$YIELD_DISTANCE_AS: name}`.
struct SearchQueryParser {
    private let text: [UInt8]
    private var position = 0
    private let schema: SearchSchema
    private let params: [String: [UInt8]]
    private var metricNames: [String] = []

    init(_ text: [UInt8], schema: SearchSchema, params: [String: [UInt8]]) {
        self.text = text
        self.schema = schema
        self.params = params
    }

    mutating func parse() throws -> SearchQuery {
        skipSpaces()
        var filter = SearchFilter.all
        var knn: KNNClause?
        if !atEnd {
            filter = try parseUnion()
            skipSpaces()
            if startsWith("=>") {
                position += 2
                skipSpaces()
                knn = try parseKNN()
            }
        }
        skipSpaces()
        if !atEnd { throw syntaxError() }
        if let clause = knn { metricNames.insert(clause.scoreName, at: 0) }
        return SearchQuery(filter: filter, knn: knn, metricNames: metricNames)
    }

    private var atEnd: Bool { position >= text.count }
    private var current: UInt8? { atEnd ? nil : text[position] }

    private func startsWith(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard position + bytes.count <= text.count else { return false }
        for (i, b) in bytes.enumerated() where lower(text[position + i]) != lower(b) { return false }
        return true
    }

    private func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c | 0x20 : c }

    private mutating func skipSpaces() {
        while let c = current, c == 32 || c == 9 || c == 10 || c == 13 { position += 1 }
    }

    private func syntaxError() -> SearchError {
        let near = atEnd ? "" : String(decoding: text[position...].prefix(20), as: UTF8.self)
        return SearchError("Syntax error at offset \(position) near \(near)")
    }

    private mutating func parseUnion() throws -> SearchFilter {
        var parts = [try parseIntersection()]
        skipSpaces()
        while current == UInt8(ascii: "|") {
            position += 1
            parts.append(try parseIntersection())
            skipSpaces()
        }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func parseIntersection() throws -> SearchFilter {
        var parts: [SearchFilter] = []
        while true {
            skipSpaces()
            guard let c = current, c != UInt8(ascii: "|"), c != UInt8(ascii: ")"), !startsWith("=>") else { break }
            parts.append(try parseUnary())
        }
        guard !parts.isEmpty else { throw syntaxError() }
        let narrowed = parts.filter { if case .all = $0 { false } else { true } }
        if narrowed.isEmpty { return .all }
        return narrowed.count == 1 ? narrowed[0] : .and(narrowed)
    }

    private mutating func parseUnary() throws -> SearchFilter {
        skipSpaces()
        if current == UInt8(ascii: "-") {
            position += 1
            return .not(try parseUnary())
        }
        if current == UInt8(ascii: "*") {
            position += 1
            return .all
        }
        if current == UInt8(ascii: "(") {
            position += 1
            let inner = try parseUnion()
            skipSpaces()
            guard current == UInt8(ascii: ")") else { throw syntaxError() }
            position += 1
            return inner
        }
        if current == UInt8(ascii: "@") {
            return try parseField()
        }
        let word = try readWord()
        let words = SearchText.words(Array(word.utf8)).filter { !SearchText.stopwords.contains($0) }
        return words.isEmpty ? .all : .text(fields: nil, words: words)
    }

    /// A bare word, a `$param` or a quoted phrase.
    private mutating func readWord() throws -> String {
        if current == UInt8(ascii: "\"") {
            position += 1
            let start = position
            while let c = current, c != UInt8(ascii: "\"") { position += 1 }
            guard current == UInt8(ascii: "\"") else { throw syntaxError() }
            let phrase = String(decoding: text[start..<position], as: UTF8.self)
            position += 1
            return phrase
        }
        var bytes: [UInt8] = []
        while let c = current {
            if c == UInt8(ascii: "\\"), position + 1 < text.count {
                bytes.append(text[position + 1])
                position += 2
                continue
            }
            if c == 32 || c == 9 || c == UInt8(ascii: "|") || c == UInt8(ascii: "(") || c == UInt8(ascii: ")")
                || c == UInt8(ascii: "{") || c == UInt8(ascii: "}") || c == UInt8(ascii: "[")
                || c == UInt8(ascii: "]") || c == UInt8(ascii: ":") || c == UInt8(ascii: "@")
                || (c == UInt8(ascii: "=") && startsWith("=>"))
            {
                break
            }
            bytes.append(c)
            position += 1
        }
        guard !bytes.isEmpty else { throw syntaxError() }
        let word = String(decoding: bytes, as: UTF8.self)
        if word.hasPrefix("$") { return String(decoding: try param(String(word.dropFirst())), as: UTF8.self) }
        return word
    }

    private func param(_ name: String) throws -> [UInt8] {
        guard let value = params[name] else { throw SearchError("No such parameter `\(name)`") }
        return value
    }

    private mutating func readName() throws -> String {
        let start = position
        while let c = current,
            c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
                || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 128
        {
            position += 1
        }
        guard position > start else { throw syntaxError() }
        return String(decoding: text[start..<position], as: UTF8.self)
    }

    private mutating func parseField() throws -> SearchFilter {
        position += 1
        let name = try readName()
        skipSpaces()
        guard current == UInt8(ascii: ":") else { throw syntaxError() }
        position += 1
        skipSpaces()
        let index = schema.fieldIndex(named: name)
        let field = index.map { schema.fields[$0] }
        switch current {
        case UInt8(ascii: "{"):
            position += 1
            let values = try readTags(caseSensitive: field?.caseSensitive ?? false)
            guard let index, field?.kind == .tag else { return .none }
            return .tag(field: index, values: values)
        case UInt8(ascii: "["):
            position += 1
            skipSpaces()
            if startsWith("VECTOR_RANGE") {
                position += "VECTOR_RANGE".utf8.count
                return try parseVectorRange(index)
            }
            let (low, lowExclusive) = try readBound()
            skipSpaces()
            if current == UInt8(ascii: ",") { position += 1 }
            let (high, highExclusive) = try readBound()
            skipSpaces()
            guard current == UInt8(ascii: "]") else { throw syntaxError() }
            position += 1
            guard let index, field?.kind == .numeric else { return .none }
            return .numeric(
                field: index, low: low, lowExclusive: lowExclusive, high: high, highExclusive: highExclusive)
        case UInt8(ascii: "("):
            position += 1
            var words: [String] = []
            while true {
                skipSpaces()
                guard let c = current else { throw syntaxError() }
                if c == UInt8(ascii: ")") { break }
                words += SearchText.words(Array(try readWord().utf8))
            }
            position += 1
            words = words.filter { !SearchText.stopwords.contains($0) }
            guard let index, field?.kind == .text else { return .none }
            return words.isEmpty ? .all : .text(fields: [index], words: words)
        default:
            let words = SearchText.words(Array(try readWord().utf8)).filter { !SearchText.stopwords.contains($0) }
            guard let index, field?.kind == .text else { return .none }
            return words.isEmpty ? .all : .text(fields: [index], words: words)
        }
    }

    private mutating func readTags(caseSensitive: Bool) throws -> [String] {
        var values: [String] = []
        var bytes: [UInt8] = []
        func flush() throws {
            var slice = bytes[...]
            while let last = slice.last, last == 32 { slice = slice.dropLast() }
            while let first = slice.first, first == 32 { slice = slice.dropFirst() }
            var value = String(decoding: slice, as: UTF8.self)
            if value.hasPrefix("$") { value = String(decoding: try param(String(value.dropFirst())), as: UTF8.self) }
            if !value.isEmpty { values.append(caseSensitive ? value : value.lowercased()) }
            bytes.removeAll()
        }
        while let c = current {
            position += 1
            if c == UInt8(ascii: "\\"), let next = current {
                bytes.append(next)
                position += 1
            } else if c == UInt8(ascii: "|") {
                try flush()
            } else if c == UInt8(ascii: "}") {
                try flush()
                return values
            } else {
                bytes.append(c)
            }
        }
        throw syntaxError()
    }

    private mutating func readBound() throws -> (Double, Bool) {
        skipSpaces()
        var exclusive = false
        if current == UInt8(ascii: "(") {
            exclusive = true
            position += 1
        }
        let start = position
        while let c = current, c != 32, c != UInt8(ascii: "]"), c != UInt8(ascii: ",") { position += 1 }
        var token = String(decoding: text[start..<position], as: UTF8.self)
        if token.hasPrefix("$") { token = String(decoding: try param(String(token.dropFirst())), as: UTF8.self) }
        if token.hasPrefix("(") {
            exclusive = true
            token.removeFirst()
        }
        switch token.lowercased() {
        case "inf", "+inf": return (.infinity, exclusive)
        case "-inf": return (-.infinity, exclusive)
        default:
            guard let value = parseRedisDouble(Array(token.utf8)) else {
                throw SearchError("Syntax error at offset \(start) near \(token)")
            }
            return (value, exclusive)
        }
    }

    private mutating func readNumberOrParam() throws -> [UInt8] {
        skipSpaces()
        let start = position
        while let c = current, c != 32, c != UInt8(ascii: "]") { position += 1 }
        let token = Array(text[start..<position])
        if token.first == UInt8(ascii: "$") { return try param(String(decoding: token.dropFirst(), as: UTF8.self)) }
        return token
    }

    private mutating func readBlob(_ field: SearchField?) throws -> [Float]? {
        skipSpaces()
        guard current == UInt8(ascii: "$") else { throw syntaxError() }
        position += 1
        let blob = try param(try readName())
        guard let field, let options = field.vector else { return nil }
        guard let vector = SearchDistance.prepare(blob, dimension: options.dimension, metric: options.metric) else {
            throw SearchError(
                "Error parsing vector similarity query: query vector blob size (\(blob.count)) does not match"
                    + " index's expected size (\(options.dimension * 4)).")
        }
        return vector
    }

    private mutating func parseVectorRange(_ index: Int?) throws -> SearchFilter {
        let radiusText = try readNumberOrParam()
        guard let radius = parseRedisDouble(radiusText) else { throw syntaxError() }
        let field = index.map { schema.fields[$0] }
        let vector = try readBlob(field?.kind == .vector ? field : nil)
        skipSpaces()
        guard current == UInt8(ascii: "]") else { throw syntaxError() }
        position += 1
        var yield: String?
        skipSpaces()
        if startsWith("=>") {
            position += 2
            yield = try readAttributes()["$yield_distance_as"]
        }
        if radius < 0 {
            throw SearchError(
                "Error parsing vector similarity query: negative radius (\(cFormat("%g", radius))) given in a range"
                    + " query")
        }
        if let yield { metricNames.append(yield) }
        guard let index, let vector else { return .none }
        return .vectorRange(field: index, radius: radius, query: vector, yield: yield)
    }

    /// `{$name: value; $other: value}`.
    private mutating func readAttributes() throws -> [String: String] {
        skipSpaces()
        guard current == UInt8(ascii: "{") else { throw syntaxError() }
        position += 1
        var attributes: [String: String] = [:]
        while true {
            skipSpaces()
            if current == UInt8(ascii: "}") {
                position += 1
                return attributes
            }
            guard current == UInt8(ascii: "$") else { throw syntaxError() }
            position += 1
            let name = "$" + (try readName()).lowercased()
            skipSpaces()
            guard current == UInt8(ascii: ":") else { throw syntaxError() }
            position += 1
            skipSpaces()
            var value = try readName()
            if value.hasPrefix("$") { value = String(decoding: try param(String(value.dropFirst())), as: UTF8.self) }
            attributes[name] = value
            skipSpaces()
            if current == UInt8(ascii: ";") { position += 1 }
        }
    }

    private mutating func parseKNN() throws -> KNNClause {
        guard current == UInt8(ascii: "[") else { throw syntaxError() }
        position += 1
        skipSpaces()
        guard startsWith("KNN") else { throw syntaxError() }
        position += 3
        let kText = String(decoding: try readNumberOrParam(), as: UTF8.self)
        guard let k = Int(kText), k >= 0 else { throw SearchError("Syntax error at offset \(position) near \(kText)") }
        skipSpaces()
        guard current == UInt8(ascii: "@") else { throw syntaxError() }
        position += 1
        let name = try readName()
        let index = schema.fieldIndex(named: name)
        let field = index.map { schema.fields[$0] }
        let vector = try readBlob(field?.kind == .vector ? field : nil)
        var scoreName = "__\(name)_score"
        var efRuntime: Int?
        while true {
            skipSpaces()
            if current == UInt8(ascii: "]") {
                position += 1
                break
            }
            if startsWith("AS ") || startsWith("AS\t") {
                position += 2
                skipSpaces()
                scoreName = try readName()
            } else if startsWith("EF_RUNTIME") {
                position += "EF_RUNTIME".utf8.count
                let value = String(decoding: try readNumberOrParam(), as: UTF8.self)
                guard let ef = Int(value), ef > 0 else { throw syntaxError() }
                efRuntime = ef
            } else {
                throw syntaxError()
            }
        }
        skipSpaces()
        if startsWith("=>") {
            position += 2
            if let yield = try readAttributes()["$yield_distance_as"] {
                if scoreName != "__\(name)_score" && scoreName != yield {
                    throw SearchError("Distance field was specified twice for vector query: \(scoreName) and \(yield)")
                }
                scoreName = yield
            }
        }
        return KNNClause(
            k: k, field: field?.kind == .vector ? index : nil, query: vector ?? [], scoreName: scoreName,
            efRuntime: efRuntime)
    }
}
