// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
import Foundation

// The protocol (docs/exercises.md): one JSON object per line in, one per line out, on the original stdout.
// Anything the learner's code prints goes to stderr, so it cannot break a reply.
let replies = FileHandle(fileDescriptor: dup(1), closeOnDealloc: false)
dup2(2, 1)

func reply(_ object: [String: Any]) {
    let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data(#"{"error":"unencodable result"}"#.utf8)
    replies.write(data + Data([10]))
}

var adapters: [any HarnessAdapter] = HarnessRegistry.adapters.map { $0.init() }
while let line = readLine() {
    guard let request = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
        let id = request["id"] as? Int, let call = request["call"] as? String
    else {
        reply(["id": NSNull(), "error": "malformed request"])
        continue
    }
    if call == "harness.reset" {
        adapters = HarnessRegistry.adapters.map { $0.init() }
        reply(["id": id, "ok": true])
        continue
    }
    let namespace = String(call.prefix { $0 != "." })
    guard let adapter = adapters.first(where: { type(of: $0).namespace == namespace }), call.count > namespace.count + 1
    else {
        reply(["id": id, "error": "unknown call \(call)"])
        continue
    }
    do {
        let args = HarnessArgs(values: request["args"] as? [String: Any] ?? [:])
        let result = try adapter.call(String(call.dropFirst(namespace.count + 1)), args)
        reply(["id": id, "ok": result])
    } catch {
        reply(["id": id, "error": "\(error)"])
    }
}
