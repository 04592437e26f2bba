/// One indexed hash: its document id (a new one each time the hash is indexed again, as in RediSearch)
/// and the values of its schema fields as the filters read them.
struct SearchDocument {
    var id: UInt64
    /// A hash of each schema field's value (nil: the hash lacks it): a write that changes none of them
    /// (EXPIRE, a field outside the schema) keeps the document and its id.
    var fingerprint: [Int?]
    var numbers: [Double?]
    var tags: [[String]?]
    var words: [Set<String>?]
}

/// An index `FT.CREATE` made: the documents of the hashes under its prefixes, and a vector store per
/// vector field. Filters are evaluated document by document; vectors go through `SearchVectorStore`.
final class SearchIndex {
    let schema: SearchSchema
    private(set) var documents: [KeyBytes: SearchDocument] = [:]
    private(set) var keysByID: [UInt64: KeyBytes] = [:]
    private(set) var vectors: [Int: SearchVectorStore] = [:]
    private(set) var maxDocumentID: UInt64 = 0
    private(set) var indexingFailures = 0
    private(set) var lastFailure: String?
    private(set) var lastFailureKey: KeyBytes?
    private(set) var fieldFailures: [Int: (count: Int, message: String, key: KeyBytes)] = [:]
    var numberOfUses = 0
    var dialectCounts = [0, 0, 0, 0]
    /// Total characters of indexed text, for FT.INFO's rough term statistics.
    private(set) var recordCount = 0

    init(schema: SearchSchema) {
        self.schema = schema
        for (i, field) in schema.fields.enumerated() {
            if let options = field.vector { vectors[i] = SearchVectorStore(options: options) }
        }
    }

    var documentCount: Int { documents.count }

    func matchesPrefix(_ key: KeyBytes) -> Bool {
        key.withUnsafeBytes { raw in
            schema.prefixes.contains { prefix in
                prefix.count <= raw.count && zip(prefix, raw).allSatisfy { $0 == $1 }
            }
        }
    }

    /// Brings `key`'s document in line with `hash` (nil: the key is gone, expired or not a hash).
    func update(_ key: KeyBytes, hash: HashValue?) {
        guard let hash, hash.count > 0 else {
            remove(key)
            return
        }
        var raw: [[UInt8]?] = []
        raw.reserveCapacity(schema.fields.count)
        for field in schema.fields { raw.append(hash.get(KeyBytes(field.identifier))?.bytes) }
        let fingerprint = raw.map { $0?.hashValue }
        if let existing = documents[key], existing.fingerprint == fingerprint { return }
        remove(key)
        var document = SearchDocument(
            id: 0, fingerprint: fingerprint, numbers: Array(repeating: nil, count: raw.count),
            tags: Array(repeating: nil, count: raw.count), words: Array(repeating: nil, count: raw.count))
        var prepared: [Int: [Float]] = [:]
        for (i, field) in schema.fields.enumerated() {
            guard let value = raw[i], !field.noIndex else { continue }
            switch field.kind {
            case .numeric:
                guard let number = parseRedisDouble(value) else {
                    return fail(key, field: i, "Invalid numeric value: '\(String(decoding: value, as: UTF8.self))'")
                }
                document.numbers[i] = number
            case .tag:
                document.tags[i] = SearchText.tags(
                    value, separator: field.separator, caseSensitive: field.caseSensitive)
            case .text:
                document.words[i] = Set(SearchText.words(value))
                recordCount += document.words[i]?.count ?? 0
            case .vector:
                guard let options = field.vector,
                    let vector = SearchDistance.prepare(value, dimension: options.dimension, metric: options.metric)
                else {
                    let expected = (field.vector?.dimension ?? 0) * 4
                    return fail(
                        key, field: i,
                        "Could not add vector with blob size \(value.count) (expected size \(expected))")
                }
                prepared[i] = vector
            }
        }
        maxDocumentID += 1
        document.id = maxDocumentID
        documents[key] = document
        keysByID[document.id] = key
        for (i, vector) in prepared { vectors[i]?.insert(document.id, vector) }
    }

    private func fail(_ key: KeyBytes, field: Int, _ message: String) {
        indexingFailures += 1
        lastFailure = message
        lastFailureKey = key
        let previous = fieldFailures[field]?.count ?? 0
        fieldFailures[field] = (previous + 1, message, key)
    }

    func remove(_ key: KeyBytes) {
        guard let document = documents.removeValue(forKey: key) else { return }
        keysByID[document.id] = nil
        for i in vectors.keys { vectors[i]?.remove(document.id) }
    }

    /// Drops a vector whose document is gone (keeps a search from meeting it again).
    func forgetVector(_ id: UInt64) {
        guard keysByID[id] == nil else { return }
        for i in vectors.keys { vectors[i]?.remove(id) }
    }

    func removeAll() {
        documents = [:]
        keysByID = [:]
        for i in vectors.keys { vectors[i]?.removeAll() }
    }

    func document(_ id: UInt64) -> (key: KeyBytes, document: SearchDocument)? {
        guard let key = keysByID[id], let document = documents[key] else { return nil }
        return (key, document)
    }

    /// Approximate bytes of the vector stores, for FT.INFO.
    var vectorBytes: Int { vectors.values.reduce(0) { $0 + $1.byteCount } }
}

/// RediSearch's default tokenisation, enough for TAG and plain TEXT matching (no stemming).
enum SearchText {
    /// Characters that separate words in TEXT fields and queries (RediSearch's default separators).
    static let separators = Set(" \t,.<>{}[]\"':;!@#$%^&*()-+=~|/\\?`".utf8)

    static func words(_ bytes: [UInt8]) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        for byte in bytes + [32] {
            if separators.contains(byte) || byte == 10 || byte == 13 {
                if !current.isEmpty {
                    words.append(String(decoding: current, as: UTF8.self).lowercased())
                    current.removeAll(keepingCapacity: true)
                }
            } else {
                current.append(byte)
            }
        }
        return words
    }

    /// A TAG field's values: split at the separator, surrounding spaces trimmed, lower-cased unless
    /// CASESENSITIVE; empty values are dropped.
    static func tags(_ bytes: [UInt8], separator: UInt8, caseSensitive: Bool) -> [String] {
        bytes.split(separator: separator).compactMap { part -> String? in
            var slice = part[...]
            while let first = slice.first, first == 32 || first == 9 { slice = slice.dropFirst() }
            while let last = slice.last, last == 32 || last == 9 { slice = slice.dropLast() }
            guard !slice.isEmpty else { return nil }
            let text = String(decoding: slice, as: UTF8.self)
            return caseSensitive ? text : text.lowercased()
        }
    }

    /// RediSearch's default English stop-words, dropped from text queries.
    static let stopwords: Set<String> = [
        "a", "is", "the", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "it", "no",
        "not", "of", "on", "or", "such", "that", "their", "then", "there", "these", "they", "this", "to", "was",
        "will", "with",
    ]
}
