/// A simulation report reduced to what a terminal chart shows: counts per time bucket
/// for each algorithm, axis ticks, and the text around the chart. Plain data, so the
/// rate-limit module stays free of terminal code; `TimelineChart` in Terminal draws it.
public struct SimulationTimeline: Hashable, Sendable {
    /// One algorithm's row pair.
    public struct Series: Hashable, Sendable {
        public var title: String
        public var allowed: [Int]
        public var rejected: [Int]
    }

    /// A labelled column on the time axis.
    public struct Tick: Hashable, Sendable {
        public var column: Int
        public var label: String
    }

    /// Lines above the chart: the traffic, the request count and the legend.
    public var header: [String]
    /// The width of one column in milliseconds.
    public var bucketMilliseconds: Int64
    public var series: [Series]
    public var ticks: [Tick]
    /// Lines below the chart: per algorithm allowed, rejected and the busiest span.
    public var summary: [String]
}
