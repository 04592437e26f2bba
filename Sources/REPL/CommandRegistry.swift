/// The commands a session knows, by name and alias, in registration order.
public final class CommandRegistry {
    public private(set) var commands: [ReplCommand] = []
    private var index: [String: Int] = [:]

    public init() {}

    /// Adds a command; a later registration with the same name or alias replaces the earlier one.
    public func register(_ command: ReplCommand) {
        let position: Int
        if let existing = index[command.name] {
            commands[existing] = command
            position = existing
        } else {
            commands.append(command)
            position = commands.count - 1
        }
        for name in [command.name] + command.aliases {
            index[name.lowercased()] = position
        }
    }

    /// The command called `name` (case-insensitive), by its name or an alias.
    public func command(named name: String) -> ReplCommand? {
        index[name.lowercased()].map { commands[$0] }
    }

    /// Every name and alias, sorted, for completion.
    public var allNames: [String] {
        index.keys.sorted()
    }

    /// Registered names close to `typo`, for "did you mean" hints.
    func suggestions(for typo: String) -> [String] {
        let lowered = typo.lowercased()
        let byPrefix = commands.map(\.name).filter { $0.hasPrefix(lowered) || lowered.hasPrefix($0) }
        if !byPrefix.isEmpty { return byPrefix }
        return commands.map(\.name).filter { EditDistance.between($0, lowered) <= 2 }
    }
}

enum EditDistance {
    static func between(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
