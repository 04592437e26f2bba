import Terminal

/// `help` and `quit`.
enum HelpCommands {
    static var help: ReplCommand {
        ReplCommand(
            name: "help", aliases: ["?"], usage: "help [command]", summary: "List the commands, or explain one",
            help: "Without an argument, lists every command. `help open` explains `open`.",
            completer: { session, previous in previous.isEmpty ? session.registry.commands.map(\.name) : [] }
        ) { session, arguments in
            if let name = arguments.words.first {
                guard let command = session.registry.command(named: name) else {
                    throw ReplError.message("No command `\(ControlCharacters.strip(name))`. Type `help` for the list.")
                }
                session.say(session.painter.paint(command.usage, .bold))
                if !command.aliases.isEmpty { session.say("Also: " + command.aliases.joined(separator: ", ")) }
                session.show(markdown: command.summary + ".\n\n" + command.help)
                return .succeeded
            }
            let commands = session.registry.commands
            let widest = commands.map { DisplayWidth.of($0.usage) }.max() ?? 0
            let usageWidth = min(widest, max(12, min(24, session.width / 3)))
            let column = usageWidth + 4
            let pad = String(repeating: " ", count: column)
            session.say("Commands:")
            for command in commands {
                let summary = ReplSession.hangingWrap(
                    command.summary, width: max(session.width - column, 16), indent: 0)
                if DisplayWidth.of(command.usage) > usageWidth {
                    session.say("  " + command.usage)
                    for line in summary { session.say(pad + line) }
                    continue
                }
                let usage = "  " + DisplayWidth.padRight(command.usage, to: usageWidth) + "  "
                for (index, line) in summary.enumerated() { session.say((index == 0 ? usage : pad) + line) }
            }
            session.sayWrapped("Type `help <command>` for details. Tab completes commands and their arguments.")
            return .succeeded
        }
    }

    static var quit: ReplCommand {
        ReplCommand(
            name: "quit", aliases: ["exit"], usage: "quit", summary: "Leave ArchLab (your progress is saved)",
            help:
                """
                    Ends the session. Everything — reading position, attempts, unlocks — is already saved; Ctrl-D on \
                    an empty line does the same.
                    """
        ) { session, _ in
            session.say(session.farewell)
            return .quit
        }
    }
}
