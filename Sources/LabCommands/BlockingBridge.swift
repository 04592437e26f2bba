import Foundation

/// Runs async lab work from a synchronous REPL handler: the work runs in a detached task while the
/// calling thread (the REPL's own thread, never a cooperative-pool thread) waits on a semaphore.
enum BlockingBridge {
    private final class Box<Value>: @unchecked Sendable {
        var result: Result<Value, any Error>?
    }

    /// Waits for `work` and returns its value or rethrows its error.
    static func wait<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) throws -> Value {
        let box = Box<Value>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                box.result = .success(try await work())
            } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        done.wait()
        guard let result = box.result else {
            throw ReplLabError.internalFailure("the lab task finished without a result")
        }
        return try result.get()
    }
}
