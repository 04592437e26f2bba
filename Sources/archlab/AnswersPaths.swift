import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The answers files `grade` was given: a folder stands for its `*.toml` files (sorted by name, not recursive), a
/// glob the shell passed on unexpanded (`answers/*.toml` when nothing matched, or quoted) for its matches, and a
/// file for itself. A folder or glob that yields no file is named in `unmatched`, so a CI job with a wrong path
/// fails instead of grading nothing.
struct AnswersPaths {
    /// The files to grade, in order.
    var files: [String] = []
    /// One message per folder or glob that yielded nothing.
    var unmatched: [String] = []

    init(_ paths: [String]) {
        for path in paths {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if exists && isDirectory.boolValue {
                let found = Self.tomlFiles(in: path)
                if found.isEmpty { unmatched.append("no answers files found in \(path) (it holds no *.toml files)") }
                files += found
            } else if !exists && path.contains(where: { "*?[".contains($0) }) {
                let found = Self.matches(of: path)
                if found.isEmpty { unmatched.append("no answers files match \(path)") }
                files += found
            } else {
                files.append(path)
            }
        }
    }

    private static func tomlFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return names.filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") }.sorted().map { base + $0 }
    }

    /// The regular files matching `pattern`, sorted (POSIX `glob`, no tilde or brace expansion).
    private static func matches(of pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var found: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            guard let pointer = result.gl_pathv[index] else { continue }
            let path = String(cString: pointer)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(path)
            }
        }
        return found.sorted()
    }
}
