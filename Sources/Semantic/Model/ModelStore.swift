import Crypto
import Foundation

/// Where the all-MiniLM-L6-v2 files live and whether they are intact: `ARCHLAB_MODEL_DIR`, else
/// `$XDG_CACHE_HOME/archlab/models/all-MiniLM-L6-v2` (`~/.cache/...` when XDG_CACHE_HOME is unset).
public struct ModelStore: Sendable {
    /// A file the embedder needs and its pinned SHA-256 (upstream revision 1110a243…).
    public struct PinnedFile: Sendable {
        public let path: String
        public let sha256: String
    }

    /// One file's state on disk.
    public enum FileState: Equatable, Sendable {
        case missing
        case verified
        case mismatch(actual: String)
    }

    public static let modelName = "all-MiniLM-L6-v2"
    public static let files: [PinnedFile] = [
        PinnedFile(
            path: "model.safetensors", sha256: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"),
        PinnedFile(path: "vocab.txt", sha256: "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"),
        PinnedFile(path: "config.json", sha256: "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41"),
        PinnedFile(
            path: "tokenizer_config.json", sha256: "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b"),
        PinnedFile(
            path: "1_Pooling/config.json", sha256: "4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23"),
        PinnedFile(path: "modules.json", sha256: "84e40c8e006c9b1d6c122e02cba9b02458120b5fb0c87b746c41e0207cf642cf"),
        PinnedFile(
            path: "sentence_bert_config.json",
            sha256: "fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7"),
    ]

    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Resolves the directory from the environment as described above.
    public init(environment: [String: String]) {
        if let explicit = environment["ARCHLAB_MODEL_DIR"], !explicit.isEmpty {
            directory = explicit
            return
        }
        let cache: String
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            cache = xdg
        } else {
            cache = (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        }
        directory = cache + "/archlab/models/" + ModelStore.modelName
    }

    /// True when every required file exists (no hashing; cheap enough for choosing a default model).
    public var isPresent: Bool {
        ModelStore.files.allSatisfy { FileManager.default.fileExists(atPath: path(of: $0)) }
    }

    /// Absolute path of a pinned file.
    public func path(of file: PinnedFile) -> String {
        (directory as NSString).appendingPathComponent(file.path)
    }

    /// Hashes every file and compares it with its pin.
    public func verify() -> [(file: PinnedFile, state: FileState)] {
        ModelStore.files.map { file in
            let path = path(of: file)
            guard FileManager.default.fileExists(atPath: path) else { return (file, .missing) }
            guard let actual = try? ModelStore.sha256(ofFile: path) else { return (file, .missing) }
            return (file, actual == file.sha256 ? .verified : .mismatch(actual: actual))
        }
    }

    /// Lower-case hex SHA-256 of a file, read in 1 MiB chunks.
    public static func sha256(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SemanticError.io(file: path, reason: "cannot open")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
