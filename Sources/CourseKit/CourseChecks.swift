/// Checks that span files: duplicate ids, dangling references, lesson/quiz/node agreement,
/// Matrix cycles and nodes that can never be unlocked, glossary and FAQ links, scenario ids.
struct CourseChecks {
    let course: Course
    let state: LoadState
    let knownScenarios: Set<String>?
    private(set) var findings: [LintFinding] = []

    init(course: Course, state: LoadState, knownScenarios: Set<String>?) {
        self.course = course
        self.state = state
        self.knownScenarios = knownScenarios
    }

    mutating func run() {
        checkDuplicates()
        checkLessons()
        checkQuizzes()
        checkNodes()
        checkReachability()
        checkReferences()
        checkExercises()
        if let knownScenarios { checkLabs(knownScenarios) }
    }

    mutating func report(_ code: String, _ message: String, file: String, at path: String) {
        let position = state.position(of: path, in: file)
        findings.append(
            LintFinding(file: file, line: position.line, column: position.column, code: code, message: message))
    }

    mutating func report(_ code: String, _ message: String, file: String, line: Int, column: Int) {
        findings.append(LintFinding(file: file, line: line, column: column, code: code, message: message))
    }

    private var manifest: String { LoadState.manifestPath }

    private mutating func checkDuplicates() {
        var lessonIDs: [String: String] = [:]
        for lesson in course.lessons {
            if let other = lessonIDs[lesson.id] {
                report(
                    "duplicate-id", "duplicate lesson id `\(lesson.id)` (also in \(other))", file: lesson.relativePath,
                    at: "id")
            } else {
                lessonIDs[lesson.id] = lesson.relativePath
            }
        }
        var quizIDs: [String: String] = [:]
        for quiz in state.quizzes {
            if let other = quizIDs[quiz.id] {
                report(
                    "duplicate-id", "duplicate quiz id `\(quiz.id)` (also in \(other))", file: quiz.relativePath,
                    at: "id")
            } else {
                quizIDs[quiz.id] = quiz.relativePath
            }
        }
    }

    private mutating func checkLessons() {
        for lesson in course.lessons {
            let quiz = course.quiz(id: lesson.quiz)
            if !lesson.quiz.isEmpty, quiz == nil {
                report(
                    "dangling-reference", "lesson `\(lesson.id)`: quiz `\(lesson.quiz)` does not exist",
                    file: lesson.relativePath, at: "quiz")
            }
            if !lesson.node.isEmpty, course.node(id: lesson.node) == nil {
                report(
                    "dangling-reference", "lesson `\(lesson.id)`: node `\(lesson.node)` is not in the Matrix",
                    file: lesson.relativePath, at: "node")
            }
            if let quiz, !lesson.node.isEmpty, quiz.unlocks != lesson.node {
                report(
                    "node-mismatch",
                    """
                        lesson `\(lesson.id)` teaches node `\(lesson.node)` but its quiz `\(quiz.id)` unlocks \
                        `\(quiz.unlocks)`
                        """,
                    file: lesson.relativePath, at: "node")
            }
            if let scenario = lesson.scenario, let knownScenarios, !knownScenarios.contains(scenario) {
                report(
                    "unknown-scenario", "lesson `\(lesson.id)`: scenario `\(scenario)` does not exist",
                    file: lesson.relativePath, at: "scenario")
            }
        }
    }

    private mutating func checkQuizzes() {
        for quiz in state.quizzes {
            if !quiz.unlocks.isEmpty, course.node(id: quiz.unlocks) == nil {
                report(
                    "dangling-reference", "quiz `\(quiz.id)`: node `\(quiz.unlocks)` is not in the Matrix",
                    file: quiz.relativePath, at: "unlocks")
            }
            let hasLesson = course.lessons.contains { $0.quiz == quiz.id }
            if !hasLesson, quiz.unlocks.isEmpty {
                report(
                    "orphan-quiz",
                    """
                        quiz `\(quiz.id)`: no lesson names it and it unlocks no node, so no learner can ever take it \
                        for anything; name it in a lesson's `quiz` or give it `unlocks`
                        """,
                    file: quiz.relativePath, at: "unlocks")
            }
            let idPosition = state.position(of: "id", in: quiz.relativePath)
            if let warning = OptionLengthCheck.finding(quiz, position: idPosition) { findings.append(warning) }
            let grade = quiz.grade(quiz.answerKey)
            if !quiz.questions.isEmpty, quiz.pass > 0, quiz.pass <= 1, !grade.passed {
                report(
                    "answer-key", "quiz `\(quiz.id)`: its answer key does not pass", file: quiz.relativePath, at: "pass"
                )
            }
        }
    }

    private mutating func checkNodes() {
        let nodeIDs = Set(course.matrix.nodes.map(\.id))
        for (node, path) in zip(course.matrix.nodes, state.manifest.nodePaths) {
            for required in node.requires where !nodeIDs.contains(required) {
                report(
                    "dangling-reference", "node `\(node.id)` requires `\(required)`, which is not in the Matrix",
                    file: manifest, at: path + ".requires")
            }
            if node.requires.contains(node.id) {
                report("matrix-cycle", "node `\(node.id)` requires itself", file: manifest, at: path + ".requires")
            }
            if let lab = node.lab, let knownScenarios, !knownScenarios.contains(lab) {
                report(
                    "unknown-scenario", "node `\(node.id)`: lab `\(lab)` is not a known scenario", file: manifest,
                    at: path + ".lab")
            }
        }
    }

    /// Cycles, then nodes that stay locked even with every quiz passed and every lab run.
    private mutating func checkReachability() {
        let nodes = course.matrix.nodes
        let paths = Dictionary(zip(nodes.map(\.id), state.manifest.nodePaths), uniquingKeysWith: { first, _ in first })
        let cycles = MatrixGraph.cycles(nodes)
        var onCycle: Set<String> = []
        for cycle in cycles {
            onCycle.formUnion(cycle)
            guard let first = cycle.first, cycle.count > 1 else { continue }
            let text = cycle.map { "`\($0)`" }.joined(separator: ", ")
            report(
                "matrix-cycle", "the Matrix has a requires cycle through nodes \(text)", file: manifest,
                at: (paths[first] ?? "") + ".requires")
        }
        let unlocked = Set(
            course.unlockedNodes(
                passedQuizzes: Set(course.quizzes.map(\.id)), ranLabs: Set(nodes.compactMap(\.lab)),
                passedExercises: Set(nodes.flatMap(\.exercises))))
        for node in nodes where !unlocked.contains(node.id) && !onCycle.contains(node.id) {
            let blockers = node.requires.filter { !unlocked.contains($0) }
            let reason =
                blockers.isEmpty
                ? ""
                : ": it requires \(blockers.map { "`\($0)`" }.joined(separator: ", ")), which can never be unlocked"
            report(
                "unreachable-node", "node `\(node.id)` can never be unlocked\(reason)", file: manifest,
                at: paths[node.id] ?? "")
        }
    }

    private mutating func checkReferences() {
        let lessonIDs = Set(course.lessons.map(\.id))
        let terms = Set(state.glossary.map { $0.entry.term.lowercased() })
        for (entry, path) in state.glossary {
            if let lesson = entry.lesson, !lessonIDs.contains(lesson) {
                report(
                    "dangling-reference", "glossary term `\(entry.term)`: lesson `\(lesson)` does not exist",
                    file: "Lessons/glossary.toml", at: path + ".lesson")
            }
            for other in entry.seeAlso where !terms.contains(other.lowercased()) {
                report(
                    "dangling-reference", "glossary term `\(entry.term)`: see_also `\(other)` is not a glossary term",
                    file: "Lessons/glossary.toml", at: path + ".see_also")
            }
        }
        for (entry, path) in state.faq {
            if let lesson = entry.lesson, !lessonIDs.contains(lesson) {
                report(
                    "dangling-reference", "FAQ entry: lesson `\(lesson)` does not exist", file: "Lessons/faq.toml",
                    at: path + ".lesson")
            }
        }
    }
}

/// Graph algorithms over the Matrix's `requires` edges.
enum MatrixGraph {
    /// Every cycle (strongly connected component of more than one node, or a self-loop), each in
    /// `course.toml` order, found with Tarjan's algorithm (iteration order fixed for stable output).
    static func cycles(_ nodes: [MatrixNode]) -> [[String]] {
        let ids = nodes.map(\.id)
        let indexOf = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let edges = nodes.map { node in node.requires.compactMap { indexOf[$0] } }
        var index = 0
        var indices = [Int?](repeating: nil, count: nodes.count)
        var lowlink = [Int](repeating: 0, count: nodes.count)
        var onStack = [Bool](repeating: false, count: nodes.count)
        var stack: [Int] = []
        var components: [[Int]] = []

        func connect(_ vertex: Int) {
            indices[vertex] = index
            lowlink[vertex] = index
            index += 1
            stack.append(vertex)
            onStack[vertex] = true
            for next in edges[vertex] {
                if indices[next] == nil {
                    connect(next)
                    lowlink[vertex] = min(lowlink[vertex], lowlink[next])
                } else if onStack[next], let nextIndex = indices[next] {
                    lowlink[vertex] = min(lowlink[vertex], nextIndex)
                }
            }
            if lowlink[vertex] == indices[vertex] {
                var component: [Int] = []
                while let top = stack.popLast() {
                    onStack[top] = false
                    component.append(top)
                    if top == vertex { break }
                }
                components.append(component)
            }
        }

        for vertex in nodes.indices where indices[vertex] == nil { connect(vertex) }
        return components.filter { component in
            component.count > 1 || component.first.map { edges[$0].contains($0) } == true
        }.map { $0.sorted().map { ids[$0] } }.sorted { ($0.first ?? "") < ($1.first ?? "") }
    }
}
