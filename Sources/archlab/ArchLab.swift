import ArgumentParser

@main
struct ArchLab: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archlab",
        abstract: "A terminal course on production-ready LLM backends: caching, semantic caching and rate limiting.",
        version: "0.1.0",
        subcommands: [
            LimitCommand.self,
            RedisServerCommand.self,
        ]
    )

    func run() async throws {
        print("ArchLab")
    }
}
