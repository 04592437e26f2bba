import TOMLKit

/// Reads typed fields out of one raw TOML table and reports, with their line, what TOMLKit's
/// decoder cannot say clearly: "missing field `x`", "`x` must be a string", unknown keys.
struct TOMLFields {
    let table: TOMLTable
    /// Key path of this table inside its file (`""` for the root, `question[1]` for the second question).
    let path: String
    let diagnostics: FileDiagnostics
    private var used: Set<String> = []

    init(table: TOMLTable, path: String, diagnostics: FileDiagnostics) {
        self.table = table
        self.path = path
        self.diagnostics = diagnostics
    }

    private func keyPath(_ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    private var context: String {
        path.isEmpty ? "" : " in \(FileDiagnostics.describe(path))"
    }

    private mutating func value(_ key: String, required: Bool) -> TOMLValueConvertible? {
        used.insert(key)
        guard let value = table[key] else {
            if required {
                diagnostics.report("missing-field", "missing field `\(key)`\(context)", at: path)
            }
            return nil
        }
        return value
    }

    private func mistyped(_ key: String, expected: String, got value: TOMLValueConvertible) {
        diagnostics.report(
            "wrong-type", "`\(key)` must be \(expected), not \(Self.describe(value.type))\(context)", at: keyPath(key))
    }

    static func describe(_ type: TOMLType) -> String {
        switch type {
        case .table: return "a table"
        case .array: return "an array"
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a floating-point number"
        case .bool: return "a boolean"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime: return "a date-time"
        }
    }

    mutating func string(_ key: String, required: Bool = true) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard let string = value.string else {
            mistyped(key, expected: "a string", got: value)
            return nil
        }
        return string
    }

    mutating func int(_ key: String, required: Bool = true) -> Int? {
        guard let value = value(key, required: required) else { return nil }
        guard let int = value.int else {
            mistyped(key, expected: "an integer", got: value)
            return nil
        }
        return int
    }

    /// A number, written as an integer or a float.
    mutating func number(_ key: String, required: Bool = true) -> Double? {
        guard let value = value(key, required: required) else { return nil }
        if let double = value.double { return double }
        if let int = value.int { return Double(int) }
        mistyped(key, expected: "a number", got: value)
        return nil
    }

    mutating func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let value = value(key, required: required) else { return nil }
        guard let bool = value.bool else {
            mistyped(key, expected: "true or false", got: value)
            return nil
        }
        return bool
    }

    mutating func stringArray(_ key: String, required: Bool = true) -> [String]? {
        guard let value = value(key, required: required) else { return nil }
        guard let array = value.array else {
            mistyped(key, expected: "an array of strings", got: value)
            return nil
        }
        var strings: [String] = []
        for element in array {
            guard let string = element.string else {
                mistyped(key, expected: "an array of strings", got: element)
                return nil
            }
            strings.append(string)
        }
        return strings
    }

    mutating func intArray(_ key: String, required: Bool = true) -> [Int]? {
        guard let value = value(key, required: required) else { return nil }
        guard let array = value.array else {
            mistyped(key, expected: "an array of integers", got: value)
            return nil
        }
        var ints: [Int] = []
        for element in array {
            guard let int = element.int else {
                mistyped(key, expected: "an array of integers", got: element)
                return nil
            }
            ints.append(int)
        }
        return ints
    }

    /// An array of tables (`[[key]]`), each as its own `TOMLFields`.
    mutating func tables(_ key: String, required: Bool = false) -> [TOMLFields] {
        guard let value = value(key, required: required) else { return [] }
        guard let array = value.array else {
            mistyped(key, expected: "an array of tables (`[[\(key)]]`)", got: value)
            return []
        }
        var result: [TOMLFields] = []
        for (index, element) in array.enumerated() {
            guard let table = element.table else {
                mistyped(key, expected: "an array of tables (`[[\(key)]]`)", got: element)
                return result
            }
            result.append(TOMLFields(table: table, path: "\(keyPath(key))[\(index)]", diagnostics: diagnostics))
        }
        return result
    }

    /// Any value, as an exercise value (case arguments and expectations).
    mutating func anyValue(_ key: String, required: Bool = false) -> ExerciseValue? {
        value(key, required: required).map { ExerciseValue(toml: $0) }
    }

    /// A table (`[key]` or an inline table) as its own `TOMLFields`.
    mutating func table(_ key: String, required: Bool = false) -> TOMLFields? {
        guard let value = value(key, required: required) else { return nil }
        guard let table = value.table else {
            mistyped(key, expected: "a table", got: value)
            return nil
        }
        return TOMLFields(table: table, path: keyPath(key), diagnostics: diagnostics)
    }

    /// A string or an array of strings (`exercise = "id"` or `exercise = ["a", "b"]`).
    mutating func stringOrArray(_ key: String) -> [String]? {
        guard let raw = table[key] else {
            used.insert(key)
            return nil
        }
        if let string = raw.string {
            used.insert(key)
            return [string]
        }
        guard raw.array != nil else {
            used.insert(key)
            mistyped(key, expected: "a string or an array of strings", got: raw)
            return nil
        }
        return stringArray(key)
    }

    /// True when the table has this key (without marking it read).
    func has(_ key: String) -> Bool {
        table[key] != nil
    }

    /// Reports every key of the table that no accessor read.
    func reportUnknownKeys() {
        for key in table.keys where !used.contains(key) {
            diagnostics.report("unknown-key", "unknown key `\(key)`\(context)", at: keyPath(key))
        }
    }
}
