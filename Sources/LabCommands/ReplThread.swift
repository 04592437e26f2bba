import Foundation

/// Runs the REPL loop on a thread of its own, so lab commands may block it while async work runs
/// on the cooperative pool (blocking a pool thread instead can deadlock on a small machine).
public enum ReplThread {
    private final class Box<Value>: @unchecked Sendable {
        let body: () -> Value
        init(_ body: @escaping () -> Value) { self.body = body }
    }

    /// Calls `body` on a new thread with an 8 MiB stack and returns what it returned.
    public static func run<Value: Sendable>(_ body: @escaping () -> Value) async -> Value {
        let box = Box(body)
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: box.body())
            }
            thread.name = "archlab-repl"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
