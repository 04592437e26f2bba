import NIOCore

/// Writing RESP replies straight into an outbound buffer, without building `RESPValue`s.
/// Each call writes one complete frame (or an aggregate header, followed by its elements).
extension ByteBuffer {
    public mutating func writeRESPSimpleString(_ text: String) {
        writeInteger(UInt8(ascii: "+"))
        writeString(text)
        writeRESPCRLF()
    }

    /// Writes `-message\r\n`; `message` includes its code, e.g. `ERR syntax error`.
    public mutating func writeRESPError(_ message: String) {
        writeInteger(UInt8(ascii: "-"))
        writeString(message)
        writeRESPCRLF()
    }

    public mutating func writeRESPInteger(_ value: Int64) {
        writeInteger(UInt8(ascii: ":"))
        writeRESPDecimal(value)
        writeRESPCRLF()
    }

    /// Inlinable so each caller gets a specialized copy: the generic path copies byte by byte.
    @inlinable
    public mutating func writeRESPBulk<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        reserveCapacity(minimumWritableBytes: bytes.count &+ 26)
        writeInteger(UInt8(ascii: "$"))
        writeRESPDecimal(Int64(bytes.count))
        writeRESPCRLF()
        writeBytes(bytes)
        writeRESPCRLF()
    }

    public mutating func writeRESPBulk(_ text: String) {
        writeRESPBulk(text.utf8)
    }

    /// A missing value: `$-1` in RESP2, `_` in RESP3.
    public mutating func writeRESPNullBulk(_ version: RESPVersion) {
        writeString(version == .v3 ? "_\r\n" : "$-1\r\n")
    }

    /// A missing aggregate: `*-1` in RESP2, `_` in RESP3.
    public mutating func writeRESPNullArray(_ version: RESPVersion) {
        writeString(version == .v3 ? "_\r\n" : "*-1\r\n")
    }

    public mutating func writeRESPArrayHeader(_ count: Int) {
        writeInteger(UInt8(ascii: "*"))
        writeRESPDecimal(Int64(count))
        writeRESPCRLF()
    }

    /// A map of `count` pairs: `%count` in RESP3, an array of `2 × count` elements in RESP2.
    public mutating func writeRESPMapHeader(_ count: Int, _ version: RESPVersion) {
        if version == .v3 {
            writeInteger(UInt8(ascii: "%"))
            writeRESPDecimal(Int64(count))
            writeRESPCRLF()
        } else {
            writeRESPArrayHeader(count * 2)
        }
    }

    /// A set: `~count` in RESP3, an array in RESP2.
    public mutating func writeRESPSetHeader(_ count: Int, _ version: RESPVersion) {
        if version == .v3 {
            writeInteger(UInt8(ascii: "~"))
            writeRESPDecimal(Int64(count))
            writeRESPCRLF()
        } else {
            writeRESPArrayHeader(count)
        }
    }

    /// A double: `,text` in RESP3, a bulk string in RESP2. `text` is already formatted as Redis does.
    public mutating func writeRESPDouble(formatted text: String, _ version: RESPVersion) {
        if version == .v3 {
            writeInteger(UInt8(ascii: ","))
            writeString(text)
            writeRESPCRLF()
        } else {
            writeRESPBulk(text)
        }
    }

    public mutating func writeRESPBoolean(_ value: Bool, _ version: RESPVersion) {
        if version == .v3 {
            writeString(value ? "#t\r\n" : "#f\r\n")
        } else {
            writeRESPInteger(value ? 1 : 0)
        }
    }

    @inlinable
    @inline(__always)
    mutating func writeRESPCRLF() {
        writeInteger(UInt16(0x0D0A))
    }

    /// Writes a decimal integer without going through `String`.
    @inlinable
    public mutating func writeRESPDecimal(_ value: Int64) {
        if value >= 0 && value < 10 {
            writeInteger(UInt8(ascii: "0") &+ UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits + sign
        let negative = value < 0
        var magnitude = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[23 - count] = UInt8(ascii: "0") &+ UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if negative {
                raw[23 - count] = UInt8(ascii: "-")
                count += 1
            }
        }
        withUnsafeBytes(of: &digits) { raw in
            _ = writeBytes(UnsafeRawBufferPointer(rebasing: raw[(24 - count)...]))
        }
    }
}
