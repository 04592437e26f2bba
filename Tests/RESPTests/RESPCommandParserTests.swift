import NIOCore
import NIOTestUtils
import RESP
import XCTest

/// Feeds the server-side parser through a `ByteToMessageDecoder` so NIO's verifier can
/// split the input at every byte and check the parser resumes correctly.
private struct CommandParserDecoder: ByteToMessageDecoder {
    typealias InboundOut = [String]
    var parser = RESPCommandParser()

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let argv = try parser.next(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(argv.map { String(buffer: $0) }))
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}

final class RESPCommandParserTests: XCTestCase {
    private func parseAll(
        _ input: String, authenticated: Bool = true, limits: RESPCommandLimits = RESPCommandLimits()
    ) -> ([[String]], RESPProtocolError?) {
        var parser = RESPCommandParser(limits: limits)
        var buffer = ByteBuffer(string: input)
        var commands: [[String]] = []
        do {
            while let argv = try parser.next(from: &buffer, authenticated: authenticated) {
                commands.append(argv.map { String(buffer: $0) })
            }
        } catch {
            return (commands, error)
        }
        return (commands, nil)
    }

    func testMultibulkAndInlineCommandsSplitAtEveryByte() throws {
        let input =
            """
                *2\r\n$4\r\nECHO\r\n$5\r\nhello\r\n*0\r\n*-5\r\nPING\r\n\r\n  SET k \"a b\\x41\\n\" \
                'it\\'s'\r\n*1\r\n$4\r\nPINGxx
                """
            + "*3\r\n$3\r\nSET\r\n$0\r\n\r\n$3\r\nv\r\n\r\n"
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [
                (
                    ByteBuffer(string: input),
                    [["ECHO", "hello"], ["PING"], ["SET", "k", "a bA\n", "it's"], ["PING"], ["SET", "", "v\r\n"]]
                )
            ],
            decoderFactory: { CommandParserDecoder() }
        )
    }

    func testProtocolErrorsMatchRedis() {
        let cases: [(String, String)] = [
            ("*abc\r\n", "-ERR Protocol error: invalid multibulk length\r\n"),
            ("*01\r\n$4\r\nPING\r\n", "-ERR Protocol error: invalid multibulk length\r\n"),
            ("*2147483648\r\n", "-ERR Protocol error: invalid multibulk length\r\n"),
            ("*2\n$4\r\nECHO\r\n$1\r\na\r\n", "-ERR Protocol error: invalid multibulk length\r\n"),
            ("*3\r\n$3\r\nSET\r\n:1\r\n", "-ERR Protocol error: expected '$', got ':'\r\n"),
            ("*1\r\n$-5\r\n", "-ERR Protocol error: invalid bulk length\r\n"),
            ("*1\r\n$600000000\r\n", "-ERR Protocol error: invalid bulk length\r\n"),
            ("*1\r\n$4\nPING\r\n", "-ERR Protocol error: invalid bulk length\r\n"),
            ("PING \"a\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n"),
            ("ECHO x\"a b\"y\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n"),
            ("*" + String(repeating: "1", count: 70000), "-ERR Protocol error: too big mbulk count string\r\n"),
            ("*1\r\n$" + String(repeating: "1", count: 70000), "-ERR Protocol error: too big bulk count string\r\n"),
            (String(repeating: "P", count: 65537), "-ERR Protocol error: too big inline request\r\n"),
        ]
        for (input, reply) in cases {
            let (_, error) = parseAll(input)
            XCTAssertEqual(
                error.map { String(decoding: $0.replyBytes, as: UTF8.self) }, reply,
                "input \(input.prefix(40).debugDescription)")
        }
    }

    func testIncompleteInputWaitsWithoutError() {
        for input in [
            String(repeating: "P", count: 65536), "*1\r\n$16384\r\n", "ECHO a\u{0}b\r\nPING\r\n", "*1\r\n$3\r\nab",
        ] {
            let (commands, error) = parseAll(input)
            XCTAssertEqual(commands, [])
            XCTAssertNil(error, "input \(input.prefix(40).debugDescription)")
        }
    }

    func testUnauthenticatedLimits() {
        XCTAssertEqual(parseAll("*11\r\n", authenticated: false).1, .unauthenticatedMultibulkLength)
        XCTAssertEqual(parseAll("*10\r\n$16385\r\n", authenticated: false).1, .unauthenticatedBulkLength)
        XCTAssertNil(parseAll("*11\r\n", authenticated: true).1)
    }

    func testConfiguredBulkLimitIsCheckedBeforeTheBodyArrives() {
        let limits = RESPCommandLimits(maxBulkLength: 10)
        XCTAssertEqual(parseAll("*1\r\n$11\r\n", limits: limits).1, .invalidBulkLength)
        XCTAssertEqual(parseAll("*1\r\n$10\r\n0123456789\r\n", limits: limits).0, [["0123456789"]])
    }

    func testManyArgumentsArrivingByteByByteParseOnce() throws {
        var parser = RESPCommandParser()
        var text = "*2000\r\n"
        for index in 0..<2000 { text += "$\(String(index).count)\r\n\(index)\r\n" }
        let bytes = Array(text.utf8)
        var buffer = ByteBuffer()
        var result: [ByteBuffer]?
        for chunk in stride(from: 0, to: bytes.count, by: 7) {
            buffer.writeBytes(bytes[chunk..<min(chunk + 7, bytes.count)])
            if let argv = try parser.next(from: &buffer) { result = argv }
        }
        XCTAssertEqual(result?.count, 2000)
        XCTAssertEqual(result.map { String(buffer: $0[1999]) }, "1999")
        XCTAssertEqual(buffer.readableBytes, 0)
    }
}

final class RESPInlineCommandTests: XCTestCase {
    func testPlainAndQuotedInlineLinesSplitAlike() throws {
        let lines = ["SET k v", "  GET\tk  ", "a\u{0B}b c", "\u{0B}x\u{0C} y", "ECHO \"a b\" c", "x 'y z'"]
        let expected: [[String]] = [
            ["SET", "k", "v"], ["GET", "k"], ["a\u{0B}b", "c"], ["x\u{0C}", "y"], ["ECHO", "a b", "c"], ["x", "y z"],
        ]
        for (line, words) in zip(lines, expected) {
            var parser = RESPCommandParser()
            var buffer = ByteBuffer(string: line + "\r\n")
            let argv = try parser.next(from: &buffer)
            XCTAssertEqual(argv?.map { String(buffer: $0) }, words, line.debugDescription)
            XCTAssertEqual(buffer.readableBytes, 0)
        }
    }
}
