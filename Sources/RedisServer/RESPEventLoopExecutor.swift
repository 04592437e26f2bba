import NIOCore
import NIOPosix

/// One event loop that a client's connections and the tasks using them share. A task that
/// prefers this executor (`group.addTask(executorPreference: loop)`) runs on the loop's own
/// thread: its command is written without waking another thread, and its reply resumes it in
/// the same turn of the loop, as a C client such as redis-benchmark runs. Without it, every
/// round trip costs two thread hops (task → loop → task), more than Redis spends on the command.
public final class RESPEventLoopExecutor: TaskExecutor {
    private let loop: any EventLoop

    /// The next loop of NIO's shared group.
    public init() {
        loop = MultiThreadedEventLoopGroup.singleton.next()
    }

    /// A connection on this loop.
    public func connect(to url: String) async throws -> RESPClient {
        try await RESPClient.connect(to: url, group: loop)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}
