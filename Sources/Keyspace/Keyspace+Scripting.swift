import CLua
import NIOCore
import RESP

/// EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT, as Redis 7.0.15 answers them.
extension Keyspace {
    static let noScriptMessage = "NOSCRIPT No matching script. Please use EVAL."
    /// Redis's default `busy-reply-threshold`: where Redis starts answering BUSY to other clients,
    /// this server, which cannot serve them meanwhile, stops the script.
    static let scriptTimeLimit: Int64 = 5_000
    static let scriptStoppedMessage =
        "ERR Script stopped after busy-reply-threshold (5000 ms): this server cannot serve other clients "
        + "while a script runs"

    /// Commands a script may not call (Redis's `noscript` flag), by name so that commands added to the
    /// table later are covered too. CLIENT, CONFIG, MODULE and FUNCTION are refused whole; in Redis
    /// only some of their subcommands are (all those this server has); CLUSTER is refused for its
    /// RESET.
    static let deniedInScripts: Set<String> = [
        "acl", "auth", "bgrewriteaof", "bgsave", "blmove", "blpop", "brpop", "brpoplpush", "bzpopmax",
        "bzpopmin", "client", "cluster", "config", "debug", "discard", "eval", "eval_ro", "evalsha", "evalsha_ro",
        "exec",
        "failover", "fcall", "fcall_ro", "function", "hello", "latency", "module", "monitor", "multi",
        "psubscribe", "psync", "punsubscribe", "quit", "replconf", "replicaof", "reset", "role", "save", "script",
        "shutdown", "slaveof", "ssubscribe", "subscribe", "sunsubscribe", "sync", "unsubscribe", "unwatch",
        "wait", "watch",
    ]

    /// The Lua engine, created on first use; nil only if Lua cannot allocate a state.
    func luaEngine() -> LuaEngine? {
        if let engine = scripting.engine { return engine }
        guard let engine = LuaEngine() else { return nil }
        engine.dispatch = { [unowned self] argv in self.callFromScript(argv) }
        engine.knows = { name in CommandTable.lookup(name) != nil }
        engine.now = { [unowned self] in self.clock.nowMilliseconds() }
        scripting.engine = engine
        return engine
    }

    func eval(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, bySHA: Bool, readOnly: Bool) {
        guard let keyCount = parseRedisInteger(argv[2].readableBytesView) else {
            out.writeRESPError(Self.notInteger)
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
        guard let engine = luaEngine() else {
            out.writeRESPError("ERR Lua scripting is unavailable")
            return
        }
        let sha: String
        if bySHA {
            sha = argv[1].text.lowercased()
            guard sha.utf8.count == 40, scripting.scripts[sha] != nil else {
                out.writeRESPError(Self.noScriptMessage)
                return
            }
        } else {
            sha = SHA1.hex(argv[1].readableBytesView)
            if scripting.scripts[sha] == nil {
                if let error = defineScript(Array(argv[1].readableBytesView), sha: sha, engine: engine) {
                    out.writeRESPError(error)
                    return
                }
            }
        }
        let flags = scripting.scripts[sha] ?? [.compatible]
        guard let run = prepareRun(flags, readOnly: readOnly, caller: s, name: sha, &out) else { return }
        let keys = argv[3..<(3 + Int(keyCount))]
        let args = argv[(3 + Int(keyCount))...]
        invoke(engine, run, &out) {
            engine.callAPI("script", [.text(sha), .list(keys), .list(args)], results: 1)
            return 0
        }
    }

    /// Compiles a script and remembers it under its SHA1; returns the error to reply with on failure.
    func defineScript(_ body: [UInt8], sha: String, engine: LuaEngine) -> String? {
        var flags: ScriptFlags = [.compatible]
        var code = body
        if body.starts(with: Array("#!".utf8)) {
            guard let end = body.firstIndex(of: UInt8(ascii: "\n")) else { return "ERR Invalid script shebang" }
            let parts = String(decoding: body[..<end], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = parts.first else { return "ERR Invalid engine in script shebang" }
            guard first == "#!lua" else { return "ERR Unexpected engine in script shebang: \(first)" }
            flags = []
            for part in parts.dropFirst() {
                guard part.hasPrefix("flags=") else { return "ERR Unknown lua shebang option: \(part)" }
                for name in part.dropFirst(6).split(separator: ",") {
                    guard let flag = ScriptFlags.names.first(where: { $0.0 == name }) else {
                        return "ERR Unexpected flag in script shebang: \(name)"
                    }
                    flags.insert(flag.1)
                }
            }
            code = Array(body[end...])
        }
        engine.callAPI("compile", [.text(sha), .bytes(code)], results: 1)
        defer { archlab_lua_pop(engine.state, 1) }
        if lua_type(engine.state, -1) == LUA_TSTRING {
            return sanitize("ERR Error compiling script (new function): \(engine.text(at: -1) ?? "")")
        }
        scripting.scripts[sha] = flags
        return nil
    }

    /// Redis's checks before a script runs; nil after writing the refusal.
    func prepareRun(
        _ flags: ScriptFlags, readOnly: Bool, caller: ClientSession, name: String, _ out: inout ByteBuffer
    ) -> ScriptRun? {
        let overMemory = configuration.maxmemory > 0 && usedMemory > configuration.maxmemory
        if !flags.contains(.compatible) {
            if !flags.contains(.noWrites) && readOnly {
                out.writeRESPError("ERR Can not execute a script with write flag using *_ro command.")
                return nil
            }
            if overMemory && flags.isDisjoint(with: [.allowOOM, .noWrites]) {
                out.writeRESPError(
                    "OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'")
                return nil
            }
        }
        let compatible = flags.contains(.compatible)
        return ScriptRun(
            caller: caller, name: name,
            readOnly: readOnly || (!compatible && flags.contains(.noWrites)),
            allowOOM: !compatible && flags.contains(.allowOOM), overMemoryAtStart: overMemory)
    }

    /// Runs the function that `push` leaves on the Lua stack (with its arguments after it; `push`
    /// returns their count) under Redis's error handler, and writes its reply.
    func invoke(_ engine: LuaEngine, _ run: ScriptRun, _ out: inout ByteBuffer, push: () -> Int32) {
        let state = engine.state
        let base = lua_gettop(state)
        engine.pushAPI("handler")
        let argumentCount = push()
        scripting.running = run
        engine.current = run
        let status = engine.withDeadline(Self.scriptTimeLimit, message: Self.scriptStoppedMessage) {
            lua_pcall(state, argumentCount, 1, base + 1)
        }
        scripting.running = nil
        engine.current = nil
        if engine.stopped {
            out.writeRESPError(Self.scriptStoppedMessage)
        } else if status == 0 {
            engine.writeTop(into: &out, version: run.caller.protocolVersion,
                            scriptV3: run.session.protocolVersion == .v3)
        } else {
            writeScriptError(engine, run, &out)
        }
        lua_settop(state, base)
        scripting.callsSinceCollection += 1
        if scripting.callsSinceCollection >= 50 {
            scripting.callsSinceCollection = 0
            lua_gc(state, LUA_GCSTEP, 50)
        }
    }

    private func writeScriptError(_ engine: LuaEngine, _ run: ScriptRun, _ out: inout ByteBuffer) {
        let state = engine.state
        guard lua_type(state, -1) == LUA_TTABLE else {
            let message = engine.text(at: -1) ?? "execution failure"
            out.writeRESPError(sanitize("ERR Error running script \(run.name), \(prefix(message, 100)) "))
            return
        }
        lua_getfield(state, -1, "err")
        let message = engine.text(at: -1)
        lua_getfield(state, -2, "source")
        let source = engine.text(at: -1)
        lua_getfield(state, -3, "line")
        let line = engine.text(at: -1)
        archlab_lua_pop(state, 3)
        var text = message ?? "(null)"
        if let source, let line { text += " script: \(run.name), on \(source):\(line)." }
        out.writeRESPError(sanitize(text))
    }

    /// `redis.call`: runs one command in the script's session after Redis's script checks.
    func callFromScript(_ argv: [ByteBuffer]) -> ByteBuffer {
        var out = ByteBuffer()
        guard let context = scripting.running, let first = argv.first else {
            out.writeRESPError("ERR redis.call/pcall can only be called inside a script invocation")
            return out
        }
        guard let spec = CommandTable.lookup(first) else {
            out.writeRESPError("ERR Unknown Redis command called from script")
            return out
        }
        if !spec.acceptsArgumentCount(argv.count) {
            out.writeRESPError("ERR Wrong number of args calling Redis command from script")
            return out
        }
        if let message = subcommandError(spec, argv) {
            let unknown = message.hasPrefix("ERR unknown subcommand")
            out.writeRESPError(
                unknown ? "ERR Unknown Redis command called from script"
                    : "ERR Wrong number of args calling Redis command from script")
            return out
        }
        if Self.deniedInScripts.contains(spec.name) {
            out.writeRESPError("ERR This Redis command is not allowed from script")
            return out
        }
        if context.readOnly && spec.flags.contains(.write) {
            out.writeRESPError("ERR Write commands are not allowed from read-only scripts.")
            return out
        }
        if spec.flags.contains(.denyOOM) && context.overMemoryAtStart && !context.allowOOM && !context.wroteData {
            out.writeRESPError("OOM command not allowed when used memory > 'maxmemory'.")
            return out
        }
        if spec.flags.contains(.write) { context.wroteData = true }
        stats.commandsProcessed += 1
        run(spec, argv, context.session, &out)
        return out
    }

    func script(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let table: [(String, Int)] = [
            ("load", 3), ("exists", -3), ("flush", -2), ("kill", 2), ("help", 2), ("debug", 3),
        ]
        guard let subcommand = containerSubcommand(argv, table, container: "script", &out) else { return }
        switch subcommand {
        case "load":
            guard let engine = luaEngine() else {
                out.writeRESPError("ERR Lua scripting is unavailable")
                return
            }
            let sha = SHA1.hex(argv[2].readableBytesView)
            if scripting.scripts[sha] == nil,
                let error = defineScript(Array(argv[2].readableBytesView), sha: sha, engine: engine)
            {
                out.writeRESPError(error)
                return
            }
            out.writeRESPBulk(sha)
        case "exists":
            out.writeRESPArrayHeader(argv.count - 2)
            for arg in argv.dropFirst(2) {
                out.writeRESPInteger(scripting.scripts[arg.text.lowercased()] == nil ? 0 : 1)
            }
        case "flush":
            if argv.count > 3
                || (argv.count == 3 && !["sync", "async"].contains(argv[2].text.lowercased()))
            {
                out.writeRESPError("ERR SCRIPT FLUSH only support SYNC|ASYNC option")
                return
            }
            scripting.scripts = [:]
            if let engine = scripting.engine {
                engine.callAPI("flush_scripts", [], results: 0)
                engine.collect()
            }
            out.writeRESPSimpleString("OK")
        case "kill":
            out.writeRESPError("NOTBUSY No scripts in execution right now.")
        case "debug":
            out.writeRESPError("ERR SCRIPT DEBUG is not supported by this server")
        default:
            let lines = [
                "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "DEBUG (YES|SYNC|NO)", "    Set the debug mode for subsequent scripts executed.",
                "EXISTS <sha1> [<sha1> ...]",
                "    Return information about the existence of the scripts in the script cache.",
                "FLUSH [ASYNC|SYNC]",
                "    Flush the Lua scripts cache. Very dangerous on replicas.",
                "    When called without the optional mode argument, the behavior is determined by the",
                "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                "    * ASYNC: Asynchronously flush the scripts cache.",
                "    * SYNC: Synchronously flush the scripts cache.",
                "KILL", "    Kill the currently executing Lua script.",
                "LOAD <script>", "    Load a script into the scripts cache without executing it.",
                "HELP", "    Prints this help.",
            ]
            out.writeRESPArrayHeader(lines.count)
            for line in lines { out.writeRESPSimpleString(line) }
        }
    }

    /// The lower-cased subcommand of a container command after Redis's checks (unknown subcommand,
    /// then its arity); nil after writing the error.
    func containerSubcommand(
        _ argv: [ByteBuffer], _ table: [(String, Int)], container: String, _ out: inout ByteBuffer
    ) -> String? {
        let requested = argv[1].text.lowercased()
        guard let match = table.first(where: { $0.0 == requested }) else {
            out.writeRESPError(sanitize(
                "ERR unknown subcommand '\(prefix(argv[1].text, 128))'. Try \(container.uppercased()) HELP."))
            return nil
        }
        let fits = match.1 >= 0 ? argv.count == match.1 : argv.count >= -match.1
        guard fits else {
            out.writeRESPError("ERR wrong number of arguments for '\(container)|\(match.0)' command")
            return nil
        }
        return requested
    }
}
