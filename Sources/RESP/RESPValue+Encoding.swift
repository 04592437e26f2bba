import NIOCore

extension ByteBuffer {
    /// Writes `value` as one RESP frame. RESP3-only types are written in RESP3 syntax;
    /// use this for requests (arrays of bulk strings), tests and tools, not the server's hot path.
    public mutating func writeRESPValue(_ value: RESPValue) {
        switch value {
        case .simpleString(let text):
            writeRESPSimpleString(text)
        case .error(let text):
            writeRESPError(text)
        case .integer(let number):
            writeRESPInteger(number)
        case .bulkString(let bytes):
            writeRESPBulk(bytes)
        case .array(let elements):
            writeRESPArrayHeader(elements.count)
            for element in elements { writeRESPValue(element) }
        case .nullBulk:
            writeString("$-1\r\n")
        case .nullArray:
            writeString("*-1\r\n")
        case .double(let number):
            writeInteger(UInt8(ascii: ","))
            writeString(Self.respDoubleText(number))
            writeRESPCRLF()
        case .boolean(let flag):
            writeRESPBoolean(flag, .v3)
        case .map(let pairs):
            writeRESPMapHeader(pairs.count, .v3)
            for pair in pairs {
                writeRESPValue(pair.key)
                writeRESPValue(pair.value)
            }
        case .set(let elements):
            writeRESPSetHeader(elements.count, .v3)
            for element in elements { writeRESPValue(element) }
        case .bigNumber(let digits):
            writeInteger(UInt8(ascii: "("))
            writeString(digits)
            writeRESPCRLF()
        case .verbatimString(let format, let text):
            let payload = Array(format.utf8.prefix(3)) + [UInt8(ascii: ":")] + Array(text.utf8)
            writeInteger(UInt8(ascii: "="))
            writeRESPDecimal(Int64(payload.count))
            writeRESPCRLF()
            writeBytes(payload)
            writeRESPCRLF()
        case .push(let elements):
            writeInteger(UInt8(ascii: ">"))
            writeRESPDecimal(Int64(elements.count))
            writeRESPCRLF()
            for element in elements { writeRESPValue(element) }
        }
    }

    /// Writes a command as a multi-bulk request: `*n` followed by one bulk string per argument.
    public mutating func writeRESPCommand<S: StringProtocol>(_ arguments: [S]) {
        writeRESPArrayHeader(arguments.count)
        for argument in arguments { writeRESPBulk(argument.utf8) }
    }

    static func respDoubleText(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        if number == number.rounded() && abs(number) < 1e17 { return String(Int64(number)) }
        return "\(number)"
    }
}
