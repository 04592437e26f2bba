import Foundation

/// Builds an `Exercise` from an `exercise.toml`, reporting every field problem and every rule an exercise
/// breaks on its own (the lesson and node references are checked by `CourseChecks`).
enum ExerciseParser {
    static func parse(text: String, directory: URL, relativePath: String, diagnostics: FileDiagnostics) -> Exercise? {
        guard let table = SourceFile.parseTOML(text, diagnostics: diagnostics) else { return nil }
        var root = TOMLFields(table: table, path: "", diagnostics: diagnostics)
        let id = root.string("id")
        let title = root.string("title")
        let summary = root.string("summary", required: false)
        let lesson = root.string("lesson")
        let kind = root.string("kind", required: false)
        let isCapstone = kind == "capstone"
        if let kind, !isCapstone, kind != "exercise" {
            diagnostics.report("invalid-value", "`kind` must be `exercise` or `capstone`", at: "kind")
        }
        let file = isCapstone ? "" : root.string("file")
        let hints = root.stringArray("hints") ?? []
        let calls = root.stringArray("calls", required: !isCapstone) ?? []
        let caseTables = root.tables("case", required: !isCapstone)
        let randomTables = root.tables("random")
        var capstone: CapstoneSpec?
        if isCapstone {
            let table = root.table("capstone", required: true)
            capstone = parseCapstone(table, directory: directory, diagnostics: diagnostics)
        }
        root.reportUnknownKeys()
        if let id { IDRules.check(id, what: "exercise id", at: "id", diagnostics: diagnostics) }
        if let file, !isCapstone { checkFile(file, directory: directory, diagnostics: diagnostics) }
        if let array = table["hints"]?.array, array.isEmpty {
            diagnostics.report("invalid-value", "`hints` must hold at least one hint", at: "hints")
        }
        let known = Set(calls)
        var names: Set<String> = []
        var cases: [ExerciseCase] = []
        for var fields in caseTables {
            guard let parsed = parseCase(&fields, calls: known, diagnostics: diagnostics) else { continue }
            if !names.insert(parsed.name).inserted {
                diagnostics.report("duplicate-id", "duplicate case name `\(parsed.name)`", at: fields.path + ".name")
            }
            cases.append(parsed)
        }
        var randoms: [ExerciseRandom] = []
        for var fields in randomTables {
            guard let parsed = parseRandom(&fields, calls: known, diagnostics: diagnostics) else { continue }
            if !names.insert(parsed.name).inserted {
                diagnostics.report("duplicate-id", "duplicate case name `\(parsed.name)`", at: fields.path + ".name")
            }
            randoms.append(parsed)
        }
        guard let id, let lesson, let file else { return nil }
        if isCapstone, capstone == nil { return nil }
        return Exercise(
            id: id, title: title ?? id, lesson: lesson, file: file, hints: hints, calls: calls, cases: cases,
            randoms: randoms, directory: directory, relativePath: relativePath, summary: summary,
            capstone: capstone)
    }

    /// `[capstone]`: `scenario`, `seed`, `min_agreement` (0…1), optional `tenants` and `[capstone.parameters]`;
    /// the folder's `harness/` must hold the adapter.
    private static func parseCapstone(
        _ table: TOMLFields?, directory: URL, diagnostics: FileDiagnostics
    ) -> CapstoneSpec? {
        guard var fields = table else { return nil }
        let scenario = fields.string("scenario")
        let seed = fields.int("seed")
        let minAgreement = fields.number("min_agreement")
        let tenants = fields.int("tenants", required: false) ?? 1
        var parameters: [String: String] = [:]
        if var given = fields.table("parameters") {
            for key in given.table.keys.sorted() {
                if let value = given.string(key) { parameters[key] = value }
            }
            given.reportUnknownKeys()
        }
        fields.reportUnknownKeys()
        if let seed, seed < 0 {
            diagnostics.report("invalid-value", "`seed` must not be negative", at: fields.path + ".seed")
        }
        if let minAgreement, !(0...1).contains(minAgreement) {
            diagnostics.report(
                "invalid-value", "`min_agreement` must be from 0 to 1", at: fields.path + ".min_agreement")
        }
        if !(1...100).contains(tenants) {
            diagnostics.report("invalid-value", "`tenants` must be from 1 to 100", at: fields.path + ".tenants")
        }
        let adapters =
            (try? FileManager.default.contentsOfDirectory(
                atPath: directory.appendingPathComponent("harness").path)) ?? []
        if !adapters.contains(where: { $0.hasSuffix("Calls.swift") }) {
            diagnostics.report("missing-file", "`harness/` holds no adapter file (`…Calls.swift`)", at: fields.path)
        }
        guard let scenario, let seed, let minAgreement else { return nil }
        return CapstoneSpec(
            scenario: scenario, seed: UInt64(max(0, seed)), minAgreement: min(1, max(0, minAgreement)),
            parameters: parameters, tenants: min(100, max(1, tenants)))
    }

    /// The learner's file: a plain `.swift` name present in both `starter/` and `solution/`.
    private static func checkFile(_ file: String, directory: URL, diagnostics: FileDiagnostics) {
        guard file.hasSuffix(".swift"), !file.contains("/"), !file.hasPrefix("."), file.count > 6 else {
            diagnostics.report(
                "invalid-value", "`file` must be a Swift file name such as `TokenBucket.swift`", at: "file")
            return
        }
        for folder in ["starter", "solution"] {
            let path = directory.appendingPathComponent(folder).appendingPathComponent(file).path
            if !FileManager.default.fileExists(atPath: path) {
                diagnostics.report("missing-file", "`\(folder)/\(file)` does not exist", at: "file")
            }
        }
        let adapters =
            (try? FileManager.default.contentsOfDirectory(
                atPath: directory.appendingPathComponent("harness").path)) ?? []
        if !adapters.contains(where: { $0.hasSuffix("Calls.swift") }) {
            diagnostics.report("missing-file", "`harness/` holds no adapter file (`…Calls.swift`)", at: "file")
        }
    }

    private static func parseCase(
        _ fields: inout TOMLFields, calls: Set<String>, diagnostics: FileDiagnostics
    ) -> ExerciseCase? {
        let name = fields.string("name")
        let hint = fields.string("hint")
        let shared = fields.table("args").map(objectFields) ?? [:]
        let stepTables = fields.tables("step", required: true)
        let redisFields = fields.table("redis")
        let comparison = parseComparison(&fields, diagnostics: diagnostics)
        fields.reportUnknownKeys()
        var steps: [ExerciseStep] = []
        for var step in stepTables {
            let call = step.string("call")
            let own = step.table("args", required: shared.isEmpty).map(objectFields) ?? [:]
            let args = shared.merging(own) { $1 }
            let expect = step.anyValue("expect")
            let reference = step.string("reference", required: false)
            step.reportUnknownKeys()
            guard let call else { continue }
            if !calls.contains(call) {
                diagnostics.report("unknown-call", "call `\(call)` is not listed in `calls`", at: step.path + ".call")
            }
            if (expect == nil) == (reference == nil) {
                diagnostics.report(
                    "invalid-value", "a step needs exactly one of `expect` and `reference`", at: step.path)
            }
            steps.append(ExerciseStep(call: call, args: args, expect: expect, reference: reference))
        }
        if fields.has("step"), stepTables.isEmpty {
            diagnostics.report("invalid-value", "the case has no steps", at: fields.path)
        }
        var redis: RedisExpectation?
        if var inspect = redisFields {
            let keyReference = inspect.string("key_reference")
            let keyCall = inspect.string("key_call")
            let ttl = inspect.int("ttl", required: false)
            let value = inspect.string("value", required: false)
            inspect.reportUnknownKeys()
            if let keyReference, let keyCall {
                redis = RedisExpectation(keyReference: keyReference, keyCall: keyCall, ttl: ttl, value: value)
            }
        }
        guard let name, let hint else { return nil }
        return ExerciseCase(
            name: name, hint: hint, steps: steps, redis: redis,
            line: diagnostics.locator.position(of: fields.path).line, comparison: comparison)
    }

    private static func parseRandom(
        _ fields: inout TOMLFields, calls: Set<String>, diagnostics: FileDiagnostics
    ) -> ExerciseRandom? {
        let name = fields.string("name")
        let generator = fields.string("generator")
        let seed = fields.int("seed")
        let count = fields.int("count")
        let call = fields.string("call")
        let reference = fields.string("reference")
        let hint = fields.string("hint")
        let params = fields.table("params").map(objectFields) ?? [:]
        let comparison = parseComparison(&fields, diagnostics: diagnostics)
        fields.reportUnknownKeys()
        if let seed, seed < 0 {
            diagnostics.report("invalid-value", "`seed` must not be negative", at: fields.path + ".seed")
        }
        if let count, !(1...1_000_000).contains(count) {
            diagnostics.report("invalid-value", "`count` must be from 1 to 1000000", at: fields.path + ".count")
        }
        if let call, !calls.contains(call) {
            diagnostics.report("unknown-call", "call `\(call)` is not listed in `calls`", at: fields.path + ".call")
        }
        guard let name, let generator, let seed, let count, let call, let reference, let hint else { return nil }
        return ExerciseRandom(
            name: name, generator: generator, seed: UInt64(max(0, seed)), count: max(1, count), call: call,
            reference: reference, hint: hint, params: params,
            line: diagnostics.locator.position(of: fields.path).line, comparison: comparison)
    }

    /// `compare = "exact" | "cents"` or `tolerance = <non-negative number>`, at most one of them; exact by default.
    private static func parseComparison(
        _ fields: inout TOMLFields, diagnostics: FileDiagnostics
    ) -> ExerciseComparison {
        let compare = fields.string("compare", required: false)
        let tolerance = fields.number("tolerance", required: false)
        if compare != nil, tolerance != nil {
            diagnostics.report(
                "invalid-value", "give `compare` or `tolerance`, not both", at: fields.path + ".tolerance")
        }
        if let tolerance {
            guard tolerance >= 0, tolerance.isFinite else {
                diagnostics.report(
                    "invalid-value", "`tolerance` must be a non-negative number", at: fields.path + ".tolerance")
                return .exact
            }
            return .tolerance(tolerance)
        }
        switch compare {
        case nil, "exact": return .exact
        case "cents": return .cents
        case let other?:
            diagnostics.report(
                "invalid-value", "`compare` must be \"exact\" or \"cents\", not \"\(other)\"",
                at: fields.path + ".compare")
            return .exact
        }
    }

    /// Every field of a table as exercise values, all marked read.
    private static func objectFields(_ fields: TOMLFields) -> [String: ExerciseValue] {
        var copy = fields
        var result: [String: ExerciseValue] = [:]
        for key in fields.table.keys { result[key] = copy.anyValue(key) }
        return result
    }
}
