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
        ]
    )

    @OptionGroup var courseOptions: CourseOptions

    func run() async throws {
        try CourseOverview.run(courseOptions: courseOptions)
    }
}
