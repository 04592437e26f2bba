import CLua
import NIOCore
import RESP

extension LuaEngine {
    /// Writes the Lua value on top of the stack as a reply and pops it: string → bulk, number →
    /// integer (truncated), true → 1 (RESP3: #t), false/nil → null, `{err=}` → error, `{ok=}` →
    /// status, `{double=}`, `{big_number=}`, `{verbatim_string=}`, `{map=}`, `{set=}`, otherwise an
    /// array up to the first nil. `scriptV3`: the script chose RESP3 with `redis.setresp(3)`.
    func writeTop(into out: inout ByteBuffer, version: RESPVersion, scriptV3: Bool, depth: Int = 0) {
        defer { archlab_lua_pop(state, 1) }
        guard depth < 200, lua_checkstack(state, 4) != 0 else {
            out.writeRESPError("ERR reached lua stack limit")
            return
        }
        switch lua_type(state, -1) {
        case LUA_TSTRING:
            out.writeRESPBulk(bytes(at: -1) ?? [])
        case LUA_TBOOLEAN:
            let value = lua_toboolean(state, -1) != 0
            if scriptV3 {
                out.writeRESPBoolean(value, version)
            } else if value {
                out.writeRESPInteger(1)
            } else {
                out.writeRESPNullBulk(version)
            }
        case LUA_TNUMBER:
            out.writeRESPInteger(Self.truncate(lua_tonumber(state, -1)))
        case LUA_TTABLE:
            writeTable(into: &out, version: version, scriptV3: scriptV3, depth: depth)
        default:
            out.writeRESPNullBulk(version)
        }
    }

    /// C's `(long long)` conversion as x86-64 does it: out of range and NaN give the minimum.
    static func truncate(_ value: Double) -> Int64 {
        guard value.isFinite, value > -9.223_372_036_854_775_808e18, value < 9.223_372_036_854_775_808e18 else {
            return Int64.min
        }
        return Int64(value)
    }

    private func field(_ name: String) -> Int32 {
        lua_pushstring(state, name)
        lua_rawget(state, -2)
        return lua_type(state, -1)
    }

    private func writeTable(into out: inout ByteBuffer, version: RESPVersion, scriptV3: Bool, depth: Int) {
        if field("err") == LUA_TSTRING {
            let message = text(at: -1) ?? ""
            archlab_lua_pop(state, 1)
            out.writeRESPError(Self.oneLine(message))
            return
        }
        archlab_lua_pop(state, 1)
        if field("ok") == LUA_TSTRING {
            out.writeRESPSimpleString(Self.oneLine(text(at: -1) ?? ""))
            archlab_lua_pop(state, 1)
            return
        }
        archlab_lua_pop(state, 1)
        if field("double") == LUA_TNUMBER {
            out.writeRESPDouble(formatted: formatRedisDouble(lua_tonumber(state, -1)), version)
            archlab_lua_pop(state, 1)
            return
        }
        archlab_lua_pop(state, 1)
        if field("big_number") == LUA_TSTRING {
            let text = Self.oneLine(text(at: -1) ?? "")
            if version == .v3 { out.writeString("(\(text)\r\n") } else { out.writeRESPBulk(text) }
            archlab_lua_pop(state, 1)
            return
        }
        archlab_lua_pop(state, 1)
        if field("verbatim_string") == LUA_TTABLE {
            if field("format") == LUA_TSTRING, let format = text(at: -1) {
                archlab_lua_pop(state, 1)
                if field("string") == LUA_TSTRING, let body = text(at: -1) {
                    out.writeRESPVerbatim(body, version, format: format)
                    archlab_lua_pop(state, 2)
                    return
                }
            }
            archlab_lua_pop(state, 1)
        }
        archlab_lua_pop(state, 1)
        if field("map") == LUA_TTABLE {
            let count = entries()
            out.writeRESPMapHeader(count, version)
            lua_pushnil(state)
            while lua_next(state, -2) != 0 {
                lua_pushvalue(state, -2)
                writeTop(into: &out, version: version, scriptV3: scriptV3, depth: depth + 1)
                writeTop(into: &out, version: version, scriptV3: scriptV3, depth: depth + 1)
            }
            archlab_lua_pop(state, 1)
            return
        }
        archlab_lua_pop(state, 1)
        if field("set") == LUA_TTABLE {
            out.writeRESPSetHeader(entries(), version)
            lua_pushnil(state)
            while lua_next(state, -2) != 0 {
                archlab_lua_pop(state, 1)
                lua_pushvalue(state, -1)
                writeTop(into: &out, version: version, scriptV3: scriptV3, depth: depth + 1)
            }
            archlab_lua_pop(state, 1)
            return
        }
        archlab_lua_pop(state, 1)
        var count: Int32 = 0
        while true {
            lua_rawgeti(state, -1, count + 1)
            let isNil = lua_type(state, -1) == LUA_TNIL
            archlab_lua_pop(state, 1)
            if isNil { break }
            count += 1
        }
        out.writeRESPArrayHeader(Int(count))
        if count == 0 { return }
        for index in 1...count {
            lua_rawgeti(state, -1, index)
            writeTop(into: &out, version: version, scriptV3: scriptV3, depth: depth + 1)
        }
    }

    /// The number of entries of the table on top of the stack.
    private func entries() -> Int {
        var count = 0
        lua_pushnil(state)
        while lua_next(state, -2) != 0 {
            archlab_lua_pop(state, 1)
            count += 1
        }
        return count
    }

    /// Error and status texts cannot hold CR or LF: Redis writes spaces instead.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\r" || $0 == "\n" ? " " : $0 }))
    }
}
