import Terminal

/// Replays a fixed list of inputs, then reports the end of input; records the prompts it was shown.
public final class ScriptedLineEditor: LineEditor {
    private var inputs: [LineInput]
    /// Every prompt passed to ``readLine(prompt:)``, in order.
    public private(set) var prompts: [String] = []
    public let isInteractive: Bool

    public init(_ inputs: [LineInput], interactive: Bool = false) {
        self.inputs = inputs
        isInteractive = interactive
    }

    /// Convenience for scripts made only of lines.
    public convenience init(lines: [String], interactive: Bool = false) {
        self.init(lines.map(LineInput.line), interactive: interactive)
    }

    public func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    public func remember(_ line: String) {}
}
