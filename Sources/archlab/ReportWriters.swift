import ArgumentParser
import Foundation

/// Where `grade` and `check` write a report: standard output, or the `--output` file (exit 2 when it cannot be
/// written).
enum ReportOutput {
    static func write(_ text: String, to output: String?) throws {
        guard let output else {
            print(text)
            return
        }
        do {
            try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            StandardError.print("archlab: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }
}

/// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted; lines end with CRLF.
enum CSVWriter {
    static func render(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    private static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Left-aligned columns separated by two spaces, with a header row.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in
            all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        return all.map { row in
            row.enumerated().map { column, value in
                column == row.count - 1 ? value : value.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.map { "  " + $0 }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
