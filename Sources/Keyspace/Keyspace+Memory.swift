import NIOCore
import RESP

/// MEMORY USAGE and MEMORY HELP: a key's footprint as `used_memory` counts it.
extension Keyspace {
    func memory(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        if argv[1].equalsIgnoringCase("help") {
            let help = [
                "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "USAGE <key> [SAMPLES <count>]",
                "    Return memory in bytes used by <key> and its value. Nested values are",
                "    sampled up to <count> times (default: 5, 0 means sample all).",
                "HELP",
                "    Print this help.",
            ]
            out.writeRESPArrayHeader(help.count)
            for line in help { out.writeRESPSimpleString(line) }
            return
        }
        // MEMORY USAGE key [SAMPLES count]: the options are checked before the key is looked up.
        var index = 3
        while index < argv.count {
            guard argv[index].equalsIgnoringCase("samples"), index + 1 < argv.count else {
                out.writeRESPError("ERR syntax error")
                return
            }
            guard let samples = parseRedisInteger(Array(argv[index + 1].readableBytesView)) else {
                out.writeRESPError("ERR value is not an integer or out of range")
                return
            }
            if samples < 0 {
                out.writeRESPError("ERR syntax error")
                return
            }
            index += 2
        }
        // As Redis: a plain dictionary lookup (no expiry check, no hit or miss counted). Every value
        // is measured whole, since its size is kept up to date as it changes; SAMPLES changes nothing.
        let db = databases[s.database]
        guard let position = db.position(of: KeyBytes(argv[2])) else {
            out.writeRESPNullBulk(s.protocolVersion)
            return
        }
        out.writeRESPInteger(Int64(MemoryCost.of(db.entry(at: position))))
    }
}
