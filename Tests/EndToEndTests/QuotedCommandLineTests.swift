import Foundation
import XCTest

/// How the quoted-commands test reads a course's command lines: which it runs, with which arguments, and which
/// it leaves out (placeholders, servers, the learner's own checks).
final class QuotedCommandLineTests: XCTestCase {
    private func plan(_ text: String) -> QuotedCommandLine.Plan {
        QuotedCommandLine(text: text).plan
    }

    func testQuotedWordsStayWhole() {
        XCTAssertEqual(
            plan(#"limit simulate --traffic "burst 3 at 9.8s; burst 4 at 10.5s" --format json"#),
            .run(["limit", "simulate", "--traffic", "burst 3 at 9.8s; burst 4 at 10.5s", "--format", "json"]))
        XCTAssertEqual(
            plan(#"similarity "Tell me France's capital city" 'a "b"'"#),
            .run(["similarity", "Tell me France's capital city", #"a "b""#]))
    }

    func testPlaceholdersAreNotRun() {
        for text in [
            "run SCENARIO", "run exact-cache --learner NAME", "embed TEXT --format blob", "run <scenario>",
            "limit simulate --algorithm all …", "serve --trusted-proxy ADDR",
        ] {
            XCTAssertEqual(plan(text), .placeholder, text)
        }
        XCTAssertEqual(plan(#"similarity "What is TTL?" "ttl""#), .run(["similarity", "What is TTL?", "ttl"]))
    }

    func testServersAndChecksAreExemptAndShellSyntaxIsReported() {
        XCTAssertEqual(plan("serve --step 8"), .exempt("a long-running server"))
        XCTAssertEqual(plan("check capstone"), .exempt("judges the learner's own code in their workspace"))
        XCTAssertEqual(plan("model fetch"), .exempt("downloads the model from the network"))
        XCTAssertEqual(plan("lint --watch"), .exempt("watches files until interrupted"))
        XCTAssertEqual(plan("run baseline | head"), .unsupported("shell syntax `|`"))
        XCTAssertEqual(plan(#"similarity "open"#), .unsupported("an unclosed quote"))
    }

    func testTOMLEscapesReadAsTheLearnerSeesThem() {
        XCTAssertEqual(
            CourseQuotes.unescapeTOML(#"(\"a\" vs \"b\" scores 0.610, c:\\d)"#), #"("a" vs "b" scores 0.610, c:\d)"#)
    }
}
