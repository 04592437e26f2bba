import JSONText
import TOMLKit

/// A JSON-shaped value: an exercise case's arguments and expected results, and what the harness answers.
public indirect enum ExerciseValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ExerciseValue])
    case object([String: ExerciseValue])

    /// The value as compact JSON text, object keys sorted (byte-identical for identical values).
    public var json: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return value.isFinite ? String(value) : "null"
        case .string(let value): return JSONText.string(value)
        case .array(let values): return "[" + values.map(\.json).joined(separator: ",") + "]"
        case .object(let fields):
            return "{"
                + fields.keys.sorted().map { JSONText.string($0) + ":" + (fields[$0] ?? .null).json }
                .joined(separator: ",") + "}"
        }
    }

    /// The field `key` of an object, nil otherwise.
    public subscript(key: String) -> ExerciseValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// The number as an integer when it is a whole number.
    public var int: Int64? {
        if case .number(let value) = self, value == value.rounded(), abs(value) < 9e15 { return Int64(value) }
        return nil
    }

    /// The text of a string value.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// True when `self`, the expected value, is met by `actual`: equal values, numbers compared as numbers, and
    /// an expected object met when every field it names is met (other fields of `actual` are not looked at).
    public func isMet(by actual: ExerciseValue) -> Bool {
        switch (self, actual) {
        case (.object(let expected), .object(let got)):
            return expected.allSatisfy { key, value in got[key].map { value.isMet(by: $0) } ?? false }
        case (.array(let expected), .array(let got)):
            return expected.count == got.count && zip(expected, got).allSatisfy { $0.isMet(by: $1) }
        default:
            return self == actual
        }
    }

    /// A TOML value as an exercise value; dates and times become their TOML text.
    init(toml value: TOMLValueConvertible) {
        if let table = value.table {
            var fields: [String: ExerciseValue] = [:]
            for key in table.keys { if let element = table[key] { fields[key] = ExerciseValue(toml: element) } }
            self = .object(fields)
        } else if let array = value.array {
            self = .array(array.map { ExerciseValue(toml: $0) })
        } else if let bool = value.bool {
            self = .bool(bool)
        } else if let int = value.int {
            self = .number(Double(int))
        } else if let double = value.double {
            self = .number(double)
        } else if let string = value.string {
            self = .string(string)
        } else {
            self = .string(value.debugDescription)
        }
    }
}
