/// Learner names: chosen by the learner (default: the login name), printed in tables, so never control characters.
public enum LearnerName {
    /// Longest accepted name, in characters.
    public static let maximumLength = 64

    /// The trimmed name, or an error saying why it cannot be used.
    public static func validated(_ raw: String) throws -> String {
        let trimmed = raw.trimmingWhitespace()
        if trimmed.isEmpty {
            throw ProgressStoreError.invalidLearnerName(raw, reason: "it is empty")
        }
        if trimmed.unicodeScalars.contains(where: isUnprintable) {
            throw ProgressStoreError.invalidLearnerName(raw, reason: "it contains control characters")
        }
        if trimmed.count > maximumLength {
            throw ProgressStoreError.invalidLearnerName(raw, reason: "it is longer than \(maximumLength) characters")
        }
        return trimmed
    }

    /// `raw` with control characters removed and trimmed, or nil when nothing usable is left (for login names).
    public static func sanitized(_ raw: String) -> String? {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: raw.unicodeScalars.filter { !isUnprintable($0) })
        let cleaned = String(String(scalars).trimmingWhitespace().prefix(maximumLength))
        return cleaned.isEmpty ? nil : cleaned
    }

    private static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
            return true
        default:
            return false
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
