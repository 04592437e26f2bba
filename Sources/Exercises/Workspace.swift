import CourseKit
import Crypto
import Foundation

/// What `.archlab/manifest.json` of a workspace records: the exercises started, in order, and the SHA-256 of
/// every provided file (package manifest, support and harness sources), verified before each check.
public struct WorkspaceManifest: Codable, Sendable, Equatable {
    /// Exercise ids in the order they were started.
    public var exercises: [String]
    /// Provided file (relative path) → SHA-256 hex.
    public var provided: [String: String]
}

/// A learner's `server-swift` package: `Sources/ServerSwift/` holds the learner's files, `Sources/ServerSupport/`
/// and `Sources/Harness/` the provided code copied from the course's `Exercises/_harness` and each exercise's
/// `harness/` folder.
public struct Workspace: Sendable {
    public let root: URL

    static let manifestPath = ".archlab/manifest.json"
    static let learnerFolder = "Sources/ServerSwift"

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// The learner's file of an exercise.
    public func learnerFile(_ exercise: Exercise) -> URL {
        root.appendingPathComponent(Self.learnerFolder).appendingPathComponent(exercise.file)
    }

    /// True when the folder holds a workspace manifest.
    public var exists: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(Self.manifestPath).path)
    }

    /// Reads the manifest; a folder without one is not a workspace.
    public func manifest() throws(ExerciseError) -> WorkspaceManifest {
        let url = root.appendingPathComponent(Self.manifestPath)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .noWorkspace(root.path) }
        do {
            return try JSONDecoder().decode(WorkspaceManifest.self, from: data)
        } catch {
            throw .io(url.path, "the workspace manifest is damaged: \(error)")
        }
    }

    /// Every provided file whose content no longer matches its recorded checksum (or that is missing), by path.
    public func changedProvidedFiles(_ manifest: WorkspaceManifest) -> [String] {
        manifest.provided.keys.sorted().filter { path in
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
                return true
            }
            return Self.sha256(data) != manifest.provided[path]
        }
    }

    /// Throws naming the provided files that were changed.
    public func verifyProvided(_ manifest: WorkspaceManifest) throws(ExerciseError) {
        let changed = changedProvidedFiles(manifest)
        if !changed.isEmpty { throw .providedFileChanged(changed) }
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 hex of a file's bytes, nil when it cannot be read.
    public static func fileHash(_ url: URL) -> String? {
        FileManager.default.contents(atPath: url.path).map(sha256)
    }
}
