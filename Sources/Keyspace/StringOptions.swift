import NIOCore
import RESP

/// The options of SET and GETEX after parsing, with the expiry already made absolute (Unix ms).
struct StringOptions {
    var nx = false
    var xx = false
    var get = false
    var keepTTL = false
    var persist = false
    var expireAt: Int64?
    /// The unvalidated time argument and its unit, when validation is deferred (GETEX).
    var pendingExpire: (argument: ByteBuffer, milliseconds: Bool, absolute: Bool)?
}

enum ParseResult<T> {
    case success(T)
    case failure(String)
}

extension Keyspace {
    private enum ExpireUnit { case ex, px, exat, pxat }

    /// Parses `[NX|XX] [GET] [EX|PX|EXAT|PXAT n|KEEPTTL]` (SET) or `[EX|PX|EXAT|PXAT n|PERSIST]`
    /// (GETEX) with Redis's rules: conflicts are syntax errors, then the time is validated.
    func parseStringOptions(
        _ argv: [ByteBuffer], from start: Int, forSet: Bool, name: String, validateTime: Bool = true
    ) -> ParseResult<StringOptions> {
        var options = StringOptions()
        var unit: ExpireUnit?
        var expireArgument: ByteBuffer?
        var j = start
        while j < argv.count {
            let option = argv[j]
            let hasNext = j + 1 < argv.count
            let timeFree = !options.keepTTL && !options.persist
            if forSet && option.equalsIgnoringCase("nx") && !options.xx {
                options.nx = true
            } else if forSet && option.equalsIgnoringCase("xx") && !options.nx {
                options.xx = true
            } else if forSet && option.equalsIgnoringCase("get") {
                options.get = true
            } else if forSet && option.equalsIgnoringCase("keepttl") && unit == nil {
                options.keepTTL = true
            } else if !forSet && option.equalsIgnoringCase("persist") && unit == nil {
                options.persist = true
            } else if option.equalsIgnoringCase("ex") && timeFree && (unit == nil || unit == .ex) && hasNext {
                unit = .ex; expireArgument = argv[j + 1]; j += 1
            } else if option.equalsIgnoringCase("px") && timeFree && (unit == nil || unit == .px) && hasNext {
                unit = .px; expireArgument = argv[j + 1]; j += 1
            } else if option.equalsIgnoringCase("exat") && timeFree && (unit == nil || unit == .exat) && hasNext {
                unit = .exat; expireArgument = argv[j + 1]; j += 1
            } else if option.equalsIgnoringCase("pxat") && timeFree && (unit == nil || unit == .pxat) && hasNext {
                unit = .pxat; expireArgument = argv[j + 1]; j += 1
            } else {
                return .failure(Self.syntaxError)
            }
            j += 1
        }
        if let unit, let expireArgument {
            let milliseconds = unit == .px || unit == .pxat
            let absolute = unit == .exat || unit == .pxat
            if !validateTime {
                options.pendingExpire = (expireArgument, milliseconds, absolute)
                return .success(options)
            }
            switch expireTime(expireArgument, milliseconds: milliseconds, absolute: absolute, name: name) {
            case .failure(let message): return .failure(message)
            case .success(let at): options.expireAt = at
            }
        }
        return .success(options)
    }

    /// Redis's `getExpireMillisecondsOrReply`: a positive integer, converted to absolute Unix ms
    /// without overflow, else "invalid expire time in '<name>' command".
    func expireTime(_ argument: ByteBuffer, milliseconds: Bool, absolute: Bool, name: String) -> ParseResult<Int64> {
        guard var value = parseRedisInteger(argument.readableBytesView) else { return .failure(Self.notInteger) }
        let invalid = ParseResult<Int64>.failure("ERR invalid expire time in '\(name)' command")
        if value <= 0 || (!milliseconds && value > Int64.max / 1000) { return invalid }
        if !milliseconds { value *= 1000 }
        if !absolute {
            if value > Int64.max - now { return invalid }
            value += now
        }
        return .success(value)
    }
}
