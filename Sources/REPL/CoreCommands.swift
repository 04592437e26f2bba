/// The commands every session has; labs add theirs with ``CommandRegistry/register(_:)``.
enum CoreCommands {
    static func register(into registry: CommandRegistry) {
        for command in [HelpCommands.help] + LessonCommands.all + QuizCommands.all + ReviewCommands.all
            + InfoCommands.all
            + LearnerCommands.all + [HelpCommands.quit]
        {
            registry.register(command)
        }
    }
}
