import Foundation

/// Runs blocking I/O (a socket read) on a thread of its own and awaits it, so the cooperative pool
/// stays free for the in-process servers the I/O talks to (on a 1-core machine the pool has one thread).
enum BlockingIO {
    /// Calls `body` on a new thread and returns its value or rethrows its error.
    static func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.name = "archlab-blocking-io"
            thread.start()
        }
    }
}
