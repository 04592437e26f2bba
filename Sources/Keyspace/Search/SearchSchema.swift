import NIOCore

/// An error reply of the search commands, worded as RediSearch words it (no `ERR ` prefix).
struct SearchError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

/// The field types `FT.CREATE … SCHEMA` accepts here.
enum SearchFieldKind: String {
    case text = "TEXT"
    case tag = "TAG"
    case numeric = "NUMERIC"
    case vector = "VECTOR"
}

enum VectorAlgorithm: String {
    case flat = "FLAT"
    case hnsw = "HNSW"
}

/// How RediSearch measures the distance between two vectors (smaller is closer).
enum VectorMetric: String {
    /// 1 − cosine similarity.
    case cosine = "COSINE"
    /// Squared Euclidean distance.
    case l2 = "L2"
    /// 1 − inner product.
    case ip = "IP"
}

struct VectorOptions {
    var algorithm: VectorAlgorithm
    var dimension = 0
    var metric = VectorMetric.cosine
    /// HNSW parameters with RediSearch's defaults.
    var m = 16
    var efConstruction = 200
    var efRuntime = 10
    var epsilon = 0.01
}

/// One `SCHEMA` entry: the hash field it reads (`identifier`) and the name queries use (`name`, its `AS` alias).
struct SearchField {
    var identifier: [UInt8]
    var name: String
    var kind: SearchFieldKind
    var weight = 1.0
    var separator = UInt8(ascii: ",")
    var caseSensitive = false
    var sortable = false
    var unf = false
    var noStem = false
    var noIndex = false
    var withSuffixTrie = false
    var vector: VectorOptions?

    var identifierText: String { String(decoding: identifier, as: UTF8.self) }
}

/// What `FT.CREATE` defined: the key prefixes a hash must start with and the schema.
struct SearchSchema {
    var name: String
    var prefixes: [[UInt8]] = []
    var scoreDefault = 1.0
    var languageField: String?
    var scoreField: String?
    var payloadField: String?
    var stopwords: [String]?
    var noOffsets = false
    var noHighlight = false
    var noFields = false
    var noFrequencies = false
    var fields: [SearchField] = []

    /// The field a query names with `@name` (attribute names are case-sensitive in RediSearch 2.8).
    func fieldIndex(named name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }
}

/// Reads `FT.CREATE index [ON HASH] [PREFIX n p…] [options] SCHEMA field type [options] …`.
struct SearchSchemaParser {
    private let args: [[UInt8]]
    private var position = 0

    init(_ argv: [ByteBuffer]) {
        args = argv.map { Array($0.readableBytesView) }
    }

    private var atEnd: Bool { position >= args.count }
    private func text(_ i: Int) -> String { String(decoding: args[i], as: UTF8.self) }
    private func peekIs(_ word: String) -> Bool {
        !atEnd && text(position).uppercased() == word
    }

    private mutating func next() -> String? {
        guard !atEnd else { return nil }
        position += 1
        return text(position - 1)
    }

    mutating func parse() throws -> SearchSchema {
        position = 1
        guard let name = next() else { throw SearchError("Fields arguments are missing") }
        var schema = SearchSchema(name: name)
        var sawSchema = false
        while let word = next() {
            switch word.uppercased() {
            case "SCHEMA":
                sawSchema = true
            case "ON":
                guard let type = next() else { throw SearchError("Bad arguments for ON: Expected an argument") }
                if type.uppercased() == "JSON" {
                    throw SearchError("ON JSON is not supported by archlab redis-server (hashes only)")
                }
                guard type.uppercased() == "HASH" else { throw SearchError("Invalid `ON` document type") }
            case "PREFIX":
                guard let countText = next(), let count = Int(countText), count >= 0,
                    position + count <= args.count
                else { throw SearchError("Bad arguments for PREFIX: Bad argument count") }
                schema.prefixes += args[position..<(position + count)]
                position += count
            case "SCORE":
                guard let value = next(), let score = Double(value), score >= 0, score <= 1 else {
                    throw SearchError("Invalid score")
                }
                schema.scoreDefault = score
            case "LANGUAGE":
                guard let language = next() else { throw SearchError("Invalid language") }
                guard language.lowercased() == "english" else {
                    throw SearchError("Invalid language (only English is supported by archlab redis-server)")
                }
            case "LANGUAGE_FIELD": schema.languageField = next()
            case "SCORE_FIELD": schema.scoreField = next()
            case "PAYLOAD_FIELD": schema.payloadField = next()
            case "MAXTEXTFIELDS", "SKIPINITIALSCAN", "NOHL", "NOOFFSETS", "NOFIELDS", "NOFREQS":
                switch word.uppercased() {
                case "NOHL": schema.noHighlight = true
                case "NOOFFSETS": schema.noOffsets = true; schema.noHighlight = true
                case "NOFIELDS": schema.noFields = true
                case "NOFREQS": schema.noFrequencies = true
                default: break
                }
            case "TEMPORARY":
                _ = next()
            case "STOPWORDS":
                guard let countText = next(), let count = Int(countText), count >= 0,
                    position + count <= args.count
                else { throw SearchError("Bad arguments for STOPWORDS: Bad argument count") }
                schema.stopwords = (position..<(position + count)).map { text($0).lowercased() }
                position += count
            case "FILTER":
                throw SearchError("FILTER expressions are not supported by archlab redis-server")
            default:
                throw SearchError("Unknown argument `\(word)`")
            }
            if sawSchema { break }
        }
        guard sawSchema else { throw SearchError("No schema found") }
        guard !atEnd else { throw SearchError("Fields arguments are missing") }
        if schema.prefixes.isEmpty { schema.prefixes = [[]] }
        while !atEnd {
            let field = try parseField()
            if schema.fields.contains(where: { $0.name == field.name || $0.identifier == field.identifier }) {
                throw SearchError("Duplicate field in schema - \(field.name)")
            }
            schema.fields.append(field)
        }
        return schema
    }

    private mutating func parseField() throws -> SearchField {
        let identifier = args[position]
        position += 1
        var name = String(decoding: identifier, as: UTF8.self)
        if peekIs("AS") {
            position += 1
            guard let alias = next() else { throw SearchError("AS requires an argument") }
            name = alias
        }
        guard let typeWord = next() else { throw SearchError("Field `\(name)` does not have a type") }
        guard let kind = SearchFieldKind(rawValue: typeWord.uppercased()) else {
            throw SearchError("Invalid field type for field `\(name)`")
        }
        var field = SearchField(identifier: identifier, name: name, kind: kind)
        if kind == .vector {
            field.vector = try parseVector()
        }
        while !atEnd {
            let option = text(position).uppercased()
            switch (option, kind) {
            case ("SORTABLE", .text), ("SORTABLE", .tag), ("SORTABLE", .numeric):
                field.sortable = true
                position += 1
                if peekIs("UNF") {
                    field.unf = true
                    position += 1
                }
                if kind == .numeric { field.unf = true }
            case ("NOINDEX", .text), ("NOINDEX", .tag), ("NOINDEX", .numeric):
                field.noIndex = true
                position += 1
            case ("WEIGHT", .text):
                position += 1
                guard let value = next(), let weight = Double(value) else {
                    throw SearchError("Bad arguments for weight: Could not convert argument to expected type")
                }
                field.weight = weight
            case ("NOSTEM", .text):
                field.noStem = true
                position += 1
            case ("PHONETIC", .text):
                position += 1
                guard next() != nil else { throw SearchError("PHONETIC requires an argument") }
            case ("WITHSUFFIXTRIE", .text), ("WITHSUFFIXTRIE", .tag):
                field.withSuffixTrie = true
                position += 1
            case ("SEPARATOR", .tag):
                position += 1
                guard let separator = next(), separator.utf8.count == 1, let byte = separator.utf8.first else {
                    throw SearchError("Tag separator must be a single character. Got `\(text(position - 1))`")
                }
                field.separator = byte
            case ("CASESENSITIVE", .tag):
                field.caseSensitive = true
                position += 1
            case ("INDEXEMPTY", _), ("INDEXMISSING", _):
                position += 1
            default:
                return field
            }
        }
        return field
    }

    private mutating func parseVector() throws -> VectorOptions {
        guard let algorithmText = next() else {
            throw SearchError("Bad arguments for vector similarity algorithm: Expected an argument, but none provided")
        }
        guard let algorithm = VectorAlgorithm(rawValue: algorithmText.uppercased()) else {
            throw SearchError("Bad arguments for vector similarity algorithm: Argument not found")
        }
        let label = algorithm.rawValue
        guard let countText = next(), let count = Int(countText) else {
            throw SearchError(
                "Bad arguments for vector similarity number of parameters: Expected an argument, but none provided")
        }
        guard count % 2 == 0 else {
            throw SearchError(
                "Bad number of arguments for vector similarity index: got \(count) but expected even number"
                    + (algorithm == .hnsw
                        ? " (as algorithm parameters should be submitted as named arguments)"
                        : " as algorithm parameters (should be submitted as named arguments)"))
        }
        let available = min(count, args.count - position)
        var options = VectorOptions(algorithm: algorithm)
        var sawType = false
        var sawDimension = false
        var sawMetric = false
        let end = position + available
        func bad(_ name: String) -> SearchError {
            SearchError("Bad arguments for vector similarity \(label) index `\(name)`: Could not convert argument")
        }
        while position < end {
            let key = text(position).uppercased()
            position += 1
            guard position < end || position < args.count else { throw bad(key) }
            let value = position < args.count ? text(position) : ""
            position += 1
            switch key {
            case "TYPE":
                guard value.uppercased() == "FLOAT32" else {
                    throw SearchError(
                        "Bad arguments for vector similarity \(label) index `TYPE`: Invalid argument value"
                            + " (only FLOAT32 is supported by archlab redis-server)")
                }
                sawType = true
            case "DIM":
                guard let dimension = Int(value), dimension > 0 else { throw bad("DIM") }
                options.dimension = dimension
                sawDimension = true
            case "DISTANCE_METRIC":
                guard let metric = VectorMetric(rawValue: value.uppercased()) else { throw bad("DISTANCE_METRIC") }
                options.metric = metric
                sawMetric = true
            case "INITIAL_CAP":
                guard Int(value) != nil else { throw bad(key) }
            case "BLOCK_SIZE" where algorithm == .flat:
                guard Int(value) != nil else { throw bad(key) }
            case "M" where algorithm == .hnsw:
                guard let m = Int(value), m > 0 else { throw bad("M") }
                options.m = m
            case "EF_CONSTRUCTION" where algorithm == .hnsw:
                guard let ef = Int(value), ef > 0 else { throw bad("EF_CONSTRUCTION") }
                options.efConstruction = ef
            case "EF_RUNTIME" where algorithm == .hnsw:
                guard let ef = Int(value), ef > 0 else { throw bad("EF_RUNTIME") }
                options.efRuntime = ef
            case "EPSILON" where algorithm == .hnsw:
                guard let epsilon = Double(value), epsilon > 0 else { throw bad("EPSILON") }
                options.epsilon = epsilon
            default:
                throw SearchError("Bad arguments for algorithm \(label): \(key)")
            }
        }
        if available < count {
            throw SearchError("Expected \(count) parameters but got \(available)")
        }
        let missing =
            !sawType ? "TYPE" : !sawDimension ? "DIM" : !sawMetric ? "DISTANCE_METRIC" : nil
        if let missing {
            throw SearchError(
                "Missing mandatory parameter: cannot create \(label) index without specifying \(missing) argument")
        }
        return options
    }
}
