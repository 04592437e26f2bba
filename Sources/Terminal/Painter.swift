/// An SGR attribute the renderers use; the raw value is its ANSI parameter.
public enum TextAttribute: String, Sendable, CaseIterable {
    case bold = "1"
    case dim = "2"
    case italic = "3"
    case underline = "4"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case blue = "34"
    case magenta = "35"
    case cyan = "36"
    case gray = "90"
}

/// Wraps text in ANSI escape sequences when colour is allowed and returns it untouched otherwise,
/// so every renderer produces plain, readable text under `NO_COLOR` or a pipe.
public struct Painter: Sendable, Equatable {
    /// Whether escape sequences are emitted.
    public let colorEnabled: Bool

    public init(colorEnabled: Bool) {
        self.colorEnabled = colorEnabled
    }

    /// A painter that never emits escape sequences.
    public static let plain = Painter(colorEnabled: false)

    /// `text` with the given attributes applied (unchanged when colour is off or no attribute is given).
    public func paint(_ text: String, _ attributes: [TextAttribute]) -> String {
        guard colorEnabled, !attributes.isEmpty, !text.isEmpty else { return text }
        let codes = attributes.map(\.rawValue).joined(separator: ";")
        return "\u{1B}[\(codes)m\(text)\u{1B}[0m"
    }

    /// Variadic convenience for ``paint(_:_:)``.
    public func paint(_ text: String, _ attributes: TextAttribute...) -> String {
        paint(text, attributes)
    }
}
