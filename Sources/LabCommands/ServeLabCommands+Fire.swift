import Foundation
import REPL

/// `fire N`: requests to the gateway `serve start` runs, one line per verdict.
extension ServeLabCommands {
    static let fireUsage = "fire N [--key KEY | --rotate-keys] [--prompt TEXT]"

    static func fire(_ context: LabContext) -> ReplCommand {
        ReplCommand(
            name: "fire",
            usage: "fire N [--key KEY]",
            summary: "Send N chat requests to the running gateway and show each status",
            help: """
                `\(fireUsage)`

                Sends N `POST /v1/chat/completions` requests, one after another, to the gateway `serve start` runs, \
                with `Authorization: Bearer KEY` (default: the lesson key `serve start` made, or `learner` on an \
                `--open` server) and the same prompt (default "How do I reset my password?"). `--rotate-keys` sends \
                each request with a made-up key of its own (`forged-1`, `forged-2`, …), as a script minting \
                identities would. Each line shows the status, `X-Cache` (MISS, HIT-EXACT, HIT-SEMANTIC), and \
                `RateLimit-Remaining` or, for a 429, `Retry-After`. Ctrl-C stops before the next request.
                """,
            completer: { _, previous in previous.isEmpty ? [] : ["--key", "--rotate-keys", "--prompt"] },
            handler: { session, arguments in
                let words = try QuotedArguments.split(arguments.rest, inWordQuotes: true)
                let flags = try FlagParser(
                    words, known: ["key", "prompt"], switches: ["rotate-keys"], usage: fireUsage)
                guard flags.positionals.count == 1, !(flags.has("rotate-keys") && flags["key"] != nil) else {
                    throw ReplLabError.usage(fireUsage)
                }
                guard let count = Int(flags.positionals[0]), (1...100).contains(count) else {
                    throw ReplLabError.invalid("`\(flags.positionals[0])` is not a number of requests from 1 to 100.")
                }
                guard let running = context.gateway else {
                    throw ReplLabError.invalid("No gateway is running: `serve start` first.")
                }
                let rotate = flags.has("rotate-keys")
                let key = flags["key"] ?? running.lessonKey ?? "learner"
                let body = try requestBody(prompt: flags["prompt"] ?? "How do I reset my password?")
                let client = LoopbackHTTPClient(port: running.port)
                var statuses: [Int: Int] = [:]
                let who =
                    rotate
                    ? "with made-up keys `forged-1` to `forged-\(count)`"
                    : flags["key"] == nil && running.lessonKey != nil ? "with the lesson key" : "as `\(key)`"
                session.say(
                    """
                        \(count) request\(count == 1 ? "" : "s") to \
                        http://127.0.0.1:\(running.port)/v1/chat/completions \(who):
                        """
                )
                for index in 1...count {
                    if context.interrupted() {
                        session.say("Interrupted: \(index - 1) of \(count) sent.")
                        break
                    }
                    let response = try await client.request(
                        path: "/v1/chat/completions",
                        headers: [
                            ("Content-Type", "application/json"),
                            ("Authorization", "Bearer \(rotate ? "forged-\(index)" : key)"),
                        ],
                        body: body)
                    statuses[response.status, default: 0] += 1
                    session.say(FireReport.line(index, of: count, response, painter: session.painter))
                }
                session.say(statuses.keys.sorted().map { "\($0): \(statuses[$0] ?? 0)" }.joined(separator: ", "))
                return .succeeded
            })
    }

    private static func requestBody(prompt: String) throws -> String {
        struct Message: Encodable { let role: String; let content: String }
        struct Body: Encodable { let model: String; let messages: [Message] }
        let data = try JSONEncoder().encode(Body(model: "gpt-4o", messages: [Message(role: "user", content: prompt)]))
        return String(decoding: data, as: UTF8.self)
    }
}
