import Foundation
import TOMLKit

/// A learner's answers file (DESIGN.md): `learner = "ada"`, then one `[quiz.ID]` table per quiz
/// mapping question ids to responses in file keys.
public struct AnswersFile: Sendable, Hashable {
    /// The path as given (used in reports and errors).
    public let path: String
    public let learner: String
    /// Responses by quiz id, then by question id.
    public let responses: [String: [String: Response]]

    public init(path: String, learner: String, responses: [String: [String: Response]]) {
        self.path = path
        self.learner = learner
        self.responses = responses
    }

    /// Reads and parses an answers file against the course's quizzes.
    public static func read(path: String, url: URL, course: Course) throws(AnswersError) -> AnswersFile {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw AnswersError(
                file: path,
                message: FileManager.default.fileExists(atPath: url.path) ? "cannot read the file" : "file not found")
        }
        guard let text = String(data: data, encoding: .utf8), !text.contains("\u{0}") else {
            throw AnswersError(file: path, line: 1, column: 1, message: "the file is not valid UTF-8 text")
        }
        return try parse(text: text, path: path, course: course)
    }

    /// Parses answers-file text: unknown quiz or question ids and responses of the wrong shape are errors.
    public static func parse(text: String, path: String, course: Course) throws(AnswersError) -> AnswersFile {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw AnswersError(
                file: path, line: error.source.begin.line, column: error.source.begin.column,
                message: "TOML syntax error: \(error.description)")
        } catch {
            throw AnswersError(file: path, line: 1, column: 1, message: "TOML syntax error: \(error)")
        }
        let context = Context(path: path, text: text)
        for key in table.keys where key != "learner" && key != "quiz" {
            throw context.error(at: key, "unknown key `\(key)` (an answers file has `learner` and `[quiz.ID]` tables)")
        }
        guard let learnerValue = table["learner"] else { throw context.error(at: "", "missing field `learner`") }
        guard let learner = learnerValue.string else {
            throw context.error(at: "learner", "`learner` must be a string")
        }
        var responses: [String: [String: Response]] = [:]
        if let quizValue = table["quiz"] {
            guard let quizTables = quizValue.table else {
                throw context.error(at: "quiz", "`quiz` must be a table of `[quiz.ID]` tables")
            }
            for quizID in quizTables.keys {
                let quizPath = "quiz.\(quizID)"
                guard let quiz = course.quiz(id: quizID) else {
                    throw context.error(at: quizPath, "unknown quiz `\(quizID)`")
                }
                guard let answers = quizTables[quizID]?.table else {
                    throw context.error(at: quizPath, "`quiz.\(quizID)` must be a table of question id = answer")
                }
                var quizResponses: [String: Response] = [:]
                for questionID in answers.keys {
                    let keyPath = "\(quizPath).\(questionID)"
                    guard let question = quiz.question(id: questionID) else {
                        throw context.error(at: keyPath, "unknown question `\(questionID)` in quiz `\(quizID)`")
                    }
                    guard let value = answers[questionID] else { continue }
                    quizResponses[questionID] = try response(value, for: question, context: context, at: keyPath)
                }
                responses[quizID] = quizResponses
            }
        }
        return AnswersFile(path: path, learner: learner, responses: responses)
    }

    private static func response(
        _ value: TOMLValueConvertible, for question: Question, context: Context, at keyPath: String
    ) throws(AnswersError) -> Response {
        switch question.kind {
        case .single:
            guard let key = value.string else {
                throw context.error(at: keyPath, "`\(question.id)` needs one option key, e.g. \"b\"")
            }
            return .option(key)
        case .multiple:
            if let key = value.string { return .options(key.isEmpty ? [] : [key]) }
            guard let keys = strings(value) else {
                throw context.error(at: keyPath, "`\(question.id)` needs a list of option keys, e.g. [\"a\", \"c\"]")
            }
            return .options(keys)
        case .short:
            guard let text = value.string else {
                throw context.error(at: keyPath, "`\(question.id)` needs a string answer")
            }
            return .text(text)
        case .numeric:
            if let int = value.int { return .number(Double(int), unit: nil) }
            if let double = value.double { return .number(double, unit: nil) }
            guard let text = value.string else {
                throw context.error(at: keyPath, "`\(question.id)` needs a number, e.g. 5 or \"5 s\"")
            }
            if text.allSatisfy(\.isWhitespace) { return .text("") }
            if case .number(let number, let unit)? = try? Question.parseNumber(text, unit: question.unit) {
                return .number(number, unit: unit)
            }
            return .text(text)
        case .order:
            guard let keys = strings(value) else {
                throw context.error(
                    at: keyPath, "`\(question.id)` needs a list of item keys in order, e.g. [\"c\", \"a\", \"b\"]")
            }
            return .order(keys)
        }
    }

    private static func strings(_ value: TOMLValueConvertible) -> [String]? {
        guard let array = value.array else { return nil }
        var result: [String] = []
        for element in array {
            guard let string = element.string else { return nil }
            result.append(string)
        }
        return result
    }

    /// Places errors: the key locator is built only when an error needs a line.
    private struct Context {
        let path: String
        let text: String

        func error(at keyPath: String, _ message: String) -> AnswersError {
            let position = TOMLKeyLocator(text: text).position(of: keyPath)
            return AnswersError(file: path, line: position.line, column: position.column, message: message)
        }
    }
}
