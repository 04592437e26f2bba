import CLua
import NIOCore
import RESP

/// The Lua 5.1 interpreter that EVAL scripts and FUNCTION libraries run in, with Redis's API
/// (`LuaPrelude`). One per keyspace, created on first use; SCRIPT FLUSH and FUNCTION FLUSH forget
/// what it holds. Lua errors are raised only from C (the shim's trampoline), never across Swift frames.
final class LuaEngine {
    let state: OpaquePointer
    private var apiReference: Int32 = 0
    /// Runs a command for `redis.call`; set by the keyspace.
    var dispatch: ([ByteBuffer]) -> ByteBuffer = { _ in ByteBuffer() }
    /// Whether a command name is known (`redis.acl_check_cmd`).
    var knows: (ByteBuffer) -> Bool = { _ in false }
    /// The invocation in progress, if any.
    var current: ScriptRun?
    /// The time source of the deadline below (the keyspace's clock).
    var now: () -> Int64 = { 0 }
    /// While a script runs: when it is stopped, and the error it is stopped with.
    private var deadline: Int64 = .max
    private var stopMessage = ""
    /// The last deadline passed and the Lua code was stopped.
    private(set) var stopped = false
    /// Stop once (FUNCTION LOAD: the prelude's own pcall catches it) rather than on every line.
    private var stopOnce = false

    /// Creates the state and runs the prelude; nil when Lua cannot allocate it.
    init?() {
        guard let state = luaL_newstate() else { return nil }
        self.state = state
        for (name, open) in [("", luaopen_base), ("table", luaopen_table), ("string", luaopen_string),
                             ("math", luaopen_math), ("debug", luaopen_debug)] as [(String, lua_CFunction)] {
            lua_pushcclosure(state, open, 0)
            lua_pushstring(state, name)
            lua_call(state, 1, 0)
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        archlab_lua_newtable(state)
        let callbacks: [(String, archlab_lua_callback)] = [
            ("call", LuaEngine.callCallback), ("sha1hex", LuaEngine.sha1Callback),
            ("setresp", LuaEngine.setRespCallback), ("known", LuaEngine.knownCallback),
        ]
        for (name, callback) in callbacks {
            archlab_lua_pushcallback(state, callback, context)
            lua_setfield(state, -2, name)
        }
        archlab_lua_pushcwrap(state)
        lua_setfield(state, -2, "cwrap")
        lua_pushlightuserdata(state, nil)
        lua_setfield(state, -2, "null")
        let source = Array(LuaPrelude.source.utf8)
        let loaded = source.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                luaL_loadbuffer(state, chars.baseAddress, chars.count, "@archlab_sandbox")
            }
        }
        guard loaded == 0 else {
            lua_close(state)
            return nil
        }
        lua_insert(state, -2)
        guard lua_pcall(state, 1, 1, 0) == 0 else {
            lua_close(state)
            return nil
        }
        apiReference = luaL_ref(state, archlab_lua_registryindex())
    }

    deinit { lua_close(state) }

    // MARK: the prelude's entry points

    /// Pushes the prelude's `api[name]`.
    func pushAPI(_ name: String) {
        lua_rawgeti(state, archlab_lua_registryindex(), apiReference)
        lua_getfield(state, -1, name)
        lua_remove(state, -2)
    }

    /// Calls `api[name](arguments…)` and leaves `results` values on the stack. The prelude's entry
    /// points do not raise; a failure leaves nils.
    func callAPI(_ name: String, _ arguments: [LuaArgument], results: Int32) {
        pushAPI(name)
        for argument in arguments { push(argument) }
        if lua_pcall(state, Int32(arguments.count), results, 0) != 0 {
            archlab_lua_pop(state, 1)
            for _ in 0..<results { lua_pushnil(state) }
        }
    }

    func push(_ argument: LuaArgument) {
        switch argument {
        case .bytes(let bytes): pushBytes(bytes)
        case .text(let text): pushBytes(Array(text.utf8))
        case .list(let items):
            lua_createtable(state, Int32(items.count), 0)
            for (index, item) in items.enumerated() {
                item.withUnsafeReadableBytes { raw in
                    lua_pushlstring(state, raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count)
                }
                lua_rawseti(state, -2, Int32(index + 1))
            }
        }
    }

    func pushBytes<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        array.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { lua_pushlstring(state, $0.baseAddress, $0.count) }
        }
    }

    /// The string (or number, as Lua formats it) at `index`, or nil.
    func bytes(at index: Int32) -> [UInt8]? {
        var length = 0
        guard let pointer = lua_tolstring(state, index, &length) else { return nil }
        return Array(UnsafeRawBufferPointer(start: pointer, count: length))
    }

    func text(at index: Int32) -> String? { bytes(at: index).map { String(decoding: $0, as: UTF8.self) } }

    /// A full garbage collection (after a flush).
    func collect() {
        lua_gc(state, LUA_GCCOLLECT, 0)
    }

    /// Runs `body` with a count hook that stops the Lua code once `milliseconds` have passed.
    /// This server serves no other client while a script runs (no BUSY, no SCRIPT KILL), so a
    /// script that would run for ever is stopped instead of holding the server for ever.
    func withDeadline<T>(_ milliseconds: Int64, message: String, once: Bool = false, _ body: () -> T) -> T {
        deadline = now() + milliseconds
        stopMessage = message
        stopped = false
        stopOnce = once
        archlab_lua_sethook(state, LuaEngine.hookCallback, Unmanaged.passUnretained(self).toOpaque(), 100_000)
        defer { archlab_lua_sethook(state, nil, nil, 0) }
        return body()
    }

    private static let hookCallback: archlab_lua_callback = { state in
        guard let state, let context = archlab_lua_hookcontext(state) else { return 0 }
        let engine = Unmanaged<LuaEngine>.fromOpaque(context).takeUnretainedValue()
        if engine.stopped && engine.stopOnce { return 0 }
        if !engine.stopped && engine.now() < engine.deadline { return 0 }
        engine.stopped = true
        engine.pushErrorTable(engine.stopMessage)
        return engine.stopOnce ? -2 : -1
    }

    // MARK: callbacks from Lua

    private static func engine(_ state: OpaquePointer?) -> LuaEngine? {
        guard let state, let context = archlab_lua_context(state) else { return nil }
        return Unmanaged<LuaEngine>.fromOpaque(context).takeUnretainedValue()
    }

    /// raw.call(raise, command, args…) → ok, reply (the reply an error table when not ok).
    private static let callCallback: archlab_lua_callback = { state in
        guard let state, let engine = LuaEngine.engine(state) else { return 0 }
        return engine.redisCall(state)
    }

    private static let sha1Callback: archlab_lua_callback = { state in
        guard let state, let engine = LuaEngine.engine(state) else { return 0 }
        engine.pushBytes(Array(SHA1.hex(engine.bytes(at: 1) ?? []).utf8))
        return 1
    }

    private static let setRespCallback: archlab_lua_callback = { state in
        guard let state, let engine = LuaEngine.engine(state) else { return 0 }
        let version = lua_tointeger(state, 1)
        engine.current?.session.protocolVersion = version == 3 ? .v3 : .v2
        return 0
    }

    private static let knownCallback: archlab_lua_callback = { state in
        guard let state, let engine = LuaEngine.engine(state) else { return 0 }
        var name = ByteBuffer()
        name.writeBytes(engine.bytes(at: 1) ?? [])
        lua_pushboolean(state, engine.knows(name) ? 1 : 0)
        return 1
    }

    private func redisCall(_ state: OpaquePointer) -> Int32 {
        let top = lua_gettop(state)
        guard top >= 2 else {
            lua_pushboolean(state, 0)
            pushErrorTable("ERR Please specify at least one argument for this redis lib call")
            return 2
        }
        var argv: [ByteBuffer] = []
        argv.reserveCapacity(Int(top) - 1)
        for index in 2...top {
            let type = lua_type(state, index)
            var buffer = ByteBuffer()
            if type == LUA_TNUMBER {
                buffer.writeString(LuaEngine.formatArgument(lua_tonumber(state, index)))
            } else if type == LUA_TSTRING, let bytes = bytes(at: index) {
                buffer.writeBytes(bytes)
            } else {
                lua_pushboolean(state, 0)
                pushErrorTable("ERR Lua redis lib command arguments must be strings or integers")
                return 2
            }
            argv.append(buffer)
        }
        var reply = dispatch(argv)
        let value = (try? RESPReplyParser.parse(&reply)) ?? .error("ERR reply could not be read")
        let v3 = current?.session.protocolVersion == .v3
        if case .error(let message) = value {
            lua_pushboolean(state, 0)
            pushErrorTable(message)
            return 2
        }
        lua_pushboolean(state, 1)
        pushReply(value, v3: v3, depth: 0)
        return 2
    }

    /// Numbers as Redis passes them to commands: integers without a decimal point, others with %.17g.
    static func formatArgument(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e17 { return String(Int64(number)) }
        return cFormat("%.17g", number)
    }

    /// `{err = message}` with the trailing CR/LF trimmed, as Redis builds it.
    func pushErrorTable(_ message: String) {
        var text = message
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        archlab_lua_newtable(state)
        pushBytes(Array(text.utf8))
        lua_setfield(state, -2, "err")
    }

    /// A command's reply as a Lua value (Redis's RESP2 and RESP3 conversions).
    func pushReply(_ value: RESPValue, v3: Bool, depth: Int) {
        guard depth < 200, lua_checkstack(state, 4) != 0 else {
            lua_pushboolean(state, 0)
            return
        }
        switch value {
        case .integer(let n): lua_pushnumber(state, Double(n))
        case .bulkString(let bytes): pushBytes(bytes)
        case .nullBulk, .nullArray:
            if v3 { lua_pushnil(state) } else { lua_pushboolean(state, 0) }
        case .simpleString(let text):
            archlab_lua_newtable(state)
            pushBytes(Array(text.utf8))
            lua_setfield(state, -2, "ok")
        case .error(let message): pushErrorTable(message)
        case .array(let items), .push(let items):
            lua_createtable(state, Int32(items.count), 0)
            for (index, item) in items.enumerated() {
                pushReply(item, v3: v3, depth: depth + 1)
                lua_rawseti(state, -2, Int32(index + 1))
            }
        case .map(let pairs):
            archlab_lua_newtable(state)
            archlab_lua_newtable(state)
            for pair in pairs {
                pushReply(pair.key, v3: v3, depth: depth + 1)
                pushReply(pair.value, v3: v3, depth: depth + 1)
                lua_rawset(state, -3)
            }
            lua_setfield(state, -2, "map")
        case .set(let items):
            archlab_lua_newtable(state)
            archlab_lua_newtable(state)
            for item in items {
                pushReply(item, v3: v3, depth: depth + 1)
                lua_pushboolean(state, 1)
                lua_rawset(state, -3)
            }
            lua_setfield(state, -2, "set")
        case .double(let d):
            archlab_lua_newtable(state)
            lua_pushnumber(state, d)
            lua_setfield(state, -2, "double")
        case .boolean(let b): lua_pushboolean(state, b ? 1 : 0)
        case .bigNumber(let text):
            archlab_lua_newtable(state)
            pushBytes(Array(text.utf8))
            lua_setfield(state, -2, "big_number")
        case .verbatimString(let format, let text):
            archlab_lua_newtable(state)
            archlab_lua_newtable(state)
            pushBytes(Array(format.utf8))
            lua_setfield(state, -2, "format")
            pushBytes(Array(text.utf8))
            lua_setfield(state, -2, "string")
            lua_setfield(state, -2, "verbatim_string")
        }
    }
}

/// A value handed to one of the prelude's entry points.
enum LuaArgument {
    case bytes([UInt8])
    case text(String)
    /// An array of strings (KEYS, ARGV).
    case list(ArraySlice<ByteBuffer>)
}
