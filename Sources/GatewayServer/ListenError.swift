import Foundation
import NIOCore

/// Why the HTTP server could not listen, in one line naming the address, e.g.
/// `cannot listen on 127.0.0.1:8080: the address is already in use`.
public struct ListenError: Error, Sendable, CustomStringConvertible {
    private enum Reason: Sendable {
        case inUse
        case notPermitted
        case unavailable
        case other(String)
    }

    /// The host that was asked for.
    public let host: String
    /// The port that was asked for.
    public let port: Int
    private let reason: Reason

    init(host: String, port: Int, underlying: any Error) {
        self.host = host
        self.port = port
        if let io = underlying as? IOError {
            switch io.errnoCode {
            case EADDRINUSE: reason = .inUse
            case EACCES, EPERM: reason = .notPermitted
            case EADDRNOTAVAIL: reason = .unavailable
            default: reason = .other(String(cString: strerror(io.errnoCode)).lowercased())
            }
        } else {
            reason = .other("\(underlying)")
        }
    }

    /// True when another process already listens there, so another port is the fix.
    public var isAddressInUse: Bool {
        if case .inUse = reason { return true }
        return false
    }

    /// What went wrong, without the address: `the address is already in use`.
    public var explanation: String {
        switch reason {
        case .inUse: return "the address is already in use"
        case .notPermitted: return "permission denied (ports below 1024 need privileges)"
        case .unavailable: return "that address does not belong to this machine"
        case .other(let text): return text
        }
    }

    public var description: String {
        let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        return "cannot listen on \(address): \(explanation)"
    }
}
