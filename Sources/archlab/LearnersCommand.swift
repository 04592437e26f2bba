import ArgumentParser
import CourseKit
import Foundation
import JSONText
import ProgressStore

/// `archlab learners`: who has progress in the database.
struct LearnersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learners", abstract: "List the learners in the progress database.")

    @Option(help: "Output format: text, json or csv.")
    var format: ProgressFormat = .text

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open(forWriting: false)
        let learners = try withStoreErrors { try store.learners() }
        let last = { (summary: LearnerSummary) in summary.lastActivity.map(ProgressTimestamp.string) }
        switch format {
        case .text:
            if learners.isEmpty {
                print("No learners yet in \(store.path).")
                return
            }
            let rows = learners.map {
                [$0.learner.name, "\($0.attempts)", "\($0.unlockedNodes)", last($0) ?? "-"]
            }
            print(
                TextTable.render(header: ["LEARNER", "ATTEMPTS", "UNLOCKED", "LAST ACTIVE"], rows: rows).joined(
                    separator: "\n"))
        case .json:
            let objects = learners.map { summary in
                JSONText.object([
                    ("name", JSONText.string(summary.learner.name)),
                    ("attempts", "\(summary.attempts)"),
                    ("unlocked_nodes", "\(summary.unlockedNodes)"),
                    ("created_at", JSONText.string(ProgressTimestamp.string(summary.learner.createdAt))),
                    ("last_activity", last(summary).map(JSONText.string) ?? "null"),
                ])
            }
            print(JSONText.object([("learners", JSONText.array(objects))]))
        case .csv:
            let rows =
                [["name", "attempts", "unlocked_nodes", "created_at", "last_activity"]]
                + learners.map {
                    [
                        $0.learner.name, "\($0.attempts)", "\($0.unlockedNodes)",
                        ProgressTimestamp.string($0.learner.createdAt), last($0) ?? "",
                    ]
                }
            print(CSVWriter.render(rows), terminator: "")
        }
    }
}
