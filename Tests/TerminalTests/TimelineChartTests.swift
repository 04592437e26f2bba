import Terminal
import XCTest

final class TimelineChartTests: XCTestCase {
    func testBarsShareOneScaleAndZeroIsBlank() {
        let chart = TimelineChart(
            groups: [
                .init(title: "a", rows: [.init(label: "allowed", counts: [8, 4, 0, 1])]),
                .init(title: "b", rows: [.init(label: "rejected", counts: [0, 8])]),
            ],
            ticks: [(0, "0 s"), (2, "2 s")]
        )
        XCTAssertEqual(
            chart.render(),
            [
                "a",
                "  allowed  │█▄ ▁│",
                "b",
                "  rejected │ █  │",
                "           └┬─┬─┘",
                "            0 s",
            ])
    }

    func testOverlappingTickLabelsAreDropped() {
        let chart = TimelineChart(
            groups: [.init(title: "t", rows: [.init(label: "x", counts: [1, 1, 1, 1, 1, 1])])],
            ticks: [(0, "0 s"), (2, "2 s"), (4, "4 s")])
        XCTAssertEqual(chart.render().last, "     0 s 4 s")
    }

    func testGlyphNeverHidesANonZeroCount() {
        XCTAssertEqual(TimelineChart.glyph(1, scale: 1000), "▁")
        XCTAssertEqual(TimelineChart.glyph(1000, scale: 1000), "█")
        XCTAssertEqual(TimelineChart.glyph(0, scale: 1000), " ")
    }
}
