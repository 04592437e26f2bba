import Foundation
import TestSupport
import XCTest

/// `archlab serve --keys FILE` through the built binary: the file's mode and syntax are checked as a
/// user would meet them, and a keyed server serves its keys only, never printing one.
final class ServeKeysEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "serve-keys-e2e" }

    private let valid = """
        [[key]]
        name = "ada"
        key = "sk-ada-e2e-0123456789abcdef"
        tenant = "acme"

        [[key]]
        name = "bot"
        key = "sk-bot-e2e-fedcba9876543210"
        limit = "2 per 1h"

        """

    private func keyFile(_ text: String, mode: Int, name: String = "keys.toml") throws -> String {
        let path = scratch.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func testAKeyFileOthersMayReadOrWriteIsRefusedAsSshDoes() throws {
        for mode in [0o644, 0o640, 0o602] {
            let path = try keyFile(valid, mode: mode)
            let serve = try ArchLabRunner.run(["serve", "--port", "0", "--keys", path], in: scratch)
            XCTAssertEqual(serve.status, 2, serve.stderr)
            XCTAssertEqual(
                serve.stderr,
                "\(path): error: permissions \(String(format: "%04o", mode)) are too open: a key file must not be "
                    + "readable or writable by group or others; run `chmod 600 \(path)`\n")
        }
    }

    func testMalformedKeyFilesGetTheirLineAndExit2() throws {
        let cases: [(String, String)] = [
            ("[[key]\nname = \"a\"\n", "keys.toml:1:7: error: TOML syntax error:"),
            (
                "[[key]]\nname = \"a\"\nkey = \"k1\"\nlimit = \"often\"\n",
                #"keys.toml:4:1: error: `limit` must be a rate such as "10 per 60 s", not "often""#
            ),
            ("[[key]]\nname = \"a\"\n", "keys.toml:1:1: error: this key has no `key`"),
            (
                "[[key]]\nname = \"a\"\nkey = \"k1\"\n[[key]]\nname = \"a\"\nkey = \"k2\"\n",
                "keys.toml:5:1: error: the name `a` is used twice"
            ),
            (
                "[[key]]\nname = \"a\"\nkey = \"k1\"\n[[key]]\nname = \"b\"\n  key = \"k1\"\n",
                "keys.toml:6:3: error: `b` has the same key as another entry"
            ),
            (
                "[[key]]\nname = \"a\"\nkey = \"has space\"\n",
                "keys.toml:3:1: error: `key` of `a` must be printable ASCII"
            ),
            ("[[key]]\nname = \"a\"\nkey = \"k\"\nrole = \"admin\"\n", "keys.toml:4:1: error: unknown field `role`"),
            ("", "keys.toml:1:1: error: no keys"),
        ]
        for (text, expected) in cases {
            _ = try keyFile(text, mode: 0o600)
            let serve = try ArchLabRunner.run(["serve", "--port", "0", "--keys", "keys.toml"], in: scratch)
            XCTAssertEqual(serve.status, 2, text)
            XCTAssertTrue(serve.stderr.hasPrefix(expected), "\(text)→ \(serve.stderr)")
        }
        let missing = try ArchLabRunner.run(["serve", "--port", "0", "--keys", "absent.toml"], in: scratch)
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "absent.toml: error: file not found\n")
    }

    func testAKeyedServerServesItsKeysRefusesOthersAndNeverPrintsAKey() throws {
        let file = try keyFile(valid, mode: 0o600)
        // Through a symlink (itself mode 0777): the file's own mode is what counts, as stat(2) reads it.
        let path = scratch.appendingPathComponent("link.toml").path
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: file)
        let serve = try ServeProcess(["--keys", path, "--model", "lexical", "--latency-scale", "0"], in: scratch)
        let client = try KeepAliveHTTP(port: serve.port)
        let body = #"{"model":"gpt-4o","messages":[{"role":"user","content":"How do I reset my password?"}]}"#
        let ada = try client.send(
            "POST", "/v1/chat/completions", body: body, headers: ["Authorization": "Bearer sk-ada-e2e-0123456789abcdef"]
        )
        XCTAssertEqual(ada.status, 200, ada.body)
        let bot = try (1...3).map { _ in
            try client.send(
                "POST", "/v1/chat/completions", body: body,
                headers: ["Authorization": "Bearer sk-bot-e2e-fedcba9876543210"]
            ).status
        }
        XCTAssertEqual(bot, [200, 200, 429], "bot's own limit of 2 per 1h")
        let forged = try client.send(
            "POST", "/v1/chat/completions", body: body, headers: ["Authorization": "Bearer sk-ada-e2e-guess"])
        XCTAssertEqual(forged.status, 401)
        XCTAssertTrue(forged.body.contains(#""code":"invalid_api_key""#), forged.body)
        serve.stop()
        XCTAssertEqual(serve.process.terminationStatus, 0, serve.text)
        XCTAssertTrue(serve.text.contains("2 API keys"), serve.text)
        XCTAssertFalse(serve.text.contains("warning:"), "no open-server warning with --keys: \(serve.text)")
        for secret in ["sk-ada-e2e-0123456789abcdef", "sk-bot-e2e-fedcba9876543210", "sk-ada-e2e-guess"] {
            XCTAssertFalse(serve.text.contains(secret), "keys are never printed: \(serve.text)")
        }
    }

    func testAnOpenServerWarnsOnceAtStart() throws {
        let serve = try ServeProcess(["--model", "lexical"], in: scratch)
        serve.stop()
        let warnings = serve.text.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        XCTAssertEqual(
            warnings,
            [
                "warning: serving without --keys: any Authorization: Bearer string is accepted as a caller's identity, "
                    + "so anyone can mint a fresh rate limit; use --keys FILE to serve only issued keys"
            ])
    }
}
