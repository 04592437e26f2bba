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

    /// Inlinable so each caller gets a specialized copy. Contiguous bytes (stored values, request
    /// arguments) go in with one capacity check and one `memcpy`, header and CRLF included.
    @inlinable
    public mutating func writeRESPBulk<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let written: Void? = bytes.withContiguousStorageIfAvailable { body in
            writeRESPBulk(raw: UnsafeRawBufferPointer(body))
        }
        if written != nil { return }
        reserveCapacity(minimumWritableBytes: bytes.count &+ 26)
        writeInteger(UInt8(ascii: "$"))
        writeRESPDecimal(Int64(bytes.count))
        writeRESPCRLF()
        writeBytes(bytes)
        writeRESPCRLF()
    }

    /// `$len\r\nbytes\r\n` written straight into the buffer's memory.
    @inlinable
    public mutating func writeRESPBulk(raw body: UnsafeRawBufferPointer) {
        let count = body.count
        writeWithUnsafeMutableBytes(minimumWritableBytes: count &+ 26) { target in
            guard let base = target.baseAddress else { return 0 }
            base.storeBytes(of: UInt8(ascii: "$"), as: UInt8.self)
            var position = 1 &+ RESPDigits.write(Int64(count), into: base + 1)
            base.storeBytes(of: UInt16(0x0D0A).bigEndian, toByteOffset: position, as: UInt16.self)
            position &+= 2
            if let source = body.baseAddress, count > 0 {
                (base + position).copyMemory(from: source, byteCount: count)
            }
            position &+= count
            base.storeBytes(of: UInt16(0x0D0A).bigEndian, toByteOffset: position, as: UInt16.self)
            return position &+ 2
        }
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

    /// Writes a decimal integer without going through `String`, straight into the buffer's memory.
    @inlinable
    public mutating func writeRESPDecimal(_ value: Int64) {
        if value >= 0 && value < 10 {
            writeInteger(UInt8(ascii: "0") &+ UInt8(value))
            return
        }
        writeWithUnsafeMutableBytes(minimumWritableBytes: 20) { target in
            guard let base = target.baseAddress else { return 0 }
            return RESPDigits.write(value, into: base)
        }
    }
}

/// Decimal formatting into raw memory, for the reply writers.
public enum RESPDigits {
    /// Writes `value` in decimal at `target` (room for 20 bytes needed); returns the byte count.
    @inlinable
    @inline(__always)
    public static func write(_ value: Int64, into target: UnsafeMutableRawPointer) -> Int {
        var magnitude = value.magnitude
        var length = value < 0 ? 1 : 0
        var probe = magnitude
        repeat {
            length &+= 1
            probe /= 10
        } while probe > 0
        var index = length
        repeat {
            index &-= 1
            target.storeBytes(of: UInt8(ascii: "0") &+ UInt8(magnitude % 10), toByteOffset: index, as: UInt8.self)
            magnitude /= 10
        } while magnitude > 0
        if value < 0 { target.storeBytes(of: UInt8(ascii: "-"), as: UInt8.self) }
        return length
    }
}
