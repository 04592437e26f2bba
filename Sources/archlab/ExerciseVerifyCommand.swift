import ArgumentParser
import CourseKit
import Exercises
import Foundation

/// `archlab exercise verify`: for course authors and CI.
struct ExerciseVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every exercise: its starter builds and fails a test, its solution passes every test.",
        discussion:
            "Exit status: 0 every exercise is sound, 1 one is not, 2 the course cannot be used or `swift` is missing."
    )

    @OptionGroup var courseOptions: CourseOptions

    func run() async throws {
        let course = try courseOptions.loadCourse()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "archlab-verify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let results: [(id: String, problems: [String])]
        do {
            results = try await ExerciseVerifier.verify(course, scratch: scratch)
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
        for result in results {
            if result.problems.isEmpty {
                print("✓ \(result.id): the starter fails, the solution passes")
            } else {
                for problem in result.problems { print("✗ \(result.id): \(problem)") }
            }
        }
        if results.contains(where: { !$0.problems.isEmpty }) { throw ExitCode(1) }
    }
}
