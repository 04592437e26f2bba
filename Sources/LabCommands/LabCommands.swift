import REPL

/// The lab commands of the learner's REPL, registered through `ReplSession`'s `additionalCommands`.
public enum LabCommands {
    /// Every lab command, sharing `context`.
    public static func all(_ context: LabContext) -> [ReplCommand] {
        [
            RunLabCommand.make(context),
            RedisLabCommands.redis(context),
            RedisLabCommands.server(context),
            LimitLabCommands.limit(context),
            LimitLabCommands.burst(context),
            SemanticLabCommands.embed(context),
            SemanticLabCommands.similar(context),
            SemanticLabCommands.semantic(context),
            ServeLabCommands.serve(context),
            ServeLabCommands.fire(context),
        ]
    }
}
