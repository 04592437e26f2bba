import Foundation

/// What the caches store for one answer: the text plus what is needed to audit it later.
public struct CachedAnswer: Sendable, Codable, Hashable {
    public var text: String
    public var model: String
    /// The workload's intent label of the request that produced the answer (scenarios only).
    public var intent: String?
    public var createdMs: Int64

    enum CodingKeys: String, CodingKey {
        case text, model, intent
        case createdMs = "created_ms"
    }

    public init(text: String, model: String, intent: String?, createdMs: Int64) {
        self.text = text
        self.model = model
        self.intent = intent
        self.createdMs = createdMs
    }

    /// Compact, key-sorted JSON, so equal answers are stored as equal bytes (the bytes
    /// `JSONEncoder` writes with sorted keys and unescaped slashes).
    public var encoded: String {
        var writer = CachedAnswerJSON.Writer()
        writer.write(self)
        return writer.string
    }

    /// Decodes a stored entry; anything else (a value another program wrote) is not a hit.
    /// Entries in the usual shape take a fast path; anything unusual goes through `JSONDecoder`.
    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> CachedAnswer? where Bytes.Element == UInt8 {
        func read(_ buffer: UnsafeBufferPointer<UInt8>) -> CachedAnswerJSON.Parsed {
            var reader = CachedAnswerJSON.Reader(buffer)
            return reader.read()
        }
        let parsed = bytes.withContiguousStorageIfAvailable(read) ?? Array(bytes).withUnsafeBufferPointer(read)
        if case .answer(let answer) = parsed { return answer }
        return try? JSONDecoder().decode(CachedAnswer.self, from: Data(bytes))
    }
}
