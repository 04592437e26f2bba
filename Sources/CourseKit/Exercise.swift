import Foundation

/// A coding exercise: one file of the learner's `server-swift` workspace, checked by hidden tests.
/// Loaded from `Exercises/NN-name/exercise.toml` with its `starter/`, `solution/` and `harness/` folders.
public struct Exercise: Sendable, Hashable {
    public let id: String
    public let title: String
    /// The id of the lesson this exercise belongs to.
    public let lesson: String
    /// The learner's file name inside `Sources/ServerSwift/` (`TokenBucket.swift`).
    public let file: String
    /// Hints from a nudge to a near-answer.
    public let hints: [String]
    /// The harness calls the exercise uses (`tokenBucket.limit`).
    public let calls: [String]
    /// Named cases, run first, in file order.
    public let cases: [ExerciseCase]
    /// Seeded random blocks, run after the named cases.
    public let randoms: [ExerciseRandom]
    /// The exercise folder (`…/Exercises/06-token-bucket`).
    public let directory: URL
    /// `Exercises/06-token-bucket/exercise.toml`, as findings name it.
    public let relativePath: String
    /// What the learner builds, in a sentence (`summary`), shown in the lesson's exercise box.
    public let summary: String?
    /// The capstone's run (`kind = "capstone"`): no learner file of its own, it judges the whole workspace.
    public let capstone: CapstoneSpec?

    /// True for the capstone, which has no file, starter or solution and needs every other exercise started.
    public var isCapstone: Bool { capstone != nil }

    public init(
        id: String, title: String, lesson: String, file: String, hints: [String], calls: [String],
        cases: [ExerciseCase], randoms: [ExerciseRandom], directory: URL, relativePath: String,
        summary: String? = nil, capstone: CapstoneSpec? = nil
    ) {
        self.id = id
        self.title = title
        self.lesson = lesson
        self.file = file
        self.hints = hints
        self.calls = calls
        self.cases = cases
        self.randoms = randoms
        self.directory = directory
        self.relativePath = relativePath
        self.summary = summary
        self.capstone = capstone
    }

    /// The starter file the learner is given.
    public var starterFile: URL { directory.appendingPathComponent("starter").appendingPathComponent(file) }
    /// The reference solution of the learner's file.
    public var solutionFile: URL { directory.appendingPathComponent("solution").appendingPathComponent(file) }
    /// The folder of harness adapter files copied into the workspace's `Sources/Harness/`.
    public var harnessDirectory: URL { directory.appendingPathComponent("harness") }
}

/// A named case: calls made in order against fresh harness state, each compared with its expectation.
public struct ExerciseCase: Sendable, Hashable {
    public let name: String
    /// Shown under the first failure: what rule the case checks and where to look.
    public let hint: String
    public let steps: [ExerciseStep]
    /// What the Redis server must hold after the steps, if the case inspects it.
    public let redis: RedisExpectation?
    /// 1-based line of the case's `[[case]]` header.
    public let line: Int
    /// How the steps' results are compared with their expectations.
    public let comparison: ExerciseComparison

    public init(
        name: String, hint: String, steps: [ExerciseStep], redis: RedisExpectation?, line: Int,
        comparison: ExerciseComparison = .exact
    ) {
        self.name = name
        self.hint = hint
        self.steps = steps
        self.redis = redis
        self.line = line
        self.comparison = comparison
    }
}

/// One call of a case and what it must return: an explicit `expect`, or what a reference computes.
public struct ExerciseStep: Sendable, Hashable {
    public let call: String
    public let args: [String: ExerciseValue]
    /// The expected result; an object is met when every field it names matches.
    public let expect: ExerciseValue?
    /// The in-process reference that computes the expected result, when `expect` is not given.
    public let reference: String?

    public init(call: String, args: [String: ExerciseValue], expect: ExerciseValue?, reference: String?) {
        self.call = call
        self.args = args
        self.expect = expect
        self.reference = reference
    }
}

/// After a case: the key (computed by a reference from the first step's arguments) exists with this TTL and value.
public struct RedisExpectation: Sendable, Hashable {
    /// The reference and its call that compute the key from the first step's arguments.
    public let keyReference: String
    public let keyCall: String
    /// Expected TTL in seconds, if checked.
    public let ttl: Int?
    /// Expected stored value, if checked.
    public let value: String?

    public init(keyReference: String, keyCall: String, ttl: Int?, value: String?) {
        self.keyReference = keyReference
        self.keyCall = keyCall
        self.ttl = ttl
        self.value = value
    }
}

/// A seeded random block: `count` inputs from a named generator, each result compared with the reference's.
public struct ExerciseRandom: Sendable, Hashable {
    public let name: String
    public let generator: String
    public let seed: UInt64
    public let count: Int
    public let call: String
    /// The in-process reference that computes the expected results.
    public let reference: String
    public let hint: String
    /// The generator's parameters (`capacity`, `refill_rate`…).
    public let params: [String: ExerciseValue]
    public let line: Int
    /// How each result is compared with the reference's.
    public let comparison: ExerciseComparison

    public init(
        name: String, generator: String, seed: UInt64, count: Int, call: String, reference: String, hint: String,
        params: [String: ExerciseValue], line: Int, comparison: ExerciseComparison = .exact
    ) {
        self.name = name
        self.generator = generator
        self.seed = seed
        self.count = count
        self.call = call
        self.reference = reference
        self.hint = hint
        self.params = params
        self.line = line
        self.comparison = comparison
    }
}

/// The capstone's `[capstone]` table: the learner's whole handler runs through a scenario's traffic next to
/// ArchLab's own gateway of the same step.
public struct CapstoneSpec: Sendable, Hashable {
    /// The lab scenario whose traffic and configuration are used (`production`).
    public let scenario: String
    public let seed: UInt64
    /// The share of requests (0…1) whose decision and cache result must match ArchLab's.
    public let minAgreement: Double
    /// The scenario's parameters overridden (`requests = "2000"`).
    public let parameters: [String: String]
    /// Tenants of the user traffic (more than one, so a cache that mixes tenants shows).
    public let tenants: Int

    public init(scenario: String, seed: UInt64, minAgreement: Double, parameters: [String: String], tenants: Int) {
        self.scenario = scenario
        self.seed = seed
        self.minAgreement = minAgreement
        self.parameters = parameters
        self.tenants = tenants
    }
}
