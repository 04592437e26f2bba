import ArgumentParser
import CourseKit
import Foundation

/// The course overview printed by `archlab` with no subcommand: title, ticker, lessons, Matrix size.
enum CourseOverview {
    static func render(_ course: Course, findings: Int) -> String {
        var lines = [course.title]
        if let subtitle = course.subtitle { lines.append(subtitle) }
        if !course.ticker.isEmpty { lines.append(course.ticker) }
        if let description = course.description { lines += ["", description] }
        lines.append("")
        let width = String(course.lessons.count).count
        for lesson in course.lessons {
            let number = String(repeating: " ", count: width - String(lesson.number).count) + String(lesson.number)
            lines.append("  \(number). \(lesson.title)  (step \(lesson.step)/8, \(lesson.minutes) min, \(lesson.pages.count) pages)")
        }
        lines.append("")
        lines.append("Architect Matrix: \(course.matrix.nodes.count) nodes; \(course.quizzes.count) System Checks")
        if let quote = course.quote { lines += ["", "\u{201C}\(quote)\u{201D}"] }
        if findings > 0 {
            lines += ["", "\(findings) problem\(findings == 1 ? "" : "s") in the course files: run `archlab lint`."]
        }
        return lines.joined(separator: "\n")
    }

    /// Prints the overview of the located course; exit 2 when there is none.
    static func run(courseOptions: CourseOptions) throws {
        let directory = try courseOptions.locate()
        do {
            let result = try CourseLoader.load(directory: directory)
            print(render(result.course, findings: result.findings.count))
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
    }
}
