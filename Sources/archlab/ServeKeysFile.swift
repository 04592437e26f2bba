import Foundation
import Gateway
import RateLimit
import TOMLKit

/// The key file of `archlab serve --keys FILE`: `[[key]]` tables with `name`, `key`, optional
/// `tenant` and optional `limit` ("10 per 60 s"). Like ssh with a private key, the file is refused
/// when its group or others may read or write it.
enum ServeKeysFile {
    /// Reads, checks and parses `path`.
    static func load(_ path: String) throws(ServeKeysError) -> [APIKey] {
        let attributes: [FileAttributeKey: Any]
        do {
            // The mode of the file itself, through any symlink (as stat(2) reads it for ssh).
            attributes = try FileManager.default.attributesOfItem(
                atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ServeKeysError(file: path, exists ? "cannot read the file" : "file not found")
        }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
        if mode & 0o077 != 0 {
            throw ServeKeysError(
                file: path,
                "permissions \(String(format: "%04o", mode)) are too open: a key file must not be readable or writable "
                    + "by group or others; run `chmod 600 \(path)`")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServeKeysError(file: path, "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8), !text.contains("\u{0}") else {
            throw ServeKeysError(file: path, line: 1, column: 1, "the file is not valid UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses key-file text: every table needs a distinct `name` and a distinct `key`.
    static func parse(_ text: String, path: String) throws(ServeKeysError) -> [APIKey] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ServeKeysError(
                file: path, line: error.source.begin.line, column: error.source.begin.column,
                "TOML syntax error: \(error.description)")
        } catch {
            throw ServeKeysError(file: path, line: 1, column: 1, "TOML syntax error: \(error)")
        }
        let places = KeyFilePlaces(text: text)
        for name in table.keys where name != "key" {
            throw ServeKeysError(
                file: path, at: places.line(ofTopLevel: name),
                "unknown key `\(name)` (a key file holds `[[key]]` tables)")
        }
        guard let array = table["key"]?.array else {
            throw ServeKeysError(file: path, line: 1, column: 1, "no keys: add `[[key]]` tables with `name` and `key`")
        }
        var keys: [APIKey] = []
        var secrets: Set<String> = []
        for (index, element) in array.enumerated() {
            let at = { (field: String?) in places.line(ofTable: index, field: field) }
            guard let entry = element.table else {
                throw ServeKeysError(file: path, at: at(nil), "`key` must be a list of `[[key]]` tables")
            }
            for field in entry.keys where !["name", "key", "tenant", "limit"].contains(field) {
                throw ServeKeysError(
                    file: path, at: at(field),
                    "unknown field `\(field)` (a key has `name`, `key`, `tenant` and `limit`)")
            }
            func string(_ field: String, required: Bool) throws(ServeKeysError) -> String? {
                guard let value = entry[field] else {
                    if required { throw ServeKeysError(file: path, at: at(nil), "this key has no `\(field)`") }
                    return nil
                }
                guard let text = value.string, !text.isEmpty else {
                    throw ServeKeysError(file: path, at: at(field), "`\(field)` must be a non-empty string")
                }
                return text
            }
            guard let name = try string("name", required: true), let secret = try string("key", required: true) else {
                continue
            }
            guard secret.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
                throw ServeKeysError(
                    file: path, at: at("key"),
                    "`key` of `\(name)` must be printable ASCII without spaces, as an HTTP header carries it")
            }
            if keys.contains(where: { $0.name == name }) {
                throw ServeKeysError(file: path, at: at("name"), "the name `\(name)` is used twice")
            }
            guard secrets.insert(secret).inserted else {
                throw ServeKeysError(file: path, at: at("key"), "`\(name)` has the same key as another entry")
            }
            let tenant = try string("tenant", required: false)
            var limit: LimitRate?
            if let text = try string("limit", required: false) {
                do {
                    limit = try LimitRate(parsing: text)
                } catch {
                    throw ServeKeysError(
                        file: path, at: at("limit"), "`limit` must be a rate such as \"10 per 60 s\", not \"\(text)\"")
                }
            }
            keys.append(APIKey(name: name, key: secret, tenant: tenant, limit: limit))
        }
        guard !keys.isEmpty else {
            throw ServeKeysError(file: path, line: 1, column: 1, "no keys: add `[[key]]` tables with `name` and `key`")
        }
        return keys
    }
}

/// Lines of a key file's `[[key]]` headers and fields, for errors (TOMLKit gives positions only for
/// syntax errors).
private struct KeyFilePlaces {
    private let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The line and column of `field` in the `index`th `[[key]]` table (the header's without a field).
    func line(ofTable index: Int, field: String?) -> (Int, Int) {
        var seen = -1
        var header: (Int, Int) = (1, 1)
        for (number, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") {
                if seen == index { break }
                if trimmed.hasPrefix("[[key]]") {
                    seen += 1
                    if seen == index { header = (number + 1, line.count - trimmed.count + 1) }
                }
                continue
            }
            if seen == index, let field, Self.assigns(trimmed, field) {
                return (number + 1, line.count - trimmed.count + 1)
            }
        }
        return header
    }

    /// The line of a top-level `name = …` or `[name]`.
    func line(ofTopLevel name: String) -> (Int, Int) {
        for (number, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") { return (number + 1, 1) }
            if Self.assigns(trimmed, name) { return (number + 1, line.count - trimmed.count + 1) }
        }
        return (1, 1)
    }

    private static func assigns(_ line: Substring, _ field: String) -> Bool {
        guard line.hasPrefix(field) else { return false }
        return line.dropFirst(field.count).drop { $0 == " " || $0 == "\t" }.hasPrefix("=")
    }
}

/// Why a key file cannot be used, with its place: `keys.toml:3:1: error: …`.
struct ServeKeysError: Error, CustomStringConvertible {
    private enum Place {
        case file
        case position(line: Int, column: Int)
    }

    let file: String
    let message: String
    private let place: Place

    init(file: String, _ message: String) {
        self.file = file
        self.message = message
        self.place = .file
    }

    init(file: String, line: Int, column: Int, _ message: String) {
        self.file = file
        self.message = message
        self.place = .position(line: line, column: max(1, column))
    }

    init(file: String, at position: (Int, Int), _ message: String) {
        self.init(file: file, line: position.0, column: position.1, message)
    }

    var description: String {
        switch place {
        case .file: return "\(file): error: \(message)"
        case .position(let line, let column): return "\(file):\(line):\(column): error: \(message)"
        }
    }
}
