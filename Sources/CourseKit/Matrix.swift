/// The Architect Matrix: the graph of skills a learner unlocks, drawn on a grid.
public struct Matrix: Sendable, Hashable {
    /// Nodes in the order `course.toml` lists them.
    public internal(set) var nodes: [MatrixNode]

    public init(nodes: [MatrixNode]) {
        self.nodes = nodes
    }

    /// The node with this id, if any.
    public func node(id: String) -> MatrixNode? {
        nodes.first { $0.id == id }
    }

    /// Grid size as (columns, rows): one more than the largest `at` values.
    public var gridSize: (columns: Int, rows: Int) {
        let columns = nodes.map(\.column).max().map { $0 + 1 } ?? 0
        let rows = nodes.map(\.row).max().map { $0 + 1 } ?? 0
        return (columns, rows)
    }
}

/// One node of the Matrix.
public struct MatrixNode: Sendable, Hashable {
    public let id: String
    public internal(set) var title: String
    /// Node ids that must be unlocked first; empty for a root.
    public let requires: [String]
    /// Grid column (`at[0]`).
    public let column: Int
    /// Grid row (`at[1]`).
    public let row: Int
    /// A scenario id that must have been run, if any.
    public let lab: String?
    /// Exercise ids that must have passed `archlab check`.
    public let exercises: [String]
    public internal(set) var summary: String?
    /// 1-based line of the node's `[[node]]` header in `course.toml`.
    public let line: Int

    public init(
        id: String, title: String, requires: [String], column: Int, row: Int, lab: String? = nil,
        summary: String? = nil, line: Int = 0, exercises: [String] = []
    ) {
        self.id = id
        self.title = title
        self.requires = requires
        self.column = column
        self.row = row
        self.lab = lab
        self.exercises = exercises
        self.summary = summary
        self.line = line
    }
}
