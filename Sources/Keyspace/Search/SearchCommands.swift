import NIOCore
import RESP

/// The search indexes of a keyspace (they index database 0, as RediSearch does), in creation order.
final class SearchRegistry {
    private(set) var indexes: [SearchIndex] = []

    var isEmpty: Bool { indexes.isEmpty }

    func index(named name: String) -> SearchIndex? {
        indexes.first { $0.schema.name == name }
    }

    func add(_ index: SearchIndex) { indexes.append(index) }

    func remove(named name: String) {
        indexes.removeAll { $0.schema.name == name }
    }

    func removeAll() { indexes.removeAll() }
}

/// The module `MODULE LIST` names: RediSearch 2.8.38, whose replies these commands reproduce.
enum SearchModule {
    static let name = "search"
    static let version: Int64 = 20838
    static let path = "/opt/redis-stack/lib/redisearch.so"
}

extension CommandID {
    /// The name Redis knows the command by (module commands have dots in their names).
    var commandName: String {
        switch self {
        case .ftCreate: return "ft.create"
        case .ftSearch: return "ft.search"
        case .ftInfo: return "ft.info"
        case .ftDropindex: return "ft.dropindex"
        case .ftList: return "ft._list"
        default: return "\(self)"
        }
    }
}

extension Keyspace {
    /// Keeps the indexes in step with a key of database 0 that was written, deleted or expired.
    func searchKeyChanged(_ key: KeyBytes) {
        var hash: HashValue?
        if let position = databases[0].position(of: key) {
            let entry = databases[0].entry(at: position)
            if entry.expireAt == 0 || entry.expireAt > now, case .hash(let value) = entry.value { hash = value }
        }
        for index in search.indexes where index.matchesPrefix(key) { index.update(key, hash: hash) }
    }

    /// Whether an indexed key still holds its hash; an expired one is deleted now (Redis's lazy expiry),
    /// which also drops it from every index, so expired hashes never reach a reply.
    func searchKeyIsLive(_ key: KeyBytes) -> Bool {
        guard let position = databases[0].position(of: key) else {
            searchKeyChanged(key)
            return false
        }
        let expireAt = databases[0].entry(at: position).expireAt
        if expireAt != 0 && expireAt <= now {
            deleteExpired(0, position)
            return false
        }
        return true
    }

    private func wrongArity(_ argv: [ByteBuffer], _ out: inout ByteBuffer) {
        out.writeRESPError("ERR wrong number of arguments for '\(argv[0].text)' command")
    }

    private func writeSearchError(_ s: ClientSession, _ out: inout ByteBuffer, _ message: String) {
        out.writeRESPError(message)
    }

    func ftCreate(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard argv.count >= 5 else { return wrongArity(argv, &out) }
        guard s.database == 0 else { return writeSearchError(s, &out, "Cannot create index on db != 0") }
        var parser = SearchSchemaParser(argv)
        let schema: SearchSchema
        do {
            schema = try parser.parse()
        } catch let error as SearchError {
            return writeSearchError(s, &out, error.message)
        } catch {
            return writeSearchError(s, &out, "\(error)")
        }
        guard search.index(named: schema.name) == nil else {
            return writeSearchError(s, &out, "Index already exists")
        }
        let index = SearchIndex(schema: schema)
        search.add(index)
        // RediSearch scans the existing keys in the background; here at once, in SCAN order.
        let db = databases[0]
        var keys: [KeyBytes] = []
        for position in 0..<db.count {
            let entry = db.entry(at: position)
            if case .hash = entry.value, index.matchesPrefix(entry.key) { keys.append(entry.key) }
        }
        for key in keys where searchKeyIsLive(key) {
            if let position = db.position(of: key), case .hash(let hash) = db.entry(at: position).value {
                index.update(key, hash: hash)
            }
        }
        out.writeRESPSimpleString("OK")
    }

    func ftDropIndex(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard argv.count >= 2 && argv.count <= 3 else { return wrongArity(argv, &out) }
        guard let index = search.index(named: argv[1].text) else {
            return writeSearchError(s, &out, "Unknown Index name")
        }
        let deleteDocuments = argv.count == 3 && argv[2].equalsIgnoringCase("dd")
        search.remove(named: index.schema.name)
        if deleteDocuments {
            for key in Array(index.documents.keys) { deleteKey(0, key) }
        }
        out.writeRESPSimpleString("OK")
    }

    func ftList(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard argv.count == 1 else { return wrongArity(argv, &out) }
        let names = search.indexes.map(\.schema.name)
        out.writeRESPSetHeader(names.count, s.protocolVersion)
        for name in names { out.writeRESPSimpleString(name) }
    }

    /// `MODULE LIST` names the search module; loading modules is not possible here.
    func module(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let sub = argv[1]
        if sub.equalsIgnoringCase("list") {
            let entry: SearchReply = .map([
                (.text("name"), .text(SearchModule.name)),
                (.text("ver"), .integer(SearchModule.version)),
                (.text("path"), .text(SearchModule.path)),
                (.text("args"), .array([])),
            ])
            SearchReply.array([entry]).write(to: &out, s.protocolVersion)
        } else if sub.equalsIgnoringCase("help") {
            let lines = [
                "MODULE <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "LIST", "    Return a list of loaded modules.",
                "LOAD <path> [<arg> ...]",
                "    Load a module library from <path>, passing to it any optional arguments.",
                "LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]",
                "    Load a module library from <path>, while passing it module configurations and optional arguments.",
                "UNLOAD <name>", "    Unload a module.", "HELP", "    Print this help.",
            ]
            out.writeRESPArrayHeader(lines.count)
            for line in lines { out.writeRESPSimpleString(line) }
        } else if sub.equalsIgnoringCase("unload") {
            out.writeRESPError("ERR Error unloading module: no such module with that name")
        } else {
            out.writeRESPError("ERR Error loading the extension. Please check the server logs.")
        }
    }
}
