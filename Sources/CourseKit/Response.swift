/// What a learner answered to one question, in FILE keys (never display labels), as the REPL stores it,
/// the progress store keeps it and `grade` reads it from an answers file.
public enum Response: Sendable, Hashable {
    /// `single`: one option key.
    case option(String)
    /// `multiple`: the chosen option keys.
    case options([String])
    /// `short`: the typed text, as typed.
    case text(String)
    /// `numeric`: the number and the unit typed after it, if any.
    case number(Double, unit: String?)
    /// `order`: item keys in the learner's order.
    case order([String])

    /// True when the response carries no answer at all (no key, blank text).
    public var isEmpty: Bool {
        switch self {
        case .option(let key): return key.isEmpty
        case .options(let keys), .order(let keys): return keys.isEmpty
        case .text(let text): return text.allSatisfy(\.isWhitespace)
        case .number: return false
        }
    }
}

extension Response: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, key, keys, text, number, unit
    }

    private enum Tag: String, Codable {
        case option, options, text, number, order
    }

    /// Decodes the tagged form written by `encode(to:)`, e.g. `{"kind":"options","keys":["a","c"]}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Tag.self, forKey: .kind) {
        case .option: self = .option(try container.decode(String.self, forKey: .key))
        case .options: self = .options(try container.decode([String].self, forKey: .keys))
        case .text: self = .text(try container.decode(String.self, forKey: .text))
        case .number:
            self = .number(
                try container.decode(Double.self, forKey: .number),
                unit: try container.decodeIfPresent(String.self, forKey: .unit))
        case .order: self = .order(try container.decode([String].self, forKey: .keys))
        }
    }

    /// Encodes a tagged object so the kind survives storage: `{"kind":"option","key":"b"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .option(let key):
            try container.encode(Tag.option, forKey: .kind)
            try container.encode(key, forKey: .key)
        case .options(let keys):
            try container.encode(Tag.options, forKey: .kind)
            try container.encode(keys, forKey: .keys)
        case .text(let text):
            try container.encode(Tag.text, forKey: .kind)
            try container.encode(text, forKey: .text)
        case .number(let value, let unit):
            try container.encode(Tag.number, forKey: .kind)
            try container.encode(value, forKey: .number)
            try container.encodeIfPresent(unit, forKey: .unit)
        case .order(let keys):
            try container.encode(Tag.order, forKey: .kind)
            try container.encode(keys, forKey: .keys)
        }
    }
}
