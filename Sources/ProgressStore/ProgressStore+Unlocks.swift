import Foundation
import GRDB

extension ProgressStore {
    /// The learner's unlocked Matrix nodes, in unlock order.
    public func unlockedNodes(learner: Learner) throws -> [NodeUnlock] {
        try read { db in
            try UnlockRecord
                .filter(Column("learnerId") == learner.id)
                .order(Column("unlockedAt"), Column("nodeId"))
                .fetchAll(db)
                .map(NodeUnlock.init)
        }
    }

    /// Records nodes unlocked by neither an attempt nor a lab run (milestones, cascades noticed later);
    /// returns the ones that were not unlocked before.
    @discardableResult
    public func recordUnlocks(learner: Learner, nodes: [String]) throws -> [NodeUnlock] {
        let now = clock.date()
        return try write { db in
            try Self.insertUnlocks(db, learner: learner, nodes: nodes, at: now, attemptID: nil, labRunID: nil)
        }
    }

    /// Inserts the unlocks that do not exist yet; an existing unlock is never changed or revoked.
    static func insertUnlocks(
        _ db: Database, learner: Learner, nodes: [String], at time: Date, attemptID: Int64?, labRunID: Int64?,
        exerciseResultID: Int64? = nil
    ) throws -> [NodeUnlock] {
        var seen = Set<String>()
        var inserted: [NodeUnlock] = []
        for node in nodes where seen.insert(node).inserted {
            let exists =
                try UnlockRecord
                .filter(Column("learnerId") == learner.id && Column("nodeId") == node)
                .fetchCount(db) > 0
            if exists { continue }
            let record = UnlockRecord(
                learnerID: learner.id, nodeID: node, unlockedAt: time, attemptID: attemptID, labRunID: labRunID,
                exerciseResultID: exerciseResultID)
            try record.insert(db)
            inserted.append(NodeUnlock(record))
        }
        return inserted
    }
}

extension NodeUnlock {
    init(_ record: UnlockRecord) {
        self.init(
            nodeID: record.nodeID, unlockedAt: record.unlockedAt, attemptID: record.attemptID, labRunID: record.labRunID
        )
    }
}
