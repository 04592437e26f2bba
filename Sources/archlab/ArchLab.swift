import ArgumentParser

@main
struct ArchLab: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archlab",
        abstract: "A terminal course on production-ready LLM backends: caching, semantic caching and rate limiting.",
        version: "0.1.0",
        subcommands: [
            LintCommand.self,
            GradeCommand.self,
            AnswersCommand.self,
            ProgressCommand.self,
            LearnersCommand.self,
            LimitCommand.self,
            EmbedCommand.self,
            SimilarityCommand.self,
            SemanticCommand.self,
            ModelCommand.self,
            RunCommand.self,
            ServeCommand.self,
        ]
    )

    @OptionGroup var courseOptions: CourseOptions

    @OptionGroup var replOptions: ReplOptions

    func run() async throws {
        try await ReplLauncher.run(courseOptions: courseOptions, options: replOptions)
    }
}
