import RESP

/// Formats a reply as `redis-cli` shows it in a terminal: `OK`, `(integer) 1`, `"value"`, `(nil)`,
/// numbered and indented arrays, `(empty array)`, `(error) ERR …`.
enum RedisReplyFormatter {
    static func format(_ value: RESPValue) -> String {
        lines(value).joined(separator: "\n")
    }

    private static func lines(_ value: RESPValue) -> [String] {
        switch value {
        case .simpleString(let text): return [text]
        case .error(let text): return ["(error) " + text]
        case .integer(let number): return ["(integer) \(number)"]
        case .bulkString(let bytes): return [quoted(bytes)]
        case .nullBulk, .nullArray: return ["(nil)"]
        case .double(let number): return ["(double) " + double(number)]
        case .boolean(let flag): return [flag ? "(true)" : "(false)"]
        case .bigNumber(let digits): return ["(big number) " + digits]
        case .verbatimString(_, let text):
            return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        case .array(let items), .push(let items): return list(items.map(lines), marker: ")")
        case .set(let items): return list(items.map(lines), marker: "~")
        case .map(let pairs):
            return list(
                pairs.map { pair in
                    let key = lines(pair.key)
                    let value = lines(pair.value)
                    let head = (key.first ?? "") + " => "
                    return [head + (value.first ?? "")]
                        + value.dropFirst().map { String(repeating: " ", count: head.count) + $0 }
                }, marker: "#")
        }
    }

    /// Numbers each element, right-aligned to the widest index, continuation lines indented under it.
    private static func list(_ elements: [[String]], marker: String) -> [String] {
        guard !elements.isEmpty else {
            return [marker == "#" ? "(empty hash)" : marker == "~" ? "(empty set)" : "(empty array)"]
        }
        let width = String(elements.count).count
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            let number = String(index + 1)
            let label = String(repeating: " ", count: width - number.count) + number + marker + " "
            let indent = String(repeating: " ", count: label.count)
            for (line, text) in element.enumerated() {
                result.append((line == 0 ? label : indent) + text)
            }
        }
        return result
    }

    /// A bulk string in double quotes with redis-cli's escapes (`\"`, `\\`, `\n`, `\xHH`).
    static func quoted(_ bytes: [UInt8]) -> String {
        var text = "\""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): text += "\\\\"
            case UInt8(ascii: "\""): text += "\\\""
            case 0x0A: text += "\\n"
            case 0x0D: text += "\\r"
            case 0x09: text += "\\t"
            case 0x07: text += "\\a"
            case 0x08: text += "\\b"
            case 0x20...0x7E: text.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16)
                text += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return text + "\""
    }

    private static func double(_ number: Double) -> String {
        if number.isInfinite { return number > 0 ? "inf" : "-inf" }
        if number == number.rounded(), abs(number) < 1e17 { return String(Int64(number)) }
        return "\(number)"
    }
}
