/// Which stored prompts a semantic lookup may compare a new prompt with. Embeddings blur identifiers
/// ("order #48213" and "order #59122" embed almost identically), so without a rule a near-duplicate
/// question about another order, invoice or version receives that one's answer. With `numbers`, a
/// prompt's identifiers are part of its cache partition, the way a vector database query filters on
/// metadata: a lookup only sees prompts that name the same identifiers.
public enum IdentifierGuard: String, Sendable, CaseIterable {
    /// Compare only prompts that hold the same identifiers, as a multiset.
    case numbers
    /// Compare every prompt of the partition (the behaviour without a guard).
    case off

    // ANCHOR: rule
    /// What joins the cache partition of `prompt`: its identifiers, or nil
    /// without a guard.
    public func partitionKey(for prompt: String) -> String? {
        switch self {
        case .off: return nil
        case .numbers: return Self.identifiers(in: prompt).joined(separator: " ")
        }
    }
    // ANCHOR_END: rule

    /// The identifiers of `text`, sorted: every token that contains a digit ("48213",
    /// "inv-2024-0042", "v2", "3.5", "2fa"). Tokens are runs of letters and digits, joined by a
    /// single `-`, `.`, `_`, `/` or `:` between two of them; other punctuation (`#`, `?`, `,`, `$`)
    /// separates. Letters are lowercased and decimal digits of any script count as their ASCII
    /// digit, so "٤٨٢١٣" equals "48213". A repeated identifier counts twice (a multiset).
    public static func identifiers(in text: String) -> [String] {
        asciiIdentifiers(in: text) ?? generalIdentifiers(in: text)
    }

    /// `identifiers(in:)` for any text, Character by Character.
    static func generalIdentifiers(in text: String) -> [String] {
        let characters = Array(text)
        var found: [String] = []
        var token = ""
        var hasDigit = false
        func finish() {
            if hasDigit { found.append(token) }
            token = ""
            hasDigit = false
        }
        for (index, character) in characters.enumerated() {
            if let digit = decimalDigit(character) {
                token.append(digit)
                hasDigit = true
            } else if character.isLetter {
                token += character.lowercased()
            } else if joiners.contains(character), !token.isEmpty, index + 1 < characters.count,
                isTokenCharacter(characters[index + 1])
            {
                token.append(character)
            } else {
                finish()
            }
        }
        finish()
        return found.sorted()
    }

    /// `identifiers(in:)` byte by byte, or nil when `text` is not plain ASCII (the common case, and the
    /// hot path of every semantic lookup).
    private static func asciiIdentifiers(in text: String) -> [String]? {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func isLetter(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        }
        let joinerBytes = Array("-._/:".utf8)
        var found: [String] = []
        var token: [UInt8] = []
        var hasDigit = false
        for (index, byte) in bytes.enumerated() {
            if isDigit(byte) {
                token.append(byte)
                hasDigit = true
            } else if isLetter(byte) {
                token.append(byte | 0x20)
            } else if joinerBytes.contains(byte), !token.isEmpty, index + 1 < bytes.count,
                isDigit(bytes[index + 1]) || isLetter(bytes[index + 1])
            {
                token.append(byte)
            } else {
                if hasDigit { found.append(String(decoding: token, as: UTF8.self)) }
                token.removeAll(keepingCapacity: true)
                hasDigit = false
            }
        }
        if hasDigit { found.append(String(decoding: token, as: UTF8.self)) }
        return found.sorted()
    }

    private static let joiners: Set<Character> = ["-", ".", "_", "/", ":"]

    private static func isTokenCharacter(_ character: Character) -> Bool {
        character.isLetter || decimalDigit(character) != nil
    }

    /// The ASCII digit of a decimal digit in any script (not fractions, circled or Roman numerals).
    private static func decimalDigit(_ character: Character) -> Character? {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
            scalar.properties.numericType == .decimal, let value = character.wholeNumberValue,
            (0...9).contains(value)
        else { return nil }
        return Character(String(value))
    }
}
