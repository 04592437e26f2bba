import Foundation
import TestSupport
import XCTest

/// `archlab serve --trusted-proxy`: a forged X-Forwarded-For gets no fresh limit, and through a trusted proxy the
/// header's right-most entry that is not a proxy is the caller. A bucket of 2 refilled every 60 s per caller, so
/// nothing refills during the test.
final class ServeTrustedProxyEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "serve-trusted-proxy-e2e" }

    private func statuses(_ serve: ServeProcess, forwardedFor headers: [String]) throws -> [Int] {
        let client = try KeepAliveHTTP(port: serve.port)
        return try headers.map { header in
            try client.send(
                "POST", "/v1/chat/completions",
                body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"How do I reset my password?"}]}"#,
                headers: ["X-Forwarded-For": header]
            ).status
        }
    }

    private let flags = [
        "--model", "lexical", "--latency-scale", "0", "--algorithm", "token-bucket", "--limit", "2 per 60 s",
    ]

    func testWithoutTrustedProxiesAForgedForwardedForIsIgnored() throws {
        let serve = try ServeProcess(flags, in: scratch)
        defer { serve.stop() }
        XCTAssertEqual(
            try statuses(serve, forwardedFor: ["203.0.113.1", "203.0.113.2", "203.0.113.3"]), [200, 200, 429],
            "every forged address counts against the peer, 127.0.0.1")
    }

    func testThroughATrustedProxyTheClientItNamesIsTheCaller() throws {
        let serve = try ServeProcess(
            flags + ["--trusted-proxy", "127.0.0.1", "--trusted-proxy", "10.0.0.2"], in: scratch)
        defer { serve.stop() }
        let forged = ["1.1.1.1", "2.2.2.2", "3.3.3.3"].map { "\($0), 198.51.100.7, 10.0.0.2" }
        XCTAssertEqual(
            try statuses(serve, forwardedFor: forged + ["198.51.100.8"]), [200, 200, 429, 200],
            "198.51.100.7 is one caller whatever it forges; 198.51.100.8 is another")
    }

    func testTheFlagIsDocumentedAndTakesOneAddressEach() throws {
        let help = try ArchLabRunner.run(["serve", "--help"], in: scratch)
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--trusted-proxy <address>"), help.stdout)
        let refused = try ArchLabRunner.run(["serve", "--trusted-proxy", "10.0.0.1, 10.0.0.2"], in: scratch)
        XCTAssertEqual(refused.status, 64)
        XCTAssertTrue(
            refused.stderr.contains("--trusted-proxy takes one address, such as 10.0.0.2, not '10.0.0.1, 10.0.0.2'"),
            refused.stderr)
    }
}
