import CourseKit

/// Step 8's handler, as ArchLab's gateway runs a request (`ServerSwift.stages(step: 8)`, `ChatResponder`): which
/// services a request meets, in order, with fake services whose answers the arguments give. Identify → limit (a
/// refusal stops there with 429) → exact cache (a hit stops) → semantic cache (a hit stops) → model; a complete
/// answer is stored in both caches, an aborted stream or a model error (502) in neither.
final class HandlerReference: ExerciseReference {
    func expected(call: String, args: [String: ExerciseValue]) throws(ReferenceError) -> ExerciseValue {
        guard case .bool(let allowed)? = args["limit_allowed"] else {
            throw ReferenceError(description: "argument `limit_allowed` must be true or false")
        }
        let apiKey = args["api_key"]?.string ?? ""
        let caller = apiKey.isEmpty ? "ip:" + (args["peer"]?.string ?? "203.0.113.7") : "key:" + apiKey
        let headers = HTTPResponseReference.headers(
            allowed: allowed, limit: try args.int("limit_max"), remaining: try args.int("limit_remaining"),
            resetMs: try args.int("limit_reset_ms"), nowMs: try args.int("now_ms"))
        var calls: [ExerciseValue] = [.string("identify"), .string("limit")]
        var result: [String: ExerciseValue] = ["headers": headers, "limited_caller": .string(caller)]
        func finish(status: Int, body: String?, sent: String, stores: [String]) -> ExerciseValue {
            result["status"] = .number(Double(status))
            if let body { result["body"] = .string(body) }
            result["sent"] = .string(sent)
            result["calls"] = .array(calls)
            result["stores"] = .array(stores.sorted().map(ExerciseValue.string))
            return .object(result)
        }
        guard allowed else { return finish(status: 429, body: nil, sent: "", stores: []) }
        let stream = args["stream"] == .bool(true)
        calls.append(.string("exact.lookup"))
        if let hit = args["exact_hit"]?.string {
            return finish(status: 200, body: hit, sent: stream ? hit : "", stores: [])
        }
        calls.append(.string("semantic.lookup"))
        if let hit = args["semantic_hit"]?.string {
            return finish(status: 200, body: hit, sent: stream ? hit : "", stores: [])
        }
        calls.append(.string(stream ? "model.stream" : "model.complete"))
        if args["model_fails"] == .bool(true) { return finish(status: 502, body: nil, sent: "", stores: []) }
        var chunks: [String] = []
        if case .array(let values)? = args["model_chunks"] { chunks = values.compactMap(\.string) }
        let text = chunks.joined()
        if stream, args["model_aborts"] == .bool(true) {
            return finish(status: 502, body: nil, sent: text, stores: [])
        }
        return finish(
            status: 200, body: text, sent: stream ? text : "",
            stores: ["exact.store:" + text, "semantic.store:" + text])
    }
}
