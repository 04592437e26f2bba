import Foundation

/// The features the lexical embedder hashes: words, word bigrams and per-word character trigrams,
/// each prefixed with its group (`w|`, `b|`, `c|`) exactly as `lexical-reference.json` specifies.
public struct LexicalFeatures: Equatable, Sendable {
    public var words: [String]
    public var bigrams: [String]
    public var trigrams: [String]

    /// Lowercase, canonical decomposition, combining marks (Mn) dropped.
    public static func normalise(_ text: String) -> String {
        // ASCII has nothing to decompose and no combining marks.
        isASCII(text) ? text.lowercased() : unicodeNormalise(text)
    }

    /// `normalise` for any text (the ASCII shortcut must agree with it; the tests check).
    static func unicodeNormalise(_ text: String) -> String {
        let decomposed = text.lowercased().decomposedStringWithCanonicalMapping
        var scalars = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Maximal runs of Unicode letters and digits in the normalised text.
    public static func words(in text: String) -> [String] {
        isASCII(text) ? asciiWords(in: text) : unicodeWords(in: text)
    }

    /// `words(in:)` for any text, scalar by scalar.
    static func unicodeWords(in text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in unicodeNormalise(text).unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                result.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }

    public init(text: String) {
        let words = LexicalFeatures.words(in: text)
        self.words = words.map { "w|" + $0 }
        self.bigrams = zip(words, words.dropFirst()).map { "b|" + $0 + " " + $1 }
        var trigrams: [String] = []
        for word in words {
            let padded = Array(("^" + word + "$").unicodeScalars)
            var i = 0
            while i + 3 <= padded.count {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: padded[i..<(i + 3)])
                trigrams.append("c|" + String(view))
                i += 1
            }
        }
        self.trigrams = trigrams
    }

    private static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// `words(in:)` for ASCII text, byte by byte: the only ASCII letters and digits are A–Z, a–z and 0–9.
    static func asciiWords(in text: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                current.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                current.append(byte + 0x20)
            default:
                guard !current.isEmpty else { continue }
                result.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { result.append(String(decoding: current, as: UTF8.self)) }
        return result
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
