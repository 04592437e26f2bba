import Terminal
import XCTest

final class MatrixDrawingTests: XCTestCase {
    typealias Node = MatrixDrawing.Node

    /// The shape of the real course's Matrix (5 columns, 3 rows).
    let courseLike: [Node] = [
        Node(id: "cost-model", title: "Cost Model", column: 0, row: 0, state: .unlocked, requires: []),
        Node(id: "exact-cache", title: "Exact Cache", column: 1, row: 0, state: .unlocked, requires: ["cost-model"]),
        Node(id: "redis-lab", title: "Redis Lab", column: 2, row: 0, state: .available, requires: ["exact-cache"]),
        Node(id: "semantic-cache", title: "Semantic Cache", column: 3, row: 0, state: .locked, requires: ["redis-lab"]),
        Node(
            id: "threshold-tuning", title: "Threshold Tuning", column: 4, row: 0, state: .locked,
            requires: ["semantic-cache"]),
        Node(
            id: "stream-cache", title: "Stream Cache", column: 4, row: 1, state: .locked, requires: ["threshold-tuning"]
        ),
        Node(id: "abuse-guard", title: "Abuse Guard", column: 0, row: 1, state: .available, requires: ["cost-model"]),
        Node(id: "token-bucket", title: "Token Bucket", column: 1, row: 1, state: .locked, requires: ["abuse-guard"]),
        Node(
            id: "sliding-window", title: "Sliding Window", column: 2, row: 1, state: .locked, requires: ["token-bucket"]
        ),
        Node(id: "http-429", title: "HTTP 429", column: 2, row: 2, state: .locked, requires: ["sliding-window"]),
        Node(id: "secure", title: "Secure", column: 3, row: 2, state: .locked, requires: ["http-429"]),
        Node(
            id: "production-backend", title: "Production Backend", column: 4, row: 2, state: .locked,
            requires: ["secure", "stream-cache"]),
    ]

    func testTheCourseMatrixRoutesEveryEdge() {
        let lines = MatrixDrawing(nodes: courseLike).render(maxWidth: 80, painter: .plain)
        XCTAssertFalse(lines.joined().contains("Also required"), lines.joined(separator: "\n"))
        XCTAssertEqual(lines.joined().filter { $0 == "▶" }.count, 8)
        XCTAssertEqual(lines.joined().filter { $0 == "▼" }.count, 4)
    }

    func testEveryLineFitsIn80Columns() {
        for painter in [Painter.plain, Painter(colorEnabled: true)] {
            let lines = MatrixDrawing(nodes: courseLike).render(maxWidth: 80, painter: painter)
            for line in lines { XCTAssertLessThanOrEqual(DisplayWidth.of(line), 80, line) }
            guard !painter.colorEnabled else { continue }
            let top = Array(lines[0])
            let corners = top.indices.filter { top[$0] == "┌" || top[$0] == "┐" }
            XCTAssertEqual(corners.count, 10)
            for line in lines[1...3] {
                let characters = Array(line)
                for index in corners { XCTAssertEqual(characters[index], "│", "box side overwritten in: \(line)") }
            }
        }
    }

    func testNarrowTerminalsKeepEveryBoxClosed() {
        let lines = MatrixDrawing(nodes: courseLike).render(maxWidth: 60, painter: .plain)
        let boxRows = lines.filter { $0.hasPrefix("│") }
        XCTAssertFalse(boxRows.isEmpty)
        for line in lines {
            XCTAssertLessThanOrEqual(DisplayWidth.of(line), 60, line)
        }
        for row in boxRows {
            // Every box opened on a row is closed on it: as many left as right borders.
            XCTAssertEqual(row.filter { $0 == "│" }.count % 2, 0, row)
            XCTAssertTrue(row.hasSuffix("│"), "the last column is cut: \(row)")
        }
    }

    func testStatesAreReadableWithoutColour() {
        let text = MatrixDrawing(nodes: courseLike).render(painter: .plain).joined(separator: "\n")
        XCTAssertFalse(text.contains("\u{1B}"))
        XCTAssertTrue(text.contains("│✓ unlocked"), text)
        XCTAssertTrue(text.contains("│○ available│"), text)
        XCTAssertTrue(text.contains("│× locked"), text)
        XCTAssertTrue(text.contains("│Cost Model"), text)
        XCTAssertTrue(text.contains("✓ unlocked   ○ available"))
    }

    func testEdgesConnectRequirementsToDependants() {
        let nodes = [
            Node(id: "a", title: "Alpha", column: 0, row: 0, state: .unlocked, requires: []),
            Node(id: "b", title: "Beta", column: 1, row: 0, state: .available, requires: ["a"]),
            Node(id: "c", title: "Gamma", column: 1, row: 1, state: .locked, requires: ["a"]),
            Node(id: "d", title: "Delta", column: 1, row: 2, state: .locked, requires: ["c"]),
        ]
        let lines = MatrixDrawing(nodes: nodes).render(maxWidth: 60, painter: .plain)
        XCTAssertEqual(
            lines.prefix(10).joined(separator: "\n"),
            """
            ┌──────────────────────┐    ┌──────────────────────┐
            │ Alpha                │─┬─▶│ Beta                 │
            │ ✓ unlocked           │ │  │ ○ available          │
            └──────────────────────┘ │  └──────────────────────┘
                                     │
                                     │  ┌──────────────────────┐
                                     └─▶│ Gamma                │
                                        │ × locked             │
                                        └──────────────────────┘
                                                    ▼
            """)
    }

    func testUnroutableEdgesAreListed() {
        let nodes = [
            Node(id: "a", title: "Alpha", column: 0, row: 0, state: .unlocked, requires: []),
            Node(id: "z", title: "Zeta", column: 2, row: 1, state: .locked, requires: ["a"]),
        ]
        let lines = MatrixDrawing(nodes: nodes).render(painter: .plain)
        XCTAssertEqual(lines.last, "Also required: Alpha → Zeta")
    }

    func testTooManyColumnsFallBackToAList() {
        let nodes = (0..<12).map {
            Node(id: "n\($0)", title: "Node \($0)", column: $0, row: 0, state: .locked, requires: [])
        }
        let lines = MatrixDrawing(nodes: nodes).render(maxWidth: 80, painter: .plain)
        XCTAssertEqual(lines.first, "× Node 0 — locked")
    }
}
