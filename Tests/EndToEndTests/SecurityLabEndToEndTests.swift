import Foundation
import ProgressStore
import TestSupport
import XCTest

/// Lesson 8's security lab through the built binary: `archlab run security` with each rule turned off shows
/// the leaked or poisoned answer and ends with the lab's question, and `archlab serve --tenant-in-key=false`
/// serves one tenant's cached answer to another over HTTP.
final class SecurityLabEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "security-lab-e2e" }

    private func run(_ arguments: [String]) throws -> ArchLabRunner.Output {
        try ArchLabRunner.run(
            ["run", "security", "--no-record", "--course", ArchLabRunner.packageRoot.path] + arguments, in: scratch)
    }

    func testTheDefaultsLeakNothingAndEachRuleTurnedOffShowsItsExample() throws {
        let safe = try run([])
        XCTAssertEqual(safe.status, 0, safe.stderr)
        let lines = safe.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("  leaked                0  answers written for another tenant"), safe.stdout)
        XCTAssertTrue(lines.contains("  poisoned              0  answers shaped by an attacker's note"), safe.stdout)
        XCTAssertTrue(
            safe.stdout.contains("\nQuestion: With tenant_in_key=false"), "the lab's question:\n\(safe.stdout)")

        let leak = try run(["--set", "tenant_in_key=false"])
        XCTAssertEqual(leak.status, 0, leak.stderr)
        XCTAssertFalse(leak.stdout.contains("  leaked                0"), leak.stdout)
        let leakLines = leak.stdout.split(separator: "\n")
        let block = try XCTUnwrap(leakLines.firstIndex { $0.hasPrefix("  leaked") }, leak.stdout)
        let end = try XCTUnwrap(leakLines.firstIndex { $0.hasPrefix("LLM calls") }, leak.stdout)
        XCTAssertTrue(
            leakLines[block..<end].allSatisfy { $0.count <= 80 }, "the examples fit 80 columns:\n\(leak.stdout)")
        // "e.g. tenant-3 asked "…" and got tenant-2's answer:", wrapped: two different tenants.
        let text = leakLines[block..<end].joined(separator: " ").split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
        let pattern = /e\.g\. (tenant-\d+) asked ".*?" and got (tenant-\d+)'s answer:/
        let match = try XCTUnwrap(text.firstMatch(of: pattern), text)
        XCTAssertNotEqual(match.output.1, match.output.2, text)
        XCTAssertTrue(text.contains("\"\(match.output.2): "), "the answer names the tenant it was written for: \(text)")

        let poison = try run(["--set", "cache_context=true"])
        XCTAssertEqual(poison.status, 0, poison.stderr)
        XCTAssertFalse(poison.stdout.contains("  poisoned              0"), poison.stdout)
        XCTAssertTrue(poison.stdout.contains("evil.example"), "the poisoned answer is shown:\n\(poison.stdout)")

        let json = try run(["--set", "tenant_in_key=false", "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertGreaterThan(try XCTUnwrap(document["leaked_answers"] as? Int), 0)
        XCTAssertFalse(json.stdout.contains("Question:"), "JSON stays JSON")
    }

    func testServeWithoutTheTenantInTheKeyServesAnotherTenantsCachedAnswer() throws {
        let keys = """
            [[key]]
            name = "acme-app"
            key = "sk-acme-e2e-0123456789abcdef"
            tenant = "acme"

            [[key]]
            name = "globex-app"
            key = "sk-globex-e2e-fedcba987654321"
            tenant = "globex"

            """
        let path = scratch.appendingPathComponent("keys.toml").path
        try keys.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let body = #"{"model":"gpt-4o","messages":[{"role":"user","content":"How do I reset my password?"}]}"#
        func answers(_ flags: [String]) throws -> (acme: KeepAliveHTTP.Response, globex: KeepAliveHTTP.Response) {
            let serve = try ServeProcess(
                ["--keys", path, "--model", "lexical", "--latency-scale", "0", "--step", "2"] + flags, in: scratch)
            defer { serve.stop() }
            let client = try KeepAliveHTTP(port: serve.port)
            let acme = try client.send(
                "POST", "/v1/chat/completions", body: body,
                headers: ["Authorization": "Bearer sk-acme-e2e-0123456789abcdef"])
            let globex = try client.send(
                "POST", "/v1/chat/completions", body: body,
                headers: ["Authorization": "Bearer sk-globex-e2e-fedcba987654321"])
            return (acme, globex)
        }
        let safe = try answers([])
        XCTAssertEqual(safe.acme.status, 200, safe.acme.body)
        XCTAssertTrue(safe.acme.body.contains("acme: "), safe.acme.body)
        XCTAssertTrue(safe.globex.body.contains("globex: "), "globex gets its own answer:\n\(safe.globex.body)")
        XCTAssertTrue(safe.globex.head.lowercased().contains("x-cache: miss"), safe.globex.head)

        let leaky = try answers(["--tenant-in-key=false"])
        XCTAssertEqual(leaky.globex.status, 200, leaky.globex.body)
        XCTAssertTrue(leaky.globex.head.lowercased().contains("x-cache: hit"), leaky.globex.head)
        XCTAssertTrue(leaky.globex.body.contains("acme: "), "globex is served acme's answer:\n\(leaky.globex.body)")
        XCTAssertFalse(leaky.globex.body.contains("globex: "), leaky.globex.body)
    }

    /// A recorded answer to a lab's question is shown back by `archlab progress`, as text and as JSON.
    func testProgressShowsTheLatestAnswerToEachLabsQuestion() throws {
        let database = scratch.appendingPathComponent("progress.sqlite").path
        let store = try ProgressStore(path: database)
        let ada = try store.ensureLearner("ada")
        let run = try store.recordLabRun(learner: ada, scenarioID: "security", parametersJSON: "{}", summaryJSON: "{}")
        try store.recordLabAnswer(runID: run.run.id, question: "Whose answers?", answer: "Tenant-1's, to everyone.")
        try store.close()
        let arguments = ["progress", "--db", database, "--learner", "ada", "--course", ArchLabRunner.packageRoot.path]
        let text = try ArchLabRunner.run(arguments, in: scratch)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("  after security: Q: Whose answers?\n    A: Tenant-1's, to everyone."))
        let json = try ArchLabRunner.run(arguments + ["--format", "json"], in: scratch)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let answers = try XCTUnwrap(document["lab_answers"] as? [[String: Any]], json.stdout)
        XCTAssertEqual(answers.first?["lab"] as? String, "security")
        XCTAssertEqual(answers.first?["answer"] as? String, "Tenant-1's, to everyone.")
    }
}
