import Crypto

/// SHA-1 as scripts name themselves (EVALSHA, `redis.sha1hex`): the lower-case hex digest of the bytes.
enum SHA1 {
    static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Insecure.SHA1.hash(data: Array(bytes)).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
