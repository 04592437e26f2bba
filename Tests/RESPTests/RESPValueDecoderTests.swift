import NIOCore
import NIOTestUtils
import RESP
import SeededRandom
import XCTest

final class RESPValueDecoderTests: XCTestCase {
    private let sample: [(String, RESPValue)] = [
        ("+OK\r\n", .simpleString("OK")),
        ("-ERR wrong\r\n", .error("ERR wrong")),
        (":-42\r\n", .integer(-42)),
        ("$5\r\nhe\r\no\r\n", .bulkString(Array("he\r\no".utf8))),
        ("$0\r\n\r\n", .bulkString([])),
        ("$-1\r\n", .nullBulk),
        ("*-1\r\n", .nullArray),
        ("_\r\n", .nullBulk),
        ("*0\r\n", .array([])),
        ("*2\r\n*1\r\n:1\r\n$1\r\nx\r\n", .array([.array([.integer(1)]), .bulk("x")])),
        (",3.5\r\n", .double(3.5)),
        (",inf\r\n", .double(.infinity)),
        ("#t\r\n", .boolean(true)),
        ("(12345678901234567890\r\n", .bigNumber("12345678901234567890")),
        ("=8\r\ntxt:abcd\r\n", .verbatimString(format: "txt", text: "abcd")),
        ("%1\r\n+a\r\n:1\r\n", .map([RESPPair(.simpleString("a"), .integer(1))])),
        ("~1\r\n+a\r\n", .set([.simpleString("a")])),
        (">2\r\n+message\r\n+x\r\n", .push([.simpleString("message"), .simpleString("x")])),
        ("!5\r\nERR x\r\n", .error("ERR x")),
        ("|1\r\n+ttl\r\n:3\r\n+value\r\n", .simpleString("value")),
    ]

    func testVerifierSplitsEveryFrameAtEveryByte() throws {
        let all = sample.map(\.0).joined()
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [(ByteBuffer(string: all), sample.map(\.1))],
            decoderFactory: { RESPValueDecoder() }
        )
    }

    func testEncoderRoundTripsThroughTheDecoder() throws {
        for (_, value) in sample where value != .simpleString("value") {
            var buffer = ByteBuffer()
            buffer.writeRESPValue(value)
            var decoder = RESPValueDecoder()
            XCTAssertEqual(try decoder.next(from: &buffer), value)
            XCTAssertEqual(buffer.readableBytes, 0)
        }
    }

    func testCommandEncoding() {
        var buffer = ByteBuffer()
        buffer.writeRESPCommand(["SET", "k", "välue"])
        XCTAssertEqual(String(buffer: buffer), "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$6\r\nvälue\r\n")
    }

    func testLimitsAreCheckedBeforeTheBodyArrives() {
        var decoder = RESPValueDecoder(limits: .init(maxBulkLength: 4, maxAggregateCount: 3, maxDepth: 2))
        for input in ["$5\r\n", "*4\r\n", "*1\r\n*1\r\n*1\r\n:1\r\n", "?x\r\n", "$3\r\nabcde\r\n", ":1\rx", ":abc\r\n"]
        {
            var buffer = ByteBuffer(string: input)
            XCTAssertThrowsError(try decoder.next(from: &buffer), "input \(input.debugDescription)")
            decoder = RESPValueDecoder(limits: .init(maxBulkLength: 4, maxAggregateCount: 3, maxDepth: 2))
        }
    }

    func testRandomBytesNeverCrashTheDecoder() {
        var generator = SplitMix64(seed: 7)
        let alphabet = Array("+-:$*%~>|_,#(=!\r\n0123456789-?abc".utf8)
        for _ in 0..<3000 {
            var decoder = RESPValueDecoder(limits: .init(maxBulkLength: 1000, maxAggregateCount: 1000, maxDepth: 8))
            let bytes = (0..<Int(generator.next() % 40)).map { _ in
                alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            var buffer = ByteBuffer(bytes: bytes)
            while let value = try? decoder.next(from: &buffer) { _ = value }
        }
    }
}
