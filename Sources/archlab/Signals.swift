import Dispatch
import Foundation

/// Clean shutdown for the long-running commands (`serve`, `redis-server`).
enum Signals {
    /// Returns the name of the first SIGINT or SIGTERM received; from the call on, those
    /// signals no longer kill the process, so the caller can close connections first.
    static func waitForTermination() async -> String {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let sources = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(name) }
            source.resume()
            return source
        }
        var received = "cancellation"
        for await name in stream {
            received = name
            break
        }
        sources.forEach { $0.cancel() }
        return received
    }
}
