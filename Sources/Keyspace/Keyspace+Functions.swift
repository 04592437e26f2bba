import CLua
import NIOCore
import RESP

/// Redis 7 functions: FUNCTION LOAD/DELETE/LIST/FLUSH/KILL/STATS/HELP, FCALL and FCALL_RO.
extension Keyspace {
    func function(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let table: [(String, Int)] = [
            ("load", -3), ("delete", 3), ("list", -2), ("flush", -2), ("kill", 2), ("stats", 2), ("help", 2),
            ("dump", 2), ("restore", -3),
        ]
        guard let subcommand = containerSubcommand(argv, table, container: "function", &out) else { return }
        switch subcommand {
        case "load": functionLoad(argv, &out)
        case "delete":
            let name = argv[2].text
            guard let library = scripting.libraries.removeValue(forKey: name) else {
                out.writeRESPError("ERR Library not found")
                return
            }
            for function in library.functionNames {
                scripting.functions[function] = nil
                scripting.engine?.callAPI("drop_function", [.text(function)], results: 0)
            }
            out.writeRESPSimpleString("OK")
        case "list": functionList(argv, s, &out)
        case "flush":
            if argv.count > 3
                || (argv.count == 3 && !["sync", "async"].contains(argv[2].text.lowercased()))
            {
                out.writeRESPError("ERR FUNCTION FLUSH only supports SYNC|ASYNC option")
                return
            }
            for name in scripting.functions.keys {
                scripting.engine?.callAPI("drop_function", [.text(name)], results: 0)
            }
            scripting.functions = [:]
            scripting.libraries = [:]
            scripting.engine?.collect()
            out.writeRESPSimpleString("OK")
        case "kill":
            out.writeRESPError("NOTBUSY No scripts in execution right now.")
        case "stats":
            let v = s.protocolVersion
            out.writeRESPMapHeader(2, v)
            out.writeRESPBulk("running_script")
            out.writeRESPNullBulk(v)
            out.writeRESPBulk("engines")
            out.writeRESPMapHeader(1, v)
            out.writeRESPBulk("LUA")
            out.writeRESPMapHeader(2, v)
            out.writeRESPBulk("libraries_count")
            out.writeRESPInteger(Int64(scripting.libraries.count))
            out.writeRESPBulk("functions_count")
            out.writeRESPInteger(Int64(scripting.functions.count))
        case "dump", "restore":
            out.writeRESPError("ERR FUNCTION \(subcommand.uppercased()) is not supported by this server")
        default:
            let lines = [
                "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "LOAD [REPLACE] <FUNCTION CODE>",
                "    Create a new library with the given library name and code.",
                "DELETE <LIBRARY NAME>", "    Delete the given library.",
                "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
                "    Return general information on all the libraries:",
                "    * Library name", "    * The engine used to run the Library",
                "    * Library description", "    * Functions list", "    * Library code (if WITHCODE is given)",
                "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
                "STATS", "    Return information about the current function running:", "    * Function name",
                "    * Command used to run the function", "    * Duration in MS that the function is running",
                "    If no function is running, return nil", "    In addition, returns a list of available engines.",
                "KILL", "    Kill the current running function.", "FLUSH [ASYNC|SYNC]",
                "    Delete all the libraries.",
                "    When called without the optional mode argument, the behavior is determined by the",
                "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                "    * ASYNC: Asynchronously flush the libraries.",
                "    * SYNC: Synchronously flush the libraries.",
                "DUMP",
                "    Return a serialized payload representing the current libraries, can be restored using "
                    + "FUNCTION RESTORE command",
                "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
                "    Restore the libraries represented by the given payload, it is possible to give a restore "
                    + "policy to",
                "    control how to handle existing libraries (default APPEND):",
                "    * FLUSH: delete all existing libraries.",
                "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
                "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace "
                    + "the old",
                "      libraries with the new libraries (notice that even on this option there is a chance of failure",
                "      in case of functions name collision with another library).",
                "HELP", "    Prints this help.",
            ]
            out.writeRESPArrayHeader(lines.count)
            for line in lines { out.writeRESPSimpleString(line) }
        }
    }

    private func functionLoad(_ argv: [ByteBuffer], _ out: inout ByteBuffer) {
        var replace = false
        var position = 2
        while position < argv.count - 1 {
            let option = argv[position]
            position += 1
            if option.text.lowercased() == "replace" {
                replace = true
                continue
            }
            out.writeRESPError(sanitize("ERR Unknown option given: \(option.text)"))
            return
        }
        let code = Array(argv[argv.count - 1].readableBytesView)
        switch loadLibrary(code, replace: replace) {
        case .success(let name): out.writeRESPBulk(name)
        case .failure(let error): out.writeRESPError(sanitize("ERR \(error.message)"))
        }
    }

    /// Parses the `#!lua name=…` header, runs the code to collect its functions and links the
    /// library, replacing an old one only with `replace`.
    func loadLibrary(_ code: [UInt8], replace: Bool) -> Result<String, FunctionLoadError> {
        guard code.starts(with: Array("#!".utf8)) else { return .failure(.init("Missing library metadata")) }
        guard let end = code.firstIndex(of: UInt8(ascii: "\n")) else {
            return .failure(.init("Invalid library metadata"))
        }
        let parts = String(decoding: code[..<end], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = parts.first else { return .failure(.init("Invalid library metadata")) }
        let engineName = String(first.dropFirst(2))
        var name: String?
        for part in parts.dropFirst() {
            if part.lowercased().hasPrefix("name=") {
                if name != nil {
                    return .failure(.init("Invalid metadata value, name argument was given multiple times"))
                }
                name = String(part.dropFirst(5))
                continue
            }
            return .failure(.init("Invalid metadata value given: \(part)"))
        }
        guard let name else { return .failure(.init("Library name was not given")) }
        guard !name.isEmpty, name.utf8.allSatisfy({ Self.isNameByte($0) }) else {
            return .failure(.init(
                "Library names can only contain letters, numbers, or underscores(_) and must be at least one "
                    + "character long"))
        }
        guard engineName.lowercased() == "lua" else { return .failure(.init("Engine '\(engineName)' not found")) }
        let old = scripting.libraries[name]
        if old != nil && !replace { return .failure(.init("Library '\(name)' already exists")) }
        guard let engine = luaEngine() else { return .failure(.init("Lua scripting is unavailable")) }
        let state = engine.state
        let base = lua_gettop(state)
        defer { lua_settop(state, base) }
        engine.withDeadline(500, message: "ERR FUNCTION LOAD timeout", once: true) {
            engine.callAPI("load_library", [.bytes(Array(code[end...]))], results: 2)
        }
        if let stage = engine.text(at: -2) {
            let message = engine.text(at: -1) ?? ""
            if stage == "compile" { return .failure(.init("Error compiling function: \(message)")) }
            return .failure(.init("Error registering functions: \(message)"))
        }
        engine.callAPI("pending_count", [], results: 1)
        let count = Int(lua_tointeger(state, -1))
        guard count > 0 else { return .failure(.init("No functions registered")) }
        var registered: [RegisteredFunction] = []
        for index in 1...count {
            engine.callAPI("pending_at", [.text(String(index))], results: 3)
            let functionName = engine.text(at: -3) ?? ""
            let flagNames = (engine.text(at: -2) ?? "").split(separator: " ")
            let description = lua_type(state, -1) == LUA_TSTRING ? engine.text(at: -1) : nil
            archlab_lua_pop(state, 3)
            var flags: ScriptFlags = []
            for flagName in flagNames {
                if let flag = ScriptFlags.names.first(where: { $0.0 == flagName }) { flags.insert(flag.1) }
            }
            if let existing = scripting.functions[functionName], existing.library != name {
                return .failure(.init("Function \(functionName) already exists"))
            }
            registered.append(RegisteredFunction(
                name: functionName, library: name, flags: flags, description: description))
        }
        if let old {
            for function in old.functionNames {
                scripting.functions[function] = nil
                engine.callAPI("drop_function", [.text(function)], results: 0)
            }
        }
        engine.callAPI("commit", [], results: 0)
        for function in registered { scripting.functions[function.name] = function }
        scripting.libraries[name] = FunctionLibrary(name: name, code: code, functionNames: registered.map(\.name))
        return .success(name)
    }

    static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
    }

    private func functionList(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        var withCode = false
        var pattern: ByteBuffer?
        var position = 2
        while position < argv.count {
            let option = argv[position]
            position += 1
            let lowered = option.text.lowercased()
            if !withCode && lowered == "withcode" {
                withCode = true
                continue
            }
            if pattern == nil && lowered == "libraryname" {
                guard position < argv.count else {
                    out.writeRESPError("ERR library name argument was not given")
                    return
                }
                pattern = argv[position]
                position += 1
                continue
            }
            out.writeRESPError(sanitize("ERR Unknown argument \(option.text)"))
            return
        }
        let v = s.protocolVersion
        let libraries = scripting.libraries.values.sorted { $0.name < $1.name }.filter { library in
            guard let pattern else { return true }
            return globMatch(Array(pattern.readableBytesView), Array(library.name.utf8))
        }
        out.writeRESPArrayHeader(libraries.count)
        for library in libraries {
            out.writeRESPMapHeader(withCode ? 4 : 3, v)
            out.writeRESPBulk("library_name")
            out.writeRESPBulk(library.name)
            out.writeRESPBulk("engine")
            out.writeRESPBulk("LUA")
            out.writeRESPBulk("functions")
            let functions = library.functionNames.compactMap { scripting.functions[$0] }
            out.writeRESPArrayHeader(functions.count)
            for function in functions {
                out.writeRESPMapHeader(3, v)
                out.writeRESPBulk("name")
                out.writeRESPBulk(function.name)
                out.writeRESPBulk("description")
                if let description = function.description { out.writeRESPBulk(description) } else {
                    out.writeRESPNullBulk(v)
                }
                out.writeRESPBulk("flags")
                let names = function.flags.nameList
                out.writeRESPSetHeader(names.count, v)
                for name in names { out.writeRESPSimpleString(name) }
            }
            if withCode {
                out.writeRESPBulk("library_code")
                out.writeRESPBulk(library.code)
            }
        }
    }

    func fcall(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, readOnly: Bool) {
        let name = argv[1].text
        guard let function = scripting.functions[name], let engine = scripting.engine else {
            out.writeRESPError("ERR Function not found")
            return
        }
        guard let keyCount = parseRedisInteger(argv[2].readableBytesView) else {
            out.writeRESPError("ERR Bad number of keys provided")
            return
        }
        if keyCount > Int64(argv.count - 3) {
            out.writeRESPError("ERR Number of keys can't be greater than number of args")
            return
        }
        if keyCount < 0 {
            out.writeRESPError("ERR Number of keys can't be negative")
            return
        }
        guard let run = prepareRun(function.flags, readOnly: readOnly, caller: s, name: name, &out) else { return }
        let keys = argv[3..<(3 + Int(keyCount))]
        let args = argv[(3 + Int(keyCount))...]
        invoke(engine, run, &out) {
            engine.callAPI("function_named", [.text(name)], results: 1)
            engine.push(.list(keys))
            engine.push(.list(args))
            return 2
        }
    }
}

/// Why FUNCTION LOAD refused a library (the text after `ERR `).
struct FunctionLoadError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
