import CourseKit
import Foundation

/// Runs one test (a named case or a random block) through a running harness.
struct TestRunner {
    let harness: HarnessProcess
    let redis: CheckRedis
    let timeLimit: Int
    /// The exercise's solution run through its own harness, when a test names `reference = "solution"`.
    var solution: SolutionReference?

    /// The reference named `name`: the solution's harness for `solution`, else a fresh in-process one.
    func reference(_ name: String) -> (any ExerciseReference)? {
        name == SolutionReference.name ? solution : ExerciseReferences.make(name)
    }

    /// A named case: fresh harness state, a clean Redis, each step compared, then Redis inspected.
    mutating func run(_ test: ExerciseCase) async throws(ExerciseError) -> TestResult {
        let deadline = Date().addingTimeInterval(TimeInterval(timeLimit))
        try await redis.flush()
        if let failure = reset(deadline: deadline, hint: test.hint) { return failed(test.name, failure) }
        var references: [String: any ExerciseReference] = [:]
        for step in test.steps {
            let reply = harness.call(step.call, args: step.args, deadline: deadline)
            let inputs = Self.inputs(step.call, step.args)
            guard case .ok(let got) = reply else {
                return failed(test.name, failure(reply, inputs: inputs, hint: test.hint))
            }
            let expected: ExerciseValue
            if let expect = step.expect {
                expected = expect
            } else {
                let name = step.reference ?? ""
                let reference = references[name] ?? self.reference(name)
                references[name] = reference
                do {
                    guard let reference else { throw ReferenceError(description: "unknown reference `\(name)`") }
                    expected = try await reference.result(call: step.call, args: step.args)
                } catch {
                    return failed(
                        test.name,
                        TestFailure(
                            message: "the reference cannot run this step: \(error)", inputs: inputs, expected: nil,
                            got: nil,
                            hint: test.hint))
                }
            }
            if !test.comparison.isMet(expected, by: got) {
                return failed(
                    test.name,
                    TestFailure(
                        message: "expected \(expected.json)\(test.comparison.note), got \(got.json)", inputs: inputs,
                        expected: expected.json + test.comparison.note, got: got.json, hint: test.hint))
            }
        }
        if let inspect = test.redis, let first = test.steps.first {
            if let failure = try await inspectRedis(inspect, args: first.args, hint: test.hint) {
                return failed(test.name, failure)
            }
        }
        return TestResult(name: test.name, status: .passed, failure: nil)
    }

    /// A random block: every generated input through the harness and the reference, decision by decision.
    mutating func run(_ block: ExerciseRandom) async throws(ExerciseError) -> TestResult {
        let deadline = Date().addingTimeInterval(TimeInterval(timeLimit))
        try await redis.flush()
        if let failure = reset(deadline: deadline, hint: block.hint) { return failed(block.name, failure) }
        guard let reference = self.reference(block.reference), let inputs = ExerciseGenerators.inputs(block)
        else {
            return failed(
                block.name,
                TestFailure(
                    message: "unknown reference or generator", inputs: nil, expected: nil, got: nil, hint: block.hint))
        }
        for (index, args) in inputs.enumerated() {
            let shown = Self.inputs(block.call, args)
            let reply = harness.call(block.call, args: args, deadline: deadline)
            guard case .ok(let got) = reply else {
                return failed(block.name, failure(reply, inputs: shown, hint: block.hint))
            }
            let expected: ExerciseValue
            do {
                expected = try await reference.result(call: block.call, args: args)
            } catch {
                return failed(
                    block.name,
                    TestFailure(
                        message: "the reference cannot run this input: \(error)", inputs: shown, expected: nil,
                        got: nil,
                        hint: block.hint))
            }
            if !block.comparison.isMet(expected, by: got) {
                return failed(
                    block.name,
                    TestFailure(
                        message:
                            "decision \(index + 1) of \(inputs.count) differs: "
                            + "expected \(expected.json)\(block.comparison.note), got \(got.json)",
                        inputs: shown, expected: expected.json + block.comparison.note, got: got.json,
                        hint: block.hint))
            }
        }
        return TestResult(name: block.name, status: .passed, failure: nil)
    }

    private func reset(deadline: Date, hint: String) -> TestFailure? {
        do {
            try solution?.reset(deadline: deadline)
        } catch {
            return TestFailure(message: "\(error)", inputs: nil, expected: nil, got: nil, hint: hint)
        }
        let reply = harness.call("harness.reset", args: [:], deadline: deadline)
        if case .ok = reply { return nil }
        return failure(reply, inputs: nil, hint: hint)
    }

    private func inspectRedis(
        _ inspect: RedisExpectation, args: [String: ExerciseValue], hint: String
    )
        async throws(ExerciseError) -> TestFailure?
    {
        guard let reference = ExerciseReferences.make(inspect.keyReference),
            case .string(let key)? = try? await reference.result(call: inspect.keyCall, args: args)
        else {
            return TestFailure(
                message: "cannot compute the expected key", inputs: nil, expected: nil, got: nil, hint: hint)
        }
        let state = try await redis.inspect(key: key)
        let shownKey = "key \(key)"
        guard let value = state.value else {
            return TestFailure(
                message: "Redis has no value at the expected key", inputs: shownKey,
                expected: inspect.value.map { "a value: \($0)" },
                got: "no key", hint: hint)
        }
        if let expected = inspect.value, value != expected {
            return TestFailure(
                message: "Redis holds the wrong value", inputs: shownKey, expected: expected, got: value, hint: hint)
        }
        if let ttl = inspect.ttl, !(ttl - 2...ttl).contains(state.ttl) {
            let got = state.ttl == -1 ? "no TTL (-1)" : "TTL \(state.ttl)"
            return TestFailure(
                message: "the key's TTL is wrong: expected \(ttl) s, got \(got)", inputs: shownKey,
                expected: "TTL \(ttl)",
                got: got, hint: hint)
        }
        return nil
    }

    private func failure(_ reply: HarnessReply, inputs: String?, hint: String) -> TestFailure {
        switch reply {
        case .ok(let value):
            return TestFailure(
                message: "unexpected reply \(value.json)", inputs: inputs, expected: nil, got: value.json, hint: hint)
        case .error(let message):
            return TestFailure(
                message: "your code threw: \(message)", inputs: inputs, expected: nil, got: nil, hint: hint)
        case .timedOut:
            return TestFailure(
                message: "timed out after \(timeLimit) s (an endless loop?)", inputs: inputs, expected: nil, got: nil,
                hint: hint)
        case .ended(let crash):
            return TestFailure(message: crash.summary, inputs: inputs, expected: nil, got: nil, hint: hint)
        }
    }

    private func failed(_ name: String, _ failure: TestFailure) -> TestResult {
        TestResult(name: name, status: .failed, failure: failure)
    }

    static func inputs(_ call: String, _ args: [String: ExerciseValue]) -> String {
        "\(call) \(ExerciseValue.object(args).json)"
    }
}
