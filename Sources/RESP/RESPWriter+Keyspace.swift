import NIOCore

extension ByteBuffer {
    /// Verbatim text (`=len\r\ntxt:…` in RESP3, a bulk string in RESP2), as Redis answers INFO.
    public mutating func writeRESPVerbatim(_ text: String, _ version: RESPVersion, format: String = "txt") {
        guard version == .v3 else {
            writeRESPBulk(text)
            return
        }
        writeInteger(UInt8(ascii: "="))
        writeRESPDecimal(Int64(text.utf8.count + format.utf8.count + 1))
        writeRESPCRLF()
        writeString(format)
        writeInteger(UInt8(ascii: ":"))
        writeString(text)
        writeRESPCRLF()
    }
}
