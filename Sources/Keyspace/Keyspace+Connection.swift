import NIOCore
import RESP

extension Keyspace {
    static let wrongPass = "WRONGPASS invalid username-password pair or user is disabled."

    func ping(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        if argv.count > 2 {
            out.writeRESPError("ERR wrong number of arguments for 'ping' command")
        } else if argv.count == 2 {
            out.writeRESPBulk(argv[1].readableBytesView)
        } else {
            out.writeRESPSimpleString("PONG")
        }
    }

    /// Checks a user/password pair against the only user, `default`; a keyspace without
    /// `requirepass` accepts any password for it, as Redis's `nopass` default user does.
    func authenticate(user: String, password: String) -> Bool {
        guard user == "default" else { return false }
        guard let required = configuration.requirepass else { return true }
        return required == password
    }

    func auth(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        if argv.count > 3 {
            out.writeRESPError(Self.syntaxError)
            return
        }
        if argv.count == 2 && configuration.requirepass == nil {
            out.writeRESPError(
                """
                    ERR AUTH <password> called without any password configured for the default user. Are you sure your \
                    configuration is correct?
                    """
            )
            return
        }
        let user = argv.count == 2 ? "default" : argv[1].text
        if authenticate(user: user, password: argv[argv.count - 1].text) {
            s.authenticated = true
            out.writeRESPSimpleString("OK")
        } else {
            out.writeRESPError(Self.wrongPass)
        }
    }

    func hello(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        var version: RESPVersion?
        if argv.count >= 2 {
            guard let requested = parseRedisInteger(argv[1].readableBytesView) else {
                out.writeRESPError("ERR Protocol version is not an integer or out of range")
                return
            }
            guard let known = RESPVersion(rawValue: Int(clamping: requested)) else {
                out.writeRESPError("NOPROTO unsupported protocol version")
                return
            }
            version = known
        }
        var credentials: (String, String)?
        var newName: ByteBuffer?
        var j = 2
        while j < argv.count {
            let more = argv.count - 1 - j
            if argv[j].equalsIgnoringCase("auth") && more >= 2 {
                credentials = (argv[j + 1].text, argv[j + 2].text)
                j += 2
            } else if argv[j].equalsIgnoringCase("setname") && more >= 1 {
                guard isValidClientName(argv[j + 1]) else {
                    out.writeRESPError("ERR Client names cannot contain spaces, newlines or special characters.")
                    return
                }
                newName = argv[j + 1]
                j += 1
            } else {
                out.writeRESPError(sanitize("ERR Syntax error in HELLO option '\(argv[j].text)'"))
                return
            }
            j += 1
        }
        if let (user, password) = credentials {
            guard authenticate(user: user, password: password) else {
                out.writeRESPError(Self.wrongPass)
                return
            }
            s.authenticated = true
        }
        guard s.authenticated else {
            out.writeRESPError(
                """
                    NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> \
                    <pass> option can be used to authenticate the client and select the RESP protocol version at the \
                    same time
                    """
            )
            return
        }
        if let newName { s.name = newName.readableBytes == 0 ? nil : newName.text }
        if let version { s.protocolVersion = version }
        out.writeRESPMapHeader(7, s.protocolVersion)
        out.writeRESPBulk("server")
        out.writeRESPBulk("redis")
        out.writeRESPBulk("version")
        out.writeRESPBulk(Self.redisVersion)
        out.writeRESPBulk("proto")
        out.writeRESPInteger(Int64(s.protocolVersion.rawValue))
        out.writeRESPBulk("id")
        out.writeRESPInteger(s.id)
        out.writeRESPBulk("mode")
        out.writeRESPBulk("standalone")
        out.writeRESPBulk("role")
        out.writeRESPBulk("master")
        out.writeRESPBulk("modules")
        out.writeRESPArrayHeader(0)
    }

    /// Redis's rule for client names: printable ASCII without spaces.
    func isValidClientName(_ name: ByteBuffer) -> Bool {
        name.readableBytesView.allSatisfy { $0 >= UInt8(ascii: "!") && $0 <= UInt8(ascii: "~") }
    }

    func client(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let sub = argv[1]
        if sub.equalsIgnoringCase("id") {
            out.writeRESPInteger(s.id)
        } else if sub.equalsIgnoringCase("getname") {
            if let name = s.name { out.writeRESPBulk(name) } else { out.writeRESPNullBulk(s.protocolVersion) }
        } else if sub.equalsIgnoringCase("setname") {
            guard isValidClientName(argv[2]) else {
                out.writeRESPError("ERR Client names cannot contain spaces, newlines or special characters.")
                return
            }
            s.name = argv[2].readableBytes == 0 ? nil : argv[2].text
            out.writeRESPSimpleString("OK")
        } else if sub.equalsIgnoringCase("setinfo") {
            clientSetInfo(argv, s, &out)
        } else if sub.equalsIgnoringCase("info") {
            out.writeRESPBulk(clientInfoLine(s) + "\n")
        } else if sub.equalsIgnoringCase("list") {
            out.writeRESPBulk(clientInfoLine(s) + "\n")
        } else if sub.equalsIgnoringCase("unblock") {
            clientUnblock(argv, s, &out)
        } else if sub.equalsIgnoringCase("reply") {
            clientReply(argv, s, &out)
        } else {
            out.writeRESPArrayHeader(Self.clientHelp.count)
            for line in Self.clientHelp { out.writeRESPSimpleString(line) }
        }
    }

    private func clientSetInfo(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let value = argv[3]
        let isLibName = argv[2].equalsIgnoringCase("lib-name")
        guard isLibName || argv[2].equalsIgnoringCase("lib-ver") else {
            out.writeRESPError(sanitize("ERR Unrecognized option '\(argv[2].text)'"))
            return
        }
        guard isValidClientName(value) else {
            out.writeRESPError(
                "ERR \(isLibName ? "lib-name" : "lib-ver") cannot contain spaces, newlines or special characters.")
            return
        }
        let text = value.readableBytes == 0 ? nil : value.text
        if isLibName { s.libraryName = text } else { s.libraryVersion = text }
        out.writeRESPSimpleString("OK")
    }

    private func clientInfoLine(_ s: ClientSession) -> String {
        """
            id=\(s.id) addr=? laddr=? fd=-1 name=\(s.name ?? "") age=0 idle=0 flags=\(s.inMulti ? "x" : "N") \
            db=\(s.database) 
            """
            + """
                sub=0 psub=0 ssub=0 multi=\(s.inMulti ? s.multiQueue.count : -1) qbuf=0 qbuf-free=0 argv-mem=0 \
                multi-mem=0 
                """
            + """
                rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=client|info user=default redir=-1 \
                resp=\(s.protocolVersion.rawValue) 
                """
            + "lib-name=\(s.libraryName ?? "") lib-ver=\(s.libraryVersion ?? "")"
    }

    static let clientHelp = [
        "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "GETNAME", "    Return the name of the current connection.",
        "ID", "    Return the ID of the current connection.",
        "INFO", "    Return information about the current client connection.",
        "LIST", "    Return information about client connections.",
        "SETINFO <option> <value>", "    Set client meta attr. Options are LIB-NAME and LIB-VER.",
        "SETNAME <name>", "    Assign the name <name> to the current connection.",
        "HELP", "    Print this help.",
    ]
}
