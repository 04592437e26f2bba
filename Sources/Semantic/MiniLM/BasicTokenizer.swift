import Foundation

/// BERT's basic tokenizer, scalar by scalar as the reference implementation does it.
enum BasicTokenizer {
    /// Words and punctuation marks of `text`, lowercased with accents stripped, as scalar arrays.
    static func split(_ text: String) -> [[Unicode.Scalar]] {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0 || value == 0xFFFD || isControl(scalar) { continue }
            if isCJK(value) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(isWhitespace(scalar) ? " " : scalar)
            }
        }
        var result: [[Unicode.Scalar]] = []
        var chunk = String.UnicodeScalarView()
        func flushChunk() {
            guard !chunk.isEmpty else { return }
            splitPunctuation(normalise(String(chunk)), into: &result)
            chunk = String.UnicodeScalarView()
        }
        for scalar in cleaned {
            if isSplitSpace(scalar) {
                flushChunk()
            } else {
                chunk.append(scalar)
            }
        }
        flushChunk()
        return result
    }

    private static func normalise(_ word: String) -> String {
        var view = String.UnicodeScalarView()
        for scalar in word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            view.append(scalar)
        }
        return String(view)
    }

    private static func splitPunctuation(_ word: String, into result: inout [[Unicode.Scalar]]) {
        var current: [Unicode.Scalar] = []
        for scalar in word.unicodeScalars {
            if isPunctuation(scalar) {
                if !current.isEmpty { result.append(current) }
                current = []
                result.append([scalar])
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { result.append(current) }
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r": return true
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }

    /// What Python's `str.split()` treats as whitespace among the scalars that survive cleaning.
    private static func isSplitSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D, 0x1C...0x1F, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000:
            return true
        default:
            return false
        }
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": return false
        default:
            let category = scalar.properties.generalCategory
            return category == .control || category == .format
        }
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    private static func isCJK(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
            || (0x2A700...0x2B73F).contains(v) || (0x2B740...0x2B81F).contains(v) || (0x2B820...0x2CEAF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x2F800...0x2FA1F).contains(v)
    }
}
