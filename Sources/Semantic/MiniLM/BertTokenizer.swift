import Foundation

/// BERT's uncased tokenizer: basic tokenisation (clean control characters, split CJK ideographs,
/// lowercase, strip accents, split punctuation) followed by greedy longest-match WordPiece.
public struct BertTokenizer: Sendable {
    /// Token ids and their strings, `[CLS] … [SEP]` included.
    public struct Encoding: Equatable, Sendable {
        public var ids: [Int32]
        public var tokens: [String]
    }

    private let vocabulary: [[UInt8]: Int32]
    private let clsID: Int32
    private let sepID: Int32
    private let unknownID: Int32
    /// Longest word WordPiece splits; longer words become `[UNK]`.
    public let maxCharactersPerWord = 100
    /// Longest sequence the model sees, `[CLS]` and `[SEP]` included.
    public let maxLength: Int

    /// Number of entries in the vocabulary.
    public var vocabularySize: Int { vocabulary.count }

    /// Reads `vocab.txt` (one token per line, the line number is the id).
    public init(vocabularyFile path: String, maxLength: Int = 256) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SemanticError.io(file: path, reason: "cannot read vocabulary")
        }
        var vocabulary: [[UInt8]: Int32] = [:]
        var line: [UInt8] = []
        var id: Int32 = 0
        for byte in data {
            if byte == UInt8(ascii: "\n") {
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                vocabulary[line] = id
                id += 1
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(byte)
            }
        }
        if !line.isEmpty { vocabulary[line] = id }
        try self.init(vocabulary: vocabulary, maxLength: maxLength, source: path)
    }

    /// Builds a tokenizer from token → id pairs (used by tests with a tiny vocabulary).
    public init(vocabulary tokens: [String: Int32], maxLength: Int = 256) throws {
        var vocabulary: [[UInt8]: Int32] = [:]
        for (token, id) in tokens { vocabulary[Array(token.utf8)] = id }
        try self.init(vocabulary: vocabulary, maxLength: maxLength, source: "vocabulary")
    }

    private init(vocabulary: [[UInt8]: Int32], maxLength: Int, source: String) throws {
        func id(_ token: String) throws -> Int32 {
            guard let id = vocabulary[Array(token.utf8)] else {
                throw SemanticError.modelCorrupt(file: source, reason: "vocabulary lacks \(token)")
            }
            return id
        }
        self.vocabulary = vocabulary
        self.clsID = try id("[CLS]")
        self.sepID = try id("[SEP]")
        self.unknownID = try id("[UNK]")
        self.maxLength = max(2, maxLength)
    }

    /// Token ids for `text`, truncated to `maxLength` including `[CLS]` and `[SEP]`.
    public func encode(_ text: String) -> Encoding {
        var ids: [Int32] = [clsID]
        var tokens: [String] = ["[CLS]"]
        let limit = maxLength - 2
        outer: for word in BasicTokenizer.split(text) {
            for piece in wordPieces(word) {
                if ids.count - 1 >= limit { break outer }
                ids.append(piece.id)
                tokens.append(piece.token)
            }
        }
        ids.append(sepID)
        tokens.append("[SEP]")
        return Encoding(ids: ids, tokens: tokens)
    }

    private func wordPieces(_ word: [Unicode.Scalar]) -> [(token: String, id: Int32)] {
        if word.count > maxCharactersPerWord { return [("[UNK]", unknownID)] }
        var pieces: [(token: String, id: Int32)] = []
        var start = 0
        while start < word.count {
            var end = word.count
            var found: (token: String, id: Int32)?
            while start < end {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: word[start..<end])
                let candidate = start > 0 ? "##" + String(view) : String(view)
                if let id = vocabulary[Array(candidate.utf8)] {
                    found = (candidate, id)
                    break
                }
                end -= 1
            }
            guard let piece = found else { return [("[UNK]", unknownID)] }
            pieces.append(piece)
            start = end
        }
        return pieces
    }
}
