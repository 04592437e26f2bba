/// The Lua side of scripting, run once when the Lua state is created (chunk name `@archlab_sandbox`).
///
/// It receives the Swift callbacks (`call`, `sha1hex`, `setresp`) and builds what Redis 7.0 gives a
/// script: the `redis` table, the sandboxed globals (reading an undeclared global or writing any
/// global is an error, library tables are read-only, `loadfile`/`dofile`/`print`/`setfenv`/`getfenv`/
/// `newproxy` are gone), Redis's `pcall` that turns error tables into their message, and the error
/// handler that adds the script's source and line. Stock Lua 5.1 has no read-only tables, so tables
/// are protected by proxies whose writes fail with Redis's message. It returns the table of entry
/// points the engine uses (`LuaEngine`).
enum LuaPrelude {
    static let source = #"""
        local raw = ...
        local dbg = debug
        local real_loadstring, real_setfenv = loadstring, setfenv
        local real_setmetatable, real_getmetatable = setmetatable, getmetatable
        local real_rawset, real_pcall, real_error = rawset, pcall, error
        local type, tostring, select, unpack, next = type, tostring, select, unpack, next
        local string_sub, string_find, string_gsub = string.sub, string.find, string.gsub
        local string_match = string.match
        local protected = real_setmetatable({}, {__mode = 'k'})

        local function readonly_error() real_error('Attempt to modify a readonly table', 2) end
        -- From the sandbox's own setmetatable and rawset: no position, as Redis's C functions give none.
        local function readonly_refusal() real_error('Attempt to modify a readonly table', 0) end
        local cwrap = raw.cwrap

        local function protect(t)
            local proxy = real_setmetatable({}, {__index = t, __newindex = readonly_error, __metatable = false})
            protected[proxy] = true
            return proxy
        end

        local function pack(...) return {n = select('#', ...), ...} end

        -- An error in the form redis.pcall returns: "-CODE msg" or "msg" (code ERR).
        local function error_table(text)
            local code, msg = 'ERR', text
            if string_sub(text, 1, 1) == '-' then
                local space = string_find(text, ' ', 1, true)
                if space then
                    code, msg = string_sub(text, 2, space - 1), string_sub(text, space + 1)
                else
                    msg = string_sub(text, 2)
                end
            end
            msg = string_gsub(string_gsub(msg, '^[\r\n]+', ''), '[\r\n]+$', '')
            return {err = code .. ' ' .. msg}
        end

        local function raise(text) real_error(error_table(text)) end

        local redis = {}
        redis.call = function(...)
            local ok, reply = raw.call(true, ...)
            if not ok then real_error(reply) end
            return reply
        end
        redis.pcall = function(...)
            local ok, reply = raw.call(false, ...)
            return reply
        end
        redis.sha1hex = function(...)
            if select('#', ...) ~= 1 then raise('wrong number of arguments') end
            local s = ...
            if type(s) ~= 'string' and type(s) ~= 'number' then s = '' end
            return raw.sha1hex(tostring(s))
        end
        redis.error_reply = function(...)
            local e = ...
            if select('#', ...) ~= 1 or type(e) ~= 'string' then
                return error_table('wrong number or type of arguments')
            end
            if string_sub(e, 1, 1) ~= '-' then e = '-' .. e end
            return error_table(e)
        end
        redis.status_reply = function(...)
            local s = ...
            if select('#', ...) ~= 1 or type(s) ~= 'string' then
                return error_table('wrong number or type of arguments')
            end
            return {ok = s}
        end
        local function log(...)
            local argc = select('#', ...)
            if argc < 2 then raise('redis.log() requires two arguments or more.') end
            local level = ...
            if type(level) ~= 'number' and not (type(level) == 'string' and tonumber(level)) then
                raise('First argument must be a number (log level).')
            end
            level = tonumber(level)
            if level < 0 or level > 3 then raise('Invalid debug level.') end
        end
        redis.log = log
        redis.setresp = function(...)
            if select('#', ...) ~= 1 then raise('redis.setresp() requires one argument.') end
            local resp = tonumber((...))
            if resp ~= 2 and resp ~= 3 then raise('RESP version must be 2 or 3.') end
            raw.setresp(resp)
        end
        redis.set_repl = function(...)
            if select('#', ...) ~= 1 then raise('redis.set_repl() requires two arguments.') end
            local flags = tonumber((...)) or 0
            if flags < 0 or flags > 3 or flags ~= math.floor(flags) then
                raise('Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.')
            end
        end
        redis.replicate_commands = function() return true end
        redis.breakpoint = function() return false end
        redis.debug = function() end
        redis.acl_check_cmd = function(...)
            if select('#', ...) == 0 then raise('Please specify at least one argument for this redis lib call') end
            if not raw.known(...) then raise('Invalid command passed to redis.acl_check_cmd()') end
            return true
        end
        for name, f in next, redis do redis[name] = cwrap(f) end
        local levels = {LOG_DEBUG = 0, LOG_VERBOSE = 1, LOG_NOTICE = 2, LOG_WARNING = 3}
        for k, v in next, levels do redis[k] = v end
        redis.REPL_NONE, redis.REPL_AOF, redis.REPL_SLAVE, redis.REPL_REPLICA, redis.REPL_ALL = 0, 1, 2, 2, 3
        redis.REDIS_VERSION_NUM, redis.REDIS_VERSION = 0x07000f, '7.0.15'

        -- Redis's pcall: an error table caught becomes its message.
        local function sandbox_pcall(f, ...)
            local r = pack(real_pcall(f, ...))
            if not r[1] and type(r[2]) == 'table' and type(r[2].err) == 'string' then r[2] = r[2].err end
            return unpack(r, 1, r.n)
        end

        -- LuaBitOp's `bit` on 32-bit integers, in plain Lua (Debian has no liblua5.1-bitop for Redis's API).
        local floor = math.floor
        local two32, two31 = 4294967296, 2147483648
        local function u32(x)
            x = tonumber(x)
            if x == nil then real_error('bad argument (number expected)', 3) end
            return floor(x + 0.5) % two32
        end
        local function s32(u) if u >= two31 then return u - two32 end return u end
        local function bitwise(a, b, op)
            local result, place = 0, 1
            for _ = 1, 32 do
                local x, y = a % 2, b % 2
                if op(x, y) then result = result + place end
                a, b, place = (a - x) / 2, (b - y) / 2, place * 2
            end
            return result
        end
        local function fold(op, ...)
            local n = select('#', ...)
            local acc = u32((...))
            for i = 2, n do acc = bitwise(acc, u32((select(i, ...))), op) end
            return s32(acc)
        end
        local bit = {}
        function bit.tobit(x) return s32(u32(x)) end
        function bit.bnot(x) return s32(two32 - 1 - u32(x)) end
        function bit.band(...) return fold(function(x, y) return x == 1 and y == 1 end, ...) end
        function bit.bor(...) return fold(function(x, y) return x == 1 or y == 1 end, ...) end
        function bit.bxor(...) return fold(function(x, y) return x ~= y end, ...) end
        function bit.lshift(x, n) return s32((u32(x) * 2 ^ (u32(n) % 32)) % two32) end
        function bit.rshift(x, n) return s32(floor(u32(x) / 2 ^ (u32(n) % 32))) end
        function bit.arshift(x, n) return s32(floor(s32(u32(x)) / 2 ^ (u32(n) % 32)) % two32) end
        function bit.rol(x, n)
            n = u32(n) % 32
            local v = u32(x)
            return s32((v * 2 ^ n) % two32 + floor(v / 2 ^ (32 - n)))
        end
        function bit.ror(x, n) return bit.rol(x, 32 - u32(n) % 32) end
        function bit.bswap(x)
            local v = u32(x)
            local b0, b1, b2, b3 = v % 256, floor(v / 256) % 256, floor(v / 65536) % 256, floor(v / 16777216)
            return s32(((b0 * 256 + b1) * 256 + b2) * 256 + b3)
        end
        function bit.tohex(x, n)
            n = tonumber(n) or 8
            local format = '%08x'
            if n < 0 then n, format = -n, '%08X' end
            if n > 8 then n = 8 end
            return string_sub(string.format(format, u32(x)), 9 - n)
        end
        for name, f in next, bit do bit[name] = cwrap(f) end

        -- cmsgpack (lua-cmsgpack's API as Redis embeds it), in plain Lua.
        local cmsgpack = {}
        local string_char, string_byte, string_rep = string.char, string.byte, string.rep
        local frexp, ldexp = math.frexp, math.ldexp
        local function be(n, count)
            local bytes = {}
            for i = count, 1, -1 do
                bytes[i] = n % 256
                n = floor(n / 256)
            end
            return string_char(unpack(bytes))
        end
        local function ieee(x, double)
            local bias, mantissa_bits, size = 1022, 52, 8
            if not double then bias, mantissa_bits, size = 126, 23, 4 end
            local exponent_bits = size * 8 - 1 - mantissa_bits
            local top = 2 ^ exponent_bits - 1
            local sign = 0
            if x < 0 or (x == 0 and 1 / x < 0) then sign, x = 1, -x end
            local e, m
            if x ~= x then e, m = top, 2 ^ (mantissa_bits - 1)
            elseif x == math.huge then e, m = top, 0
            elseif x == 0 then e, m = 0, 0
            else
                local f, exp = frexp(x)
                e = exp + bias
                if e <= 0 then
                    m, e = ldexp(f, exp + bias - 1 + mantissa_bits), 0
                else
                    m = (f * 2 - 1) * 2 ^ mantissa_bits
                end
            end
            if double then
                local high = floor(m / 4294967296)
                return be((sign * 2048 + e) * 1048576 + high, 4) .. be(m - high * 4294967296, 4)
            end
            return be((sign * 2 ^ exponent_bits + e) * 2 ^ mantissa_bits + m, size)
        end
        local function is_float(x)
            if x ~= x or x == math.huge or x == -math.huge then return true end
            local f, exp = frexp(x)
            if exp > 128 or exp < -125 then return false end
            local scaled = f * 2 ^ 24
            return scaled == floor(scaled)
        end
        local encode
        local function encode_table(t, level)
            local count, max, is_array = 0, 0, true
            for k in next, t do
                count = count + 1
                if type(k) == 'number' and k > 0 and k == floor(k) then
                    if k > max then max = k end
                else
                    is_array = false
                end
            end
            local parts = {}
            if is_array and max == count then
                if count <= 15 then parts[1] = string_char(0x90 + count)
                elseif count <= 65535 then parts[1] = '\220' .. be(count, 2)
                else parts[1] = '\221' .. be(count, 4) end
                for i = 1, count do parts[#parts + 1] = encode(t[i], level + 1) end
            else
                if count <= 15 then parts[1] = string_char(0x80 + count)
                elseif count <= 65535 then parts[1] = '\222' .. be(count, 2)
                else parts[1] = '\223' .. be(count, 4) end
                for k, v in next, t do
                    parts[#parts + 1] = encode(k, level + 1)
                    parts[#parts + 1] = encode(v, level + 1)
                end
            end
            return table.concat(parts)
        end
        encode = function(v, level)
            local kind = type(v)
            if kind == 'table' and level == 16 then kind = 'nil' end
            if kind == 'boolean' then return v and '\195' or '\194'
            elseif kind == 'string' then
                local n = #v
                if n < 32 then return string_char(0xa0 + n) .. v
                elseif n < 256 then return '\217' .. string_char(n) .. v
                elseif n < 65536 then return '\218' .. be(n, 2) .. v end
                return '\219' .. be(n, 4) .. v
            elseif kind == 'number' then
                if v == floor(v) and v >= -9223372036854775808 and v < 9223372036854775808 then
                    if v >= 0 then
                        if v <= 127 then return string_char(v)
                        elseif v <= 0xff then return '\204' .. string_char(v)
                        elseif v <= 0xffff then return '\205' .. be(v, 2)
                        elseif v <= 0xffffffff then return '\206' .. be(v, 4) end
                        return '\207' .. be(v, 8)
                    end
                    if v >= -32 then return string_char(256 + v)
                    elseif v >= -128 then return '\208' .. string_char(256 + v)
                    elseif v >= -32768 then return '\209' .. be(65536 + v, 2)
                    elseif v >= -2147483648 then return '\210' .. be(4294967296 + v, 4) end
                    local high = floor(v / 4294967296)
                    return '\211' .. be(high + 4294967296, 4) .. be(v - high * 4294967296, 4)
                end
                if is_float(v) then return '\202' .. ieee(v, false) end
                return '\203' .. ieee(v, true)
            elseif kind == 'table' then return encode_table(v, level)
            end
            return '\192'
        end
        function cmsgpack.pack(...)
            local n = select('#', ...)
            if n == 0 then real_error('MessagePack pack needs input.', 0) end
            local parts = {}
            for i = 1, n do parts[i] = encode((select(i, ...)), 0) end
            return table.concat(parts)
        end

        local function missing() real_error('Missing bytes in input.', 0) end
        local function read_uint(s, i, count)
            if i + count - 1 > #s then missing() end
            if count == 8 then return read_uint(s, i, 4) * 4294967296 + read_uint(s, i + 4, 4) end
            local n = 0
            for j = i, i + count - 1 do n = n * 256 + string_byte(s, j) end
            return n
        end
        local function read_float(s, i, double)
            local size, mantissa_bits, bias = 4, 23, 127
            if double then size, mantissa_bits, bias = 8, 52, 1023 end
            local exponent_bits = size * 8 - 1 - mantissa_bits
            local m, rest
            if double then
                local high, low = read_uint(s, i, 4), read_uint(s, i + 4, 4)
                m = (high % 1048576) * 4294967296 + low
                rest = floor(high / 1048576)
            else
                local n = read_uint(s, i, size)
                m = n % 2 ^ mantissa_bits
                rest = floor(n / 2 ^ mantissa_bits)
            end
            local e = rest % 2 ^ exponent_bits
            local sign = rest >= 2 ^ exponent_bits and -1 or 1
            if e == 2 ^ exponent_bits - 1 then
                if m == 0 then return sign * math.huge end
                return 0 / 0
            end
            if e == 0 then return sign * ldexp(m, 1 - bias - mantissa_bits) end
            return sign * ldexp(m + 2 ^ mantissa_bits, e - bias - mantissa_bits)
        end
        local decode
        local function decode_items(s, i, count, map)
            local t = {}
            for j = 1, count do
                if map then
                    local k, v
                    k, i = decode(s, i)
                    v, i = decode(s, i)
                    if k ~= nil then t[k] = v end
                else
                    t[j], i = decode(s, i)
                end
            end
            return t, i
        end
        decode = function(s, i)
            if i > #s then missing() end
            local c = string_byte(s, i)
            if c <= 0x7f then return c, i + 1
            elseif c >= 0xe0 then return c - 256, i + 1
            elseif c >= 0xa0 and c <= 0xbf then
                local n = c - 0xa0
                if i + n > #s then missing() end
                return string_sub(s, i + 1, i + n), i + 1 + n
            elseif c >= 0x90 and c <= 0x9f then return decode_items(s, i + 1, c - 0x90, false)
            elseif c >= 0x80 and c <= 0x8f then return decode_items(s, i + 1, c - 0x80, true)
            elseif c == 0xc0 then return nil, i + 1
            elseif c == 0xc2 then return false, i + 1
            elseif c == 0xc3 then return true, i + 1
            elseif c == 0xca then return read_float(s, i + 1, false), i + 5
            elseif c == 0xcb then return read_float(s, i + 1, true), i + 9
            elseif c >= 0xcc and c <= 0xcf then
                local size = 2 ^ (c - 0xcc)
                return read_uint(s, i + 1, size), i + 1 + size
            elseif c >= 0xd0 and c <= 0xd3 then
                local size = 2 ^ (c - 0xd0)
                local n
                if size == 8 then
                    local high = read_uint(s, i + 1, 4)
                    if high >= 2147483648 then high = high - 4294967296 end
                    n = high * 4294967296 + read_uint(s, i + 5, 4)
                else
                    n = read_uint(s, i + 1, size)
                    if n >= 2 ^ (size * 8 - 1) then n = n - 2 ^ (size * 8) end
                end
                return n, i + 1 + size
            elseif c == 0xd9 or c == 0xda or c == 0xdb or c == 0xc4 or c == 0xc5 or c == 0xc6 then
                local size = (c == 0xd9 or c == 0xc4) and 1 or ((c == 0xda or c == 0xc5) and 2 or 4)
                local n = read_uint(s, i + 1, size)
                local start = i + 1 + size
                if start + n - 1 > #s then missing() end
                return string_sub(s, start, start + n - 1), start + n
            elseif c == 0xdc or c == 0xdd then
                local size = c == 0xdc and 2 or 4
                return decode_items(s, i + 1 + size, read_uint(s, i + 1, size), false)
            elseif c == 0xde or c == 0xdf then
                local size = c == 0xde and 2 or 4
                return decode_items(s, i + 1 + size, read_uint(s, i + 1, size), true)
            end
            real_error('Bad data format in input.', 0)
        end
        local function unpack_from(s, limit, offset)
            if type(s) ~= 'string' then real_error('MessagePack unpack needs a string.', 0) end
            local results, i, n = {}, offset + 1, 0
            while i <= #s and (limit == 0 or n < limit) do
                n = n + 1
                results[n], i = decode(s, i)
            end
            return results, n, i
        end
        function cmsgpack.unpack(s)
            local results, n = unpack_from(s, 0, 0)
            return unpack(results, 1, n)
        end
        function cmsgpack.unpack_limit(s, limit, offset)
            offset = tonumber(offset) or 0
            local results, n, i = unpack_from(s, tonumber(limit) or 0, offset)
            if i > #s then i = 0 end
            return i - 1, unpack(results, 1, n)
        end
        function cmsgpack.unpack_one(s, offset)
            return cmsgpack.unpack_limit(s, 1, offset)
        end
        for name, f in next, cmsgpack do cmsgpack[name] = cwrap(f) end


        -- cjson (Lua CJSON 2.1's API as Redis embeds it), in plain Lua: Debian has no lua-cjson for Lua 5.1 here.
        local cjson = {null = raw.null}
        local encode_depth, decode_depth, invalid_numbers = 1000, 1000, false
        local string_format, string_byte, string_char = string.format, string.byte, string.char
        local escapes = {['"'] = '\\"', ['\\'] = '\\\\', ['/'] = '\\/', ['\b'] = '\\b', ['\f'] = '\\f',
            ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t'}
        local function escape(s)
            return '"' .. string_gsub(s, '[%c"\\/]', function(c)
                return escapes[c] or string_format('\\u%04x', string_byte(c))
            end) .. '"'
        end
        local function number_text(n)
            if n ~= n or n == math.huge or n == -math.huge then
                if not invalid_numbers then real_error('Cannot serialise number: must not be NaN or Inf', 0) end
                if n ~= n then return 'nan' end
                return n > 0 and 'inf' or '-inf'
            end
            return string_format('%.14g', n)
        end
        local encode_value
        local function encode_table(t, depth)
            if depth > encode_depth then
                real_error('Cannot serialise, excessive nesting (' .. depth .. ')', 0)
            end
            local max, count, is_array = 0, 0, true
            for k in next, t do
                if type(k) == 'number' and k > 0 and k == floor(k) then
                    if k > max then max = k end
                    count = count + 1
                else
                    is_array = false
                    if type(k) ~= 'string' and type(k) ~= 'number' then
                        real_error('Cannot serialise table: table key must be a number or string', 0)
                    end
                end
            end
            if is_array and max > 10 and max > count * 2 then
                real_error('Cannot serialise table: excessively sparse array', 0)
            end
            local parts = {}
            if is_array and count > 0 then
                for i = 1, max do parts[i] = encode_value(t[i], depth + 1) end
                return '[' .. table.concat(parts, ',') .. ']'
            end
            for k, v in next, t do
                local key = type(k) == 'number' and number_text(k) or k
                parts[#parts + 1] = escape(key) .. ':' .. encode_value(v, depth + 1)
            end
            return '{' .. table.concat(parts, ',') .. '}'
        end
        encode_value = function(v, depth)
            local kind = type(v)
            if kind == 'string' then return escape(v)
            elseif kind == 'number' then return number_text(v)
            elseif kind == 'boolean' then return tostring(v)
            elseif kind == 'nil' or v == cjson.null then return 'null'
            elseif kind == 'table' then return encode_table(v, depth)
            end
            real_error('Cannot serialise ' .. kind .. ': type not supported', 0)
        end
        function cjson.encode(...)
            if select('#', ...) ~= 1 then real_error('bad argument #1 to \'encode\' (expected 1 argument)', 0) end
            return encode_value((...), 1)
        end

        local function decode_error(message, position) real_error(message .. ' at character ' .. position, 0) end
        local function skip(s, i)
            local _, e = string_find(s, '^[ \t\r\n]*', i)
            return e + 1
        end
        local decode_value
        local function decode_string(s, i)
            local parts, j = {}, i + 1
            while true do
                local c = string_sub(s, j, j)
                if c == '' then decode_error('Expected value but found unexpected end of string', j) end
                if c == '"' then return table.concat(parts), j + 1 end
                if c == '\\' then
                    local e = string_sub(s, j + 1, j + 1)
                    local simple = ({b = '\b', f = '\f', n = '\n', r = '\r', t = '\t', ['"'] = '"', ['\\'] = '\\',
                        ['/'] = '/'})[e]
                    if simple then
                        parts[#parts + 1] = simple
                        j = j + 2
                    elseif e == 'u' then
                        local code = tonumber(string_sub(s, j + 2, j + 5), 16)
                        if not code then decode_error('Expected value but found invalid unicode escape code', j) end
                        j = j + 6
                        if code >= 0xD800 and code <= 0xDBFF and string_sub(s, j, j + 1) == '\\u' then
                            local low = tonumber(string_sub(s, j + 2, j + 5), 16)
                            if low and low >= 0xDC00 and low <= 0xDFFF then
                                code = 0x10000 + (code - 0xD800) * 1024 + (low - 0xDC00)
                                j = j + 6
                            end
                        end
                        if code < 0x80 then
                            parts[#parts + 1] = string_char(code)
                        elseif code < 0x800 then
                            parts[#parts + 1] = string_char(0xC0 + floor(code / 64), 0x80 + code % 64)
                        elseif code < 0x10000 then
                            parts[#parts + 1] = string_char(0xE0 + floor(code / 4096), 0x80 + floor(code / 64) % 64,
                                0x80 + code % 64)
                        else
                            parts[#parts + 1] = string_char(0xF0 + floor(code / 262144), 0x80 + floor(code / 4096) % 64,
                                0x80 + floor(code / 64) % 64, 0x80 + code % 64)
                        end
                    else
                        decode_error('Expected value but found invalid escape code', j)
                    end
                else
                    local k = string_find(s, '["\\]', j)
                    if not k then decode_error('Expected value but found unexpected end of string', #s + 1) end
                    parts[#parts + 1] = string_sub(s, j, k - 1)
                    j = k
                end
            end
        end
        decode_value = function(s, i, depth)
            i = skip(s, i)
            local c = string_sub(s, i, i)
            if c == '{' or c == '[' then
                if depth > decode_depth then
                    decode_error('Found too many nested data structures (' .. depth .. ')', i)
                end
                local result, closing = {}, c == '{' and '}' or ']'
                i = skip(s, i + 1)
                if string_sub(s, i, i) == closing then return result, i + 1 end
                local n = 0
                while true do
                    if c == '{' then
                        i = skip(s, i)
                        if string_sub(s, i, i) ~= '"' then
                            decode_error('Expected object key string but found invalid token', i)
                        end
                        local key
                        key, i = decode_string(s, i)
                        i = skip(s, i)
                        if string_sub(s, i, i) ~= ':' then decode_error('Expected colon but found invalid token', i) end
                        result[key], i = decode_value(s, i + 1, depth + 1)
                    else
                        n = n + 1
                        result[n], i = decode_value(s, i, depth + 1)
                    end
                    i = skip(s, i)
                    local d = string_sub(s, i, i)
                    if d == closing then return result, i + 1 end
                    if d ~= ',' then
                        local what = c == '{' and 'object' or 'array'
                        decode_error('Expected comma or ' .. what .. ' end but found invalid token', i)
                    end
                    i = i + 1
                end
            elseif c == '"' then
                return decode_string(s, i)
            end
            local word = string_match(s, '^%a+', i)
            if word == 'true' then return true, i + 4 end
            if word == 'false' then return false, i + 5 end
            if word == 'null' then return cjson.null, i + 4 end
            local number = string_match(s, '^-?%d+%.?%d*[eE]?[-+]?%d*', i)
            if number and tonumber(number) then return tonumber(number), i + #number end
            if c == '' then decode_error('Expected value but found T_END', i) end
            decode_error('Expected value but found invalid token', i)
        end
        function cjson.decode(...)
            if select('#', ...) ~= 1 then real_error('bad argument #1 to \'decode\' (expected 1 argument)', 0) end
            local s = ...
            if type(s) ~= 'string' then
                real_error("bad argument #1 to 'decode' (string expected, got " .. type(s) .. ')', 0)
            end
            local value, i = decode_value(s, 1, 1)
            i = skip(s, i)
            if i <= #s then decode_error('Expected the end but found invalid token', i) end
            return value
        end
        function cjson.encode_max_depth(n) if n then encode_depth = tonumber(n) end return encode_depth end
        function cjson.decode_max_depth(n) if n then decode_depth = tonumber(n) end return decode_depth end
        function cjson.encode_invalid_numbers(v)
            if v ~= nil then invalid_numbers = v and true or false end
            return invalid_numbers
        end
        function cjson.decode_invalid_numbers() return true end
        function cjson.encode_keep_buffer() return true end
        function cjson.encode_number_precision() return 14 end
        function cjson.encode_sparse_array() return false, 2, 10 end
        for name, f in next, cjson do if type(f) == 'function' then cjson[name] = cwrap(f) end end


        local globals = {}
        local env_meta = {}
        local loading = false
        local load_api = {}
        env_meta.__index = function(_, k)
            local v
            if loading then v = load_api[k] else v = globals[k] end
            if v == nil then
                real_error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 2)
            end
            return v
        end
        env_meta.__newindex = readonly_error
        env_meta.__metatable = false
        env = real_setmetatable({}, env_meta)
        protected[env] = true

        local function sandbox_loadstring(s, name)
            if type(s) == 'string' and string_sub(s, 1, 1) == '\27' then
                return nil, 'binary chunks are not allowed'
            end
            local f, err = real_loadstring(s, name)
            if f then real_setfenv(f, env) end
            return f, err
        end
        local function sandbox_load(f, name)
            local parts = {}
            while true do
                local piece = f()
                if piece == nil or piece == '' then break end
                parts[#parts + 1] = piece
            end
            return sandbox_loadstring(table.concat(parts), name)
        end
        -- Lua 5.1's unpack overflows on a huge range; Redis's refuses it.
        local real_unpack = unpack
        local function sandbox_unpack(t, i, j)
            i = tonumber(i) or 1
            j = tonumber(j) or #t
            if i > j then return end
            if j - i + 1 >= 8000 then real_error('too many results to unpack', 0) end
            if i == 1 and j == #t then return real_unpack(t) end
            return real_unpack(t, i, j)
        end
        local function sandbox_setmetatable(t, m)
            if protected[t] then readonly_refusal() end
            return real_setmetatable(t, m)
        end
        local function sandbox_getmetatable(v)
            local m = real_getmetatable(v)
            if m == nil or m == false then
                if protected[v] then return protect({}) end
                return m
            end
            if type(v) ~= 'table' then return protect(m) end
            return m
        end
        local function sandbox_rawset(t, k, v)
            if protected[t] then readonly_refusal() end
            return real_rawset(t, k, v)
        end

        for _, name in next, {'xpcall', 'tostring', 'next', 'assert', 'tonumber', 'rawequal', 'collectgarbage',
                'type', 'select', 'gcinfo', 'pairs', 'rawget', 'ipairs', '_VERSION', 'error'} do
            globals[name] = _G[name]
        end
        globals.setmetatable = cwrap(sandbox_setmetatable)
        globals.getmetatable = cwrap(sandbox_getmetatable)
        globals.rawset = cwrap(sandbox_rawset)
        globals.unpack = cwrap(sandbox_unpack)
        globals.pcall = cwrap(sandbox_pcall)
        globals.loadstring = cwrap(sandbox_loadstring)
        globals.load = cwrap(sandbox_load)
        local string_proxy = protect(string)
        globals.string = string_proxy
        globals.math = protect(math)
        globals.table = protect(table)
        globals.coroutine = protect(coroutine)
        globals.redis = protect(redis)
        globals.bit = protect(bit)
        globals.cjson = protect(cjson)
        globals.cmsgpack = protect(cmsgpack)
        globals._G = env
        -- Strings index the read-only string table; their metatable reads as a read-only copy.
        real_getmetatable('').__index = string_proxy

        -- redis.register_function while FUNCTION LOAD runs a library: registrations wait in `pending`.
        local pending, pending_names = {}, {}
        local flag_names = {['no-writes'] = true, ['allow-oom'] = true, ['allow-stale'] = true,
            ['no-cluster'] = true, ['allow-cross-slot-keys'] = true}
        local function register(...)
            local argc = select('#', ...)
            if argc < 1 or argc > 2 then raise('wrong number of arguments to redis.register_function') end
            local name, callback, flags, description
            if argc == 1 then
                local args = ...
                if type(args) ~= 'table' then
                    raise('calling redis.register_function with a single argument is only applicable to Lua '
                        .. 'table (representing named arguments).')
                end
                flags = {}
                for key, value in next, args do
                    if type(key) ~= 'string' then
                        raise('named argument key given to redis.register_function is not a string')
                    end
                    local lower = string.lower(key)
                    if lower == 'function_name' then
                        if type(value) ~= 'string' then
                            raise('function_name argument given to redis.register_function must be a string')
                        end
                        name = value
                    elseif lower == 'description' then
                        if type(value) ~= 'string' then
                            raise('description argument given to redis.register_function must be a string')
                        end
                        description = value
                    elseif lower == 'callback' then
                        if type(value) ~= 'function' then
                            raise('callback argument given to redis.register_function must be a function')
                        end
                        callback = value
                    elseif lower == 'flags' then
                        if type(value) ~= 'table' then
                            raise('flags argument to redis.register_function must be a table representing '
                                .. 'function flags')
                        end
                        local j = 1
                        while value[j] ~= nil do
                            local flag = value[j]
                            if type(flag) ~= 'string' or not flag_names[string.lower(flag)] then
                                raise('unknown flag given')
                            end
                            flags[#flags + 1] = string.lower(flag)
                            j = j + 1
                        end
                    else
                        raise('unknown argument given to redis.register_function')
                    end
                end
                if name == nil then raise('redis.register_function must get a function name argument') end
                if callback == nil then raise('redis.register_function must get a callback argument') end
            else
                name, callback = ...
                if type(name) ~= 'string' and type(name) ~= 'number' then
                    raise('first argument to redis.register_function must be a string')
                end
                name = tostring(name)
                if type(callback) ~= 'function' then
                    raise('second argument to redis.register_function must be a function')
                end
                flags = {}
            end
            if name == '' or string_find(name, '[^%w_]') then
                raise('Library names can only contain letters, numbers, or underscores(_) and must be at least '
                    .. 'one character long')
            end
            if pending_names[name] then raise('Function already exists in the library') end
            pending_names[name] = true
            pending[#pending + 1] = {name = name, callback = callback, flags = flags, description = description}
        end
        local load_redis = {register_function = cwrap(register), log = cwrap(log)}
        for k, v in next, levels do load_redis[k] = v end
        load_redis.REDIS_VERSION_NUM, load_redis.REDIS_VERSION = redis.REDIS_VERSION_NUM, redis.REDIS_VERSION
        local strict = real_setmetatable({}, {
            __index = function(_, k)
                local v = load_redis[k]
                if v == nil then
                    real_error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 2)
                end
                return v
            end,
            __newindex = readonly_error, __metatable = false})
        protected[strict] = true
        load_api.redis = strict

        local function handler(err)
            local level = 2
            local i = dbg.getinfo(level, 'nSl')
            while i and (i.what == 'C' or i.source == '@archlab_sandbox') do
                level = level + 1
                i = dbg.getinfo(level, 'nSl')
            end
            if type(err) ~= 'table' then err = {err = 'ERR ' .. tostring(err)} end
            if i then
                err.source = i.source
                err.line = i.currentline
            end
            return err
        end

        local scripts = {}
        local functions = {}
        local api = {handler = handler}
        function api.compile(sha, body)
            local f, err = real_loadstring(body, '@user_script')
            if not f then return err end
            real_setfenv(f, env)
            scripts[sha] = f
            return nil
        end
        function api.script(sha, keys, argv)
            globals.KEYS, globals.ARGV = keys, argv
            return scripts[sha]
        end
        function api.has_script(sha) return scripts[sha] ~= nil end
        function api.flush_scripts() scripts = {} end
        -- Runs a library's code with only `redis.register_function` and `redis.log` reachable; a
        -- registration reaches Swift through raw.register, which keeps the callback by name here.
        function api.load_library(code)
            pending, pending_names = {}, {}
            local f, err = real_loadstring(code, '@user_function')
            if not f then return 'compile', err end
            real_setfenv(f, env)
            loading = true
            local ok, e = real_pcall(f)
            loading = false
            if not ok then
                if type(e) == 'table' then e = e.err else e = 'ERR ' .. tostring(e) end
                return 'run', tostring(e)
            end
            return nil
        end
        function api.pending_count() return #pending end
        -- One registration: name, flags joined by spaces, description (or nil).
        function api.pending_at(i)
            local p = pending[tonumber(i)]
            return p.name, table.concat(p.flags, ' '), p.description
        end
        function api.commit(names)
            for _, p in ipairs(pending) do functions[p.name] = p.callback end
            pending, pending_names = {}, {}
        end
        function api.drop_function(name) functions[name] = nil end
        function api.function_named(name) return functions[name] end
        function api.collect() collectgarbage('collect') end
        debug = nil
        return api
        """#
}
