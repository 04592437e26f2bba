extension Course {
    /// The Matrix nodes unlocked by these passed quizzes, run labs and passed exercises, in `course.toml` order.
    ///
    /// A node unlocks when all its `requires` are unlocked, every quiz whose `unlocks` names it is
    /// passed, its `lab`, if any, has been run, and every exercise it names has passed. A node with neither
    /// quiz nor lab (a milestone)
    /// unlocks as soon as its requirements do; a quiz passed early counts once the requirements are
    /// met (unlocks cascade). Nodes on a cycle never unlock. `alreadyUnlocked` (a learner's recorded unlocks) stay
    /// unlocked and count as met requirements, even when the course has since asked more of their nodes.
    public func unlockedNodes(
        passedQuizzes: Set<String>, ranLabs: Set<String>, passedExercises: Set<String> = [],
        alreadyUnlocked: Set<String> = []
    ) -> [String] {
        var unlocked = alreadyUnlocked.intersection(matrix.nodes.map(\.id))
        var changed = true
        while changed {
            changed = false
            for node in matrix.nodes where !unlocked.contains(node.id) {
                guard node.requires.allSatisfy(unlocked.contains) else { continue }
                guard quizzes(unlocking: node.id).allSatisfy({ passedQuizzes.contains($0.id) }) else { continue }
                if let lab = node.lab, !ranLabs.contains(lab) { continue }
                guard node.exercises.allSatisfy(passedExercises.contains) else { continue }
                unlocked.insert(node.id)
                changed = true
            }
        }
        return matrix.nodes.map(\.id).filter(unlocked.contains)
    }

    /// The quizzes whose `unlocks` names this node.
    public func quizzes(unlocking nodeID: String) -> [Quiz] {
        quizzes.filter { $0.unlocks == nodeID }
    }

    /// The lessons that teach this node (their `node` names it).
    public func lessons(teaching nodeID: String) -> [Lesson] {
        lessons.filter { $0.node == nodeID }
    }

    /// Whether a lesson is open for a learner with these unlocked nodes, and if not, what is missing.
    public func availability(of lesson: Lesson, unlocked: Set<String>) -> LessonAvailability {
        let requires = node(id: lesson.node)?.requires ?? []
        let missing = requires.filter { !unlocked.contains($0) }.map { nodeID in
            LessonAvailability.MissingNode(
                nodeID: nodeID,
                title: node(id: nodeID)?.title ?? nodeID,
                lessonIDs: lessons(teaching: nodeID).map(\.id),
                lab: node(id: nodeID)?.lab,
                exercises: node(id: nodeID)?.exercises ?? [])
        }
        return LessonAvailability(lessonID: lesson.id, missing: missing, completed: unlocked.contains(lesson.node))
    }
}

/// Whether a lesson can be opened: it is open when every node its own node requires is unlocked.
public struct LessonAvailability: Sendable, Hashable {
    /// A required node that is still locked, and how to unlock it.
    public struct MissingNode: Sendable, Hashable {
        public let nodeID: String
        public let title: String
        /// The lessons whose System Check unlocks this node (empty for a milestone or lab node).
        public let lessonIDs: [String]
        /// The lab that must be run for this node, if any.
        public let lab: String?
        /// The exercises that must pass `archlab check` for this node.
        public let exercises: [String]
    }

    public let lessonID: String
    /// Required nodes still locked, in the order the lesson's node lists them.
    public let missing: [MissingNode]
    /// True when the lesson's own node is already unlocked.
    public let completed: Bool

    /// True when nothing is missing.
    public var isOpen: Bool { missing.isEmpty }
}

extension Course {
    /// What a node still needs for a learner with these records: its required nodes still locked, its quizzes not
    /// passed, its lab if not run, its exercises and its capstone not passed. Empty for an unlocked node.
    public func needs(
        of nodeID: String, unlocked: Set<String>, passedQuizzes: Set<String>, ranLabs: Set<String>,
        passedExercises: Set<String>
    ) -> NodeNeeds {
        guard let node = node(id: nodeID), !unlocked.contains(nodeID) else { return NodeNeeds(nodeID: nodeID) }
        return NodeNeeds(
            nodeID: nodeID,
            nodes: node.requires.filter { !unlocked.contains($0) },
            quizzes: quizzes(unlocking: nodeID).map(\.id).filter { !passedQuizzes.contains($0) },
            lab: node.lab.flatMap { ranLabs.contains($0) ? nil : $0 },
            exercises: node.exercises.filter { !passedExercises.contains($0) && exercise(id: $0)?.isCapstone != true },
            capstones: node.exercises.filter { !passedExercises.contains($0) && exercise(id: $0)?.isCapstone == true })
    }
}

/// What a locked Matrix node still needs, each part empty once done.
public struct NodeNeeds: Sendable, Hashable {
    public let nodeID: String
    /// Required nodes still locked.
    public var nodes: [String] = []
    /// Ids of the quizzes unlocking the node that are not passed yet.
    public var quizzes: [String] = []
    /// The node's lab, when it has not been run.
    public var lab: String?
    /// The node's exercises that have not passed `archlab check`, capstones aside.
    public var exercises: [String] = []
    /// The node's capstones (`kind = "capstone"`) that have not passed `archlab check ID`.
    public var capstones: [String] = []

    public init(
        nodeID: String, nodes: [String] = [], quizzes: [String] = [], lab: String? = nil, exercises: [String] = [],
        capstones: [String] = []
    ) {
        self.nodeID = nodeID
        self.nodes = nodes
        self.quizzes = quizzes
        self.lab = lab
        self.exercises = exercises
        self.capstones = capstones
    }

    /// True when nothing is missing.
    public var isEmpty: Bool {
        nodes.isEmpty && quizzes.isEmpty && lab == nil && exercises.isEmpty && capstones.isEmpty
    }
}
