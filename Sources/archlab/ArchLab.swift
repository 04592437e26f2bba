import ArgumentParser

@main
struct ArchLab: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archlab",
        abstract: "A terminal course on production-ready LLM backends: caching, semantic caching and rate limiting.",
        version: ArchLabVersion.current,
        subcommands: [
            LearnCommand.self,
            LintCommand.self,
            PreviewCommand.self,
            NewCommand.self,
            GradeCommand.self,
            StatsCommand.self,
            AnswersCommand.self,
            ProgressCommand.self,
            LearnersCommand.self,
            LimitCommand.self,
            EmbedCommand.self,
            SimilarityCommand.self,
            SemanticCommand.self,
            ModelCommand.self,
            RunCommand.self,
            RedisServerCommand.self,
            ServeCommand.self,
            ExerciseCommand.self,
            CheckCommand.self,
            WatchCommand.self,
        ],
        defaultSubcommand: LearnCommand.self
    )
}

/// `archlab` with no subcommand (or `archlab learn`): the learner's REPL. Its options live
/// here, not on the root command, so that subcommands keep their own `--db` and `--learner`.
struct LearnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Open the course in the interactive REPL (what `archlab` with no subcommand does)."
    )

    @OptionGroup var courseOptions: CourseOptions

    @OptionGroup var replOptions: ReplOptions

    func run() async throws {
        try await ReplLauncher.run(courseOptions: courseOptions, options: replOptions)
    }
}
