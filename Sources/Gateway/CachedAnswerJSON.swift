/// A hand-written JSON codec for `CachedAnswer`, the hot path of every cache hit and store.
/// It writes exactly what `JSONEncoder` writes (sorted keys, unescaped slashes) and reads the
/// usual shape of an entry; whatever it is not sure about is left to `JSONDecoder`.
enum CachedAnswerJSON {
    /// What the fast reader made of some bytes.
    enum Parsed {
        /// A well-formed entry in the usual shape.
        case answer(CachedAnswer)
        /// Not the usual shape (or not JSON at all): `JSONDecoder` decides.
        case unsure
    }

    /// Writes the entry as compact JSON with keys in sorted order.
    struct Writer {
        private(set) var bytes: [UInt8] = []

        var string: String { String(decoding: bytes, as: UTF8.self) }

        mutating func write(_ answer: CachedAnswer) {
            bytes.reserveCapacity(answer.text.utf8.count + answer.model.utf8.count + 64)
            append("{\"created_ms\":")
            append(String(answer.createdMs))
            if let intent = answer.intent {
                append(",\"intent\":")
                writeString(intent)
            }
            append(",\"model\":")
            writeString(answer.model)
            append(",\"text\":")
            writeString(answer.text)
            bytes.append(UInt8(ascii: "}"))
        }

        private mutating func append(_ text: String) {
            bytes.append(contentsOf: text.utf8)
        }

        private mutating func writeString(_ text: String) {
            bytes.append(UInt8(ascii: "\""))
            var text = text
            text.withUTF8 { utf8 in
                var runStart = 0
                for (index, byte) in utf8.enumerated()
                where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                    writeEscape(byte)
                    runStart = index + 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            }
            bytes.append(UInt8(ascii: "\""))
        }

        private mutating func writeEscape(_ byte: UInt8) {
            switch byte {
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0..<0x20:
                bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
                bytes += [CacheKey.hexDigits[Int(byte >> 4)], CacheKey.hexDigits[Int(byte & 0xF)]]
            default: bytes += [UInt8(ascii: "\\"), byte]
            }
        }
    }

    /// Reads `{"created_ms":…,"intent":…,"model":…,"text":…}` in any key order with any JSON
    /// whitespace: strings (with every JSON escape), an integer `created_ms`, `intent` a string or
    /// null. Unknown or repeated keys, other number forms and anything malformed are `.unsure`.
    struct Reader {
        private let input: UnsafeBufferPointer<UInt8>
        private var position = 0

        init(_ input: UnsafeBufferPointer<UInt8>) {
            self.input = input
        }

        mutating func read() -> Parsed {
            guard let answer = readObject() else { return .unsure }
            return .answer(answer)
        }

        private mutating func readObject() -> CachedAnswer? {
            var text: String?
            var model: String?
            var intent: String??
            var created: Int64?
            guard consume(UInt8(ascii: "{")) else { return nil }
            repeat {
                guard let key = readString(), consume(UInt8(ascii: ":")) else { return nil }
                switch key {
                case "text" where text == nil: text = readString()
                case "model" where model == nil: model = readString()
                case "created_ms" where created == nil: created = readInteger()
                case "intent" where intent == nil:
                    if consumeNull() {
                        intent = .some(nil)
                    } else if let value = readString() {
                        intent = value
                    } else {
                        return nil
                    }
                default: return nil
                }
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "}")), let text, let model, let created else { return nil }
            skipWhitespace()
            guard position == input.count else { return nil }
            return CachedAnswer(text: text, model: model, intent: intent ?? nil, createdMs: created)
        }

        private mutating func skipWhitespace() {
            while position < input.count {
                switch input[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        private mutating func consume(_ byte: UInt8) -> Bool {
            skipWhitespace()
            guard position < input.count, input[position] == byte else { return false }
            position += 1
            return true
        }

        private mutating func consumeNull() -> Bool {
            skipWhitespace()
            let null = [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")]
            guard input.count - position >= 4, input[position..<position + 4].elementsEqual(null) else { return false }
            position += 4
            return true
        }

        private mutating func readInteger() -> Int64? {
            skipWhitespace()
            var negative = false
            if position < input.count, input[position] == UInt8(ascii: "-") {
                negative = true
                position += 1
            }
            let start = position
            var magnitude: UInt64 = 0
            while position < input.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(input[position]) {
                let (times, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = times.addingReportingOverflow(UInt64(input[position] - UInt8(ascii: "0")))
                guard !overflowA, !overflowB else { return nil }
                magnitude = sum
                position += 1
            }
            let digits = position - start
            guard digits > 0, digits == 1 || input[start] != UInt8(ascii: "0") else { return nil }
            if position < input.count {
                switch input[position] {
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
                default: break
                }
            }
            if negative {
                guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
                return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return Int64(magnitude)
        }

        private mutating func readString() -> String? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            let start = position
            while position < input.count {
                let byte = input[position]
                if byte == UInt8(ascii: "\"") {
                    let raw = UnsafeBufferPointer(rebasing: input[start..<position])
                    position += 1
                    return String(validating: raw, as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") { return readEscapedString(from: start) }
                guard byte >= 0x20 else { return nil }
                position += 1
            }
            return nil
        }

        /// The slow half of `readString`, once an escape shows up: collect bytes, decoding escapes.
        private mutating func readEscapedString(from start: Int) -> String? {
            var bytes = Array(input[start..<position])
            while position < input.count {
                let runStart = position
                while position < input.count, input[position] >= 0x20, input[position] != UInt8(ascii: "\""),
                    input[position] != UInt8(ascii: "\\")
                {
                    position += 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<position]))
                guard position < input.count else { return nil }
                let byte = input[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""): return String(validating: bytes, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard position < input.count else { return nil }
                    let escape = input[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escape)
                    case UInt8(ascii: "b"): bytes.append(0x08)
                    case UInt8(ascii: "f"): bytes.append(0x0C)
                    case UInt8(ascii: "n"): bytes.append(0x0A)
                    case UInt8(ascii: "r"): bytes.append(0x0D)
                    case UInt8(ascii: "t"): bytes.append(0x09)
                    case UInt8(ascii: "u"):
                        guard let scalar = readUnicodeEscape() else { return nil }
                        bytes.append(contentsOf: String(Character(scalar)).utf8)
                    default: return nil
                    }
                case 0..<0x20: return nil
                default: bytes.append(byte)
                }
            }
            return nil
        }

        /// The scalar of `\uXXXX` (the `\u` already read), joining a surrogate pair; a lone surrogate is nil.
        private mutating func readUnicodeEscape() -> Unicode.Scalar? {
            guard let high = readHex4() else { return nil }
            if (0xD800..<0xDC00).contains(high) {
                guard input.count - position >= 6, input[position] == UInt8(ascii: "\\"),
                    input[position + 1] == UInt8(ascii: "u")
                else { return nil }
                position += 2
                guard let low = readHex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            return Unicode.Scalar(high)
        }

        private mutating func readHex4() -> UInt32? {
            guard input.count - position >= 4 else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = input[position]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                position += 1
            }
            return value
        }
    }
}
