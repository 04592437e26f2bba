import Foundation
import REPL
import Semantic

/// `embed TEXT`, `similar "a" "b"`, `semantic threshold [X]` and `semantic sweep [--pairs]`.
enum SemanticLabCommands {
    static func embed(_ context: LabContext) -> ReplCommand {
        ReplCommand(
            name: "embed",
            usage: "embed TEXT [--as NAME]",
            summary: "Show the embedding of a text",
            help: """
                Prints the tokens the embedder sees and the text's embedding vector. Uses MiniLM once \
                `archlab model fetch` has installed it, else the lexical embedder; the first line names the model.

                - `embed What is the capital of France?` (quotes are optional).
                - `embed "How do I reset my password?" --as reset` also saves the vector as a FLOAT32 blob \
                (4 bytes per number, as Redis stores vectors): `redis HSET prompt:1 embedding $reset` stores it.
                """,
            handler: { session, arguments in
                var rest = Substring(arguments.rest)
                var name: String?
                if let flag = rest.range(of: " --as ", options: .backwards) {
                    let given = rest[flag.upperBound...].trimmingCharacters(in: .whitespaces)
                    guard !given.isEmpty, given.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                        throw ReplLabError.usage("embed TEXT [--as NAME] (NAME: letters, digits and _)")
                    }
                    name = given
                    rest = rest[..<flag.lowerBound]
                }
                let text = try singleText(rest.trimmingCharacters(in: .whitespaces))
                guard !text.isEmpty else { throw ReplLabError.usage("embed TEXT [--as NAME]") }
                let choice = try context.embedderChoice()
                let vector: [Float]
                do {
                    vector = try choice.embedder.embed(text)
                } catch {
                    throw ReplLabError.invalid("Cannot embed the text: \(error)")
                }
                let tokens = choice.embedder.tokens(for: text)
                session.say(
                    SemanticPresentation.embeddingLines(
                        note: choice.note, embedder: choice.embedder, tokens: tokens, vector: vector
                    ).joined(separator: "\n"))
                if let name {
                    let blob = SemanticPresentation.float32Blob(vector)
                    context.vectors[name] = blob
                    session.say(
                        "Saved as $\(name): \(vector.count) FLOAT32 numbers, \(blob.count) bytes "
                            + "(`redis HSET KEY FIELD $\(name)` stores them).")
                }
                return .succeeded
            })
    }

    static let similarUsage = "similar \"TEXT A\" \"TEXT B\" [--model minilm|lexical]"

    static func similar(_ context: LabContext) -> ReplCommand {
        ReplCommand(
            name: "similar",
            aliases: ["similarity"],
            usage: similarUsage,
            summary: "Cosine similarity of two texts, and whether a semantic cache would hit (also `similarity`)",
            help: """
                Embeds both texts and prints their cosine similarity (1 = same direction, 0 = unrelated), then \
                HIT or MISS against the session's threshold (`semantic threshold` shows or changes it). \
                `similarity` is the same command, as `archlab similarity` is in the shell.

                - `similar "How do I enable two-factor authentication?" "How do I disable two-factor authentication?"`
                - `similar "What is the capital of France?" "Which city is France's capital?" --model lexical` \
                (`model=lexical` works too) uses the lexical embedder the lessons' tables were made with.
                """,
            handler: { session, arguments in
                var texts = try QuotedArguments.split(arguments.rest)
                let model = try takeModel(&texts)
                guard texts.count == 2 else {
                    throw ReplLabError.invalid(
                        """
                            `similar` compares exactly two texts, each in quotes (got \(texts.count)). Usage: \
                            \(similarUsage)
                            """
                    )
                }
                let choice: EmbedderChoice
                if let model {
                    do {
                        choice = try EmbedderChoice(name: model, environment: context.environment)
                    } catch {
                        throw ReplLabError.invalid("--model \(model): \(error)")
                    }
                } else {
                    choice = try context.embedderChoice()
                }
                let cosine: Float
                do {
                    cosine = try choice.embedder.similarity(texts[0], texts[1])
                } catch {
                    throw ReplLabError.invalid("Cannot embed the texts: \(error)")
                }
                let hit = cosine >= context.threshold
                let verdict =
                    hit ? session.painter.paint("HIT", .green, .bold) : session.painter.paint("MISS", .yellow, .bold)
                session.say("\(SemanticPresentation.fixed(cosine))  cosine similarity (\(choice.embedder.name))")
                session.say(
                    "\(verdict) at threshold \(SemanticPresentation.fixed(context.threshold, 2)): "
                        + (hit
                            ? "a semantic cache would answer the second with the first's cached answer."
                            : "a semantic cache would call the model for the second."))
                return .succeeded
            })
    }

    /// Removes `--model NAME`, `--model=NAME` or `model=NAME` from the words and returns the name.
    private static func takeModel(_ words: inout [String]) throws -> String? {
        var model: String?
        var index = 0
        while index < words.count {
            let word = words[index]
            if word == "--model" {
                guard index + 1 < words.count else {
                    throw ReplLabError.invalid("--model needs a name: minilm or lexical.")
                }
                model = words[index + 1]
                words.removeSubrange(index...(index + 1))
            } else if let value = ["--model=", "model="].compactMap({
                word.hasPrefix($0) ? String(word.dropFirst($0.count)) : nil
            }).first {
                model = value
                words.remove(at: index)
            } else {
                index += 1
            }
        }
        return model
    }

    static let semanticUsage = "semantic threshold [X] | semantic sweep [--pairs]"

    static func semantic(_ context: LabContext) -> ReplCommand {
        ReplCommand(
            name: "semantic",
            usage: "semantic threshold [X] | sweep",
            summary: "The semantic-cache threshold: show, set, or sweep it",
            help: """
                - `semantic threshold` shows the similarity at or above which `similar` says HIT (default 0.90).
                - `semantic threshold 0.8` changes it for this session (between -1 and 1).
                - `semantic sweep` prints precision, recall and the false-hit rate for each threshold over a labelled \
                set of paraphrases and near-misses; `--pairs` also lists every pair with its similarity.
                """,
            completer: { _, previous in
                if previous.isEmpty { return ["threshold", "sweep"] }
                return previous == ["sweep"] ? ["--pairs"] : []
            },
            handler: { session, arguments in
                switch (arguments.words.first, arguments.words.count) {
                case ("threshold", 1):
                    session.say(
                        """
                            semantic threshold: \(SemanticPresentation.fixed(context.threshold, 2)) (`similar` says \
                            HIT at or above it)
                            """
                    )
                case ("threshold", 2):
                    let text = arguments.words[1]
                    guard let value = Float(text), value.isFinite, (-1...1).contains(value) else {
                        throw ReplLabError.invalid(
                            "`\(text)` is not a threshold: give a number from -1 to 1, such as 0.9.")
                    }
                    context.threshold = value
                    session.say("semantic threshold set to \(SemanticPresentation.fixed(value, 2)).")
                case ("sweep", 1), ("sweep", 2):
                    let pairs = arguments.words.count == 2
                    if pairs, arguments.words[1] != "--pairs" { throw ReplLabError.usage(semanticUsage) }
                    try sweep(session, context, pairs: pairs)
                default:
                    throw ReplLabError.usage(semanticUsage)
                }
                return .succeeded
            })
    }

    private static func sweep(_ session: ReplSession, _ context: LabContext, pairs: Bool) throws {
        let choice = try context.embedderChoice()
        let lines: [String]
        do {
            let data = try SweepDataset.builtIn()
            let sweep = try ThresholdSweep(dataset: data, embedder: choice.embedder)
            lines = SemanticPresentation.sweepLines(sweep, dataset: data, note: choice.note, pairs: pairs)
        } catch {
            throw ReplLabError.invalid("Cannot run the sweep: \(error)")
        }
        session.say(lines.joined(separator: "\n"))
    }

    /// The rest of the line as one text: a single quoted argument loses its quotes, anything else is taken as typed.
    private static func singleText(_ rest: String) throws -> String {
        guard let first = rest.first, first == "\"" || first == "'" else { return rest }
        let words = try QuotedArguments.split(rest)
        guard words.count == 1 else { return rest }
        return words[0]
    }
}
