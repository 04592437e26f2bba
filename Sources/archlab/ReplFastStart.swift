import ArgumentParser

extension ArchLab {
    /// The entry point. `archlab` with nothing but the REPL's own options (the learner's everyday start) is read
    /// without swift-argument-parser: building its command tree, every subcommand's options included, was a sixth of
    /// the time to the first prompt (Benchmarks/repl-startup). Anything else — a subcommand, help, a version request,
    /// an unknown or repeated option, a value that does not parse — goes through the full parser, exactly as before.
    static func main() async {
        guard let options = ReplFastStart.parse(Array(CommandLine.arguments.dropFirst())) else {
            await main(nil)
            return
        }
        do {
            try await ReplLauncher.run(options)
        } catch {
            exit(withError: error)
        }
    }
}

/// Reads command lines made only of the REPL's options (`LearnCommand`'s `--course`, `--learner`, `--db`,
/// `--no-color` and the hidden `--seed`).
enum ReplFastStart {
    /// The options that take a value, as `--name value` or `--name=value`.
    private static let valueOptions: Set<String> = ["--course", "--learner", "--db", "--seed"]

    /// The options, or nil when the full parser must decide: any other word, a word that names a subcommand or
    /// `help` (even as a value), an empty value or one that looks like an option, an option given twice, a seed
    /// that is not a 64-bit unsigned number.
    static func parse(_ arguments: [String]) -> ReplArguments? {
        let reserved = Set(ArchLab.configuration.subcommands.map { $0._commandName }).union(["help"])
        var values: [String: String] = [:]
        var noColor = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard !reserved.contains(argument) else { return nil }
            if argument == "--no-color" {
                guard !noColor else { return nil }
                noColor = true
                continue
            }
            let name: String
            let value: String
            if valueOptions.contains(argument) {
                guard index < arguments.count else { return nil }
                name = argument
                value = arguments[index]
                index += 1
                guard !value.hasPrefix("-"), !reserved.contains(value) else { return nil }
            } else if let equals = argument.firstIndex(of: "="), valueOptions.contains(String(argument[..<equals])) {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            } else {
                return nil
            }
            guard !value.isEmpty, values.updateValue(value, forKey: name) == nil else { return nil }
        }
        var seed: UInt64?
        if let text = values["--seed"] {
            guard let parsed = UInt64(text) else { return nil }
            seed = parsed
        }
        return ReplArguments(
            course: values["--course"], learner: values["--learner"], db: values["--db"], noColor: noColor, seed: seed)
    }
}
