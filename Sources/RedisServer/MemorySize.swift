/// Byte sizes written as Redis writes them in its configuration: `64mb`, `1gb`, `100kb`,
/// `5k` (×1000), `2m` (×1000²), or plain bytes; units are case-insensitive.
public enum MemorySize {
    /// The number of bytes, or nil when `text` is not a size.
    public static func parse(_ text: String) -> Int? {
        let lowered = text.lowercased()
        let digits = lowered.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, let value = Int(digits) else { return nil }
        let multiplier: Int
        switch lowered.dropFirst(digits.count) {
        case "", "b": multiplier = 1
        case "k": multiplier = 1000
        case "kb": multiplier = 1024
        case "m": multiplier = 1000 * 1000
        case "mb": multiplier = 1024 * 1024
        case "g": multiplier = 1000 * 1000 * 1000
        case "gb": multiplier = 1024 * 1024 * 1024
        default: return nil
        }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : bytes
    }
}
