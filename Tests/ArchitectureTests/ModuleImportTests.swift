import Foundation
import XCTest

/// The module graph of `docs/architecture.md`, enforced: every `import` in `Sources/<Module>/` must name a
/// module that the table lists for it (or a system module), and every module folder must be in the table.
final class ModuleImportTests: XCTestCase {
    private static let systemModules: Set<String> = ["Foundation", "Dispatch", "Synchronization", "Glibc", "Darwin"]

    private var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Module → the modules it may import (nil: anything), read from the table's rows.
    private func allowedImports() throws -> [String: Set<String>?] {
        let text = try String(contentsOf: repository.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        var table: [String: Set<String>?] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 4 else { continue }
            let module = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let allowed = cells[3]
            table[module] =
                allowed == "*"
                ? nil
                : Set(
                    allowed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                )
        }
        return table
    }

    /// `(file, line number, imported module)` for every top-level import in `directory`'s Swift files.
    private func imports(in directory: URL) throws -> [(String, Int, String)] {
        let pattern = try NSRegularExpression(
            pattern: #"^(?:@\w+\s+)*import\s+(?:(?:struct|class|enum|func|protocol|typealias|var|let)\s+)?(\w+)"#)
        var found: [(String, Int, String)] = []
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let lines = try String(contentsOf: file, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            var insideMultilineString = false
            for (index, line) in lines.enumerated() {
                let text = String(line)
                // A `"""` string may hold other languages' imports (a Python script): skip its lines.
                if text.components(separatedBy: "\"\"\"").count % 2 == 0 { insideMultilineString.toggle() }
                if insideMultilineString { continue }
                let range = NSRange(text.startIndex..., in: text)
                guard let match = pattern.firstMatch(in: text, range: range),
                    let name = Range(match.range(at: 1), in: text)
                else { continue }
                found.append(
                    (file.path.replacingOccurrences(of: repository.path + "/", with: ""), index + 1, String(text[name]))
                )
            }
        }
        return found
    }

    func testEveryModuleImportsOnlyWhatTheArchitectureAllows() throws {
        let table = try allowedImports()
        XCTAssertGreaterThan(table.count, 15, "docs/architecture.md's module table was not found")
        let sources = repository.appendingPathComponent("Sources")
        let modules = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { !$0.hasPrefix(".") }
            .sorted()
        var violations: [String] = []
        for module in modules {
            guard let entry = table[module] else {
                violations.append("Sources/\(module) has no row in docs/architecture.md")
                continue
            }
            guard let allowed = entry else { continue }
            for (file, line, imported) in try imports(in: sources.appendingPathComponent(module))
            where imported != module && !allowed.contains(imported) && !Self.systemModules.contains(imported) {
                violations.append("\(file):\(line): \(module) must not import \(imported)")
            }
        }
        XCTAssertEqual(violations, [], violations.joined(separator: "\n"))
    }

    func testTheTableNamesNoModuleThatDoesNotExist() throws {
        let sources = repository.appendingPathComponent("Sources")
        let modules = Set(try FileManager.default.contentsOfDirectory(atPath: sources.path))
        let stale = try allowedImports().keys.filter { !modules.contains($0) }.sorted()
        XCTAssertEqual(stale, [], "docs/architecture.md lists modules with no folder in Sources/")
    }
}
