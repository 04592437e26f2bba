/// A check a semantic hit must pass before its answer is served: the new prompt and the stored
/// prompt must mention the same identifiers. Embeddings blur identifiers ("order #48213" and
/// "order #59122" embed almost identically), so without this rule a near-duplicate question about
/// another order, invoice or version receives that one's answer.
public enum IdentifierGuard: String, Sendable, CaseIterable {
    /// Serve a semantic hit only when both prompts hold the same identifiers, as a multiset.
    case numbers
    /// Serve every hit that reaches the threshold (the behaviour without a guard).
    case off

    // ANCHOR: rule
    /// Whether the answer stored for `stored` may be served for `prompt`.
    public func allows(_ prompt: String, storedPrompt stored: String) -> Bool {
        switch self {
        case .off: return true
        case .numbers: return Self.identifiers(in: prompt) == Self.identifiers(in: stored)
        }
    }
    // ANCHOR_END: rule

    /// The identifiers of `text`, sorted: every token that contains a digit ("48213",
    /// "inv-2024-0042", "v2", "3.5", "2fa"). Tokens are runs of letters and digits, joined by a
    /// single `-`, `.`, `_`, `/` or `:` between two of them; other punctuation (`#`, `?`, `,`, `$`)
    /// separates. Letters are lowercased and decimal digits of any script count as their ASCII
    /// digit, so "٤٨٢١٣" equals "48213". A repeated identifier counts twice (a multiset).
    public static func identifiers(in text: String) -> [String] {
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
