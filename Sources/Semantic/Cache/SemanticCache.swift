import Clocks
import Foundation

/// A semantic cache of LLM answers: an exact check on the normalised prompt first, then the nearest
/// stored prompt by cosine similarity within the request's partition. Entries expire an absolute
/// `ttl` after they were stored; beyond `maxEntries` entries or `maxBytes` bytes the least recently
/// used entries are evicted.
/// Thread-safe; embeddings are computed outside the lock.
public final class SemanticCache: @unchecked Sendable {
    private struct Entry {
        var partition: CachePartition
        var prompt: String
        var normalised: String
        var response: String
        var expiresAt: Double
        /// What the entry is estimated to take (see `byteCount`).
        var bytes: Int
        /// Neighbours in the recency list (older / newer).
        var older: Int?
        var newer: Int?
    }

    public let embedder: any Embedder
    private var settings: SemanticCacheConfiguration
    private let clock: any WallClock
    private let lock = NSLock()
    private var entries: [Int: Entry] = [:]
    private var exact: [CachePartition: [String: Int]] = [:]
    private var indexes: [CachePartition: any VectorIndex] = [:]
    private var nextID = 0
    /// Least and most recently used entries: the ends of a doubly linked list threaded through `entries`.
    private var oldest: Int?
    private var newest: Int?
    /// Entry ids in store order; with one TTL for all entries this is also expiry order.
    private var expiryQueue: [(id: Int, expiresAt: Double)] = []
    private var expiryHead = 0
    private var counters = SemanticCacheStats()
    /// Bytes of the live entries and their partitions' indexes, as estimated.
    private var bytes = 0
    /// The prompt the last lookup embedded and its vector: a miss is usually followed by a store of
    /// the same prompt, which then needs no second embedding.
    private var lastEmbedded: (prompt: String, vector: PromptVector)?

    public init(
        embedder: any Embedder, configuration: SemanticCacheConfiguration = SemanticCacheConfiguration(),
        clock: any WallClock = SystemClock()
    ) {
        self.embedder = embedder
        self.settings = configuration
        self.clock = clock
    }

    /// Live entries over all partitions.
    public var count: Int { locked { entries.count } }

    /// The bytes the entries take, estimated from their texts and vectors plus a fixed overhead per
    /// entry and per partition (the structures that hold them); what `maxBytes` bounds.
    public var byteCount: Int { locked { bytes } }

    /// Bookkeeping per entry (dictionary slots, recency links, expiry queue) and per partition (its
    /// index and prompt table), in bytes.
    static let entryOverhead = 512
    static let partitionOverhead = 2048

    public var stats: SemanticCacheStats {
        locked {
            var stats = counters
            stats.nearestSimilarities = Array(stats.nearestSimilarities.suffix(Self.similaritiesKept))
            return stats
        }
    }

    /// How many recent nearest similarities `stats` reports.
    static let similaritiesKept = 1000

    /// The settings in force (the threshold can change with `setThreshold`).
    public var configuration: SemanticCacheConfiguration { locked { settings } }

    /// Changes the similarity threshold for later lookups (entries are kept).
    public func setThreshold(_ threshold: Float) {
        locked { settings.threshold = threshold }
    }

    /// Looks `prompt` up in `partition`, recording the nearest similarity whether it hits or not.
    public func lookup(_ prompt: String, in partition: CachePartition) throws -> SemanticLookup {
        let normalised = PromptNormaliser.normalise(prompt)
        if let hit = locked({ exactLookup(normalised, in: partition) }) { return hit }
        let vector = try PromptVector(prompt, embedder: embedder)
        return try locked {
            lastEmbedded = (prompt, vector)
            if let hit = exactLookup(normalised, in: partition) { return hit }
            var result = SemanticLookup(outcome: .miss, response: nil, nearestPrompt: nil, nearestSimilarity: nil)
            if let index = indexes[partition], let nearest = try index.search(vector.dense, k: 1).first,
                let entry = entries[nearest.id]
            {
                result.nearestPrompt = entry.prompt
                result.nearestSimilarity = nearest.similarity
                if nearest.similarity >= settings.threshold {
                    result.outcome = .semanticHit
                    result.response = entry.response
                    touch(nearest.id)
                }
            }
            record(result)
            return result
        }
    }

    /// Stores `response` for `prompt` in `partition`, replacing an entry with the same normalised prompt.
    public func store(_ prompt: String, response: String, in partition: CachePartition) throws {
        let normalised = PromptNormaliser.normalise(prompt)
        let known = locked { lastEmbedded.flatMap { $0.prompt.utf8.elementsEqual(prompt.utf8) ? $0.vector : nil } }
        let vector = try known ?? PromptVector(prompt, embedder: embedder)
        try locked {
            let now = clock.nowSeconds()
            expireAll(now: now)
            if let old = exact[partition]?[normalised] { removeEntry(old) }
            let id = nextID
            // Taken out of the dictionary while adding, so the index storage is not copied on write.
            let existing = indexes.removeValue(forKey: partition)
            var index = existing ?? settings.index.make(dimension: embedder.dimension)
            do {
                switch vector {
                case .dense(let dense): try index.add(id: id, vector: dense)
                case .sparse(let sparse): try index.add(id: id, sparse: sparse)
                }
                indexes[partition] = index
                if existing == nil { bytes += Self.partitionOverhead }
            } catch {
                if index.count > 0 {
                    indexes[partition] = index
                } else if existing != nil {
                    bytes -= Self.partitionOverhead
                }
                throw error
            }
            nextID += 1
            let expiresAt = now + settings.ttl
            let size =
                prompt.utf8.count + normalised.utf8.count + response.utf8.count + vector.bytes + Self.entryOverhead
            entries[id] = Entry(
                partition: partition, prompt: prompt, normalised: normalised, response: response,
                expiresAt: expiresAt, bytes: size, older: nil, newer: nil)
            bytes += size
            linkNewest(id)
            expiryQueue.append((id, expiresAt))
            exact[partition, default: [:]][normalised] = id
            counters.stores += 1
            while entries.count > settings.maxEntries || bytes > settings.maxBytes, let victim = oldest {
                removeEntry(victim)
                counters.evictions += 1
            }
        }
    }

    /// Drops every entry (statistics are kept).
    public func removeAll() {
        locked {
            entries.removeAll()
            exact.removeAll()
            indexes.removeAll()
            bytes = 0
            oldest = nil
            newest = nil
            expiryQueue.removeAll()
            expiryHead = 0
        }
    }

    private func exactLookup(_ normalised: String, in partition: CachePartition) -> SemanticLookup? {
        expireAll(now: clock.nowSeconds())
        guard let id = exact[partition]?[normalised], let entry = entries[id] else { return nil }
        touch(id)
        let result = SemanticLookup(
            outcome: .exactHit, response: entry.response, nearestPrompt: entry.prompt, nearestSimilarity: 1)
        record(result)
        return result
    }

    private func record(_ result: SemanticLookup) {
        counters.lookups += 1
        switch result.outcome {
        case .exactHit: counters.exactHits += 1
        case .semanticHit: counters.semanticHits += 1
        case .miss: counters.misses += 1
        }
        // Trimmed in batches, so a lookup does not shift a thousand entries; `stats` shows the last 1,000.
        counters.nearestSimilarities.append(result.nearestSimilarity)
        if counters.nearestSimilarities.count >= 2 * Self.similaritiesKept {
            counters.nearestSimilarities.removeFirst(Self.similaritiesKept)
        }
    }

    private func touch(_ id: Int) {
        guard newest != id, entries[id] != nil else { return }
        unlink(id)
        linkNewest(id)
    }

    /// Drops entries whose absolute TTL has passed, oldest first, in amortised O(1) per entry.
    private func expireAll(now: Double) {
        while expiryHead < expiryQueue.count, expiryQueue[expiryHead].expiresAt <= now {
            let id = expiryQueue[expiryHead].id
            expiryHead += 1
            if let entry = entries[id], entry.expiresAt <= now {
                removeEntry(id)
                counters.expirations += 1
            }
        }
        if expiryHead > 1024 && expiryHead * 2 > expiryQueue.count {
            expiryQueue.removeFirst(expiryHead)
            expiryHead = 0
        }
    }

    private func linkNewest(_ id: Int) {
        entries[id]?.older = newest
        entries[id]?.newer = nil
        if let newest { entries[newest]?.newer = id }
        newest = id
        if oldest == nil { oldest = id }
    }

    private func unlink(_ id: Int) {
        guard let entry = entries[id] else { return }
        if let older = entry.older { entries[older]?.newer = entry.newer } else { oldest = entry.newer }
        if let newer = entry.newer { entries[newer]?.older = entry.older } else { newest = entry.older }
    }

    private func removeEntry(_ id: Int) {
        guard let entry = entries[id] else { return }
        unlink(id)
        entries[id] = nil
        bytes -= entry.bytes
        exact[entry.partition]?[entry.normalised] = nil
        if exact[entry.partition]?.isEmpty == true { exact[entry.partition] = nil }
        indexes[entry.partition]?.remove(id: id)
        // An emptied partition is dropped whole: a partition per identifier would otherwise leave
        // one empty index behind for every prompt ever evicted.
        if indexes[entry.partition]?.count == 0 {
            indexes[entry.partition] = nil
            bytes -= Self.partitionOverhead
        }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

/// A prompt's embedding in the form its embedder computes fastest: sparse embedders skip the dense
/// vector unless a search needs it.
enum PromptVector {
    case dense([Float])
    case sparse(SparseVector)

    init(_ prompt: String, embedder: any Embedder) throws {
        self =
            embedder.vectorsAreSparse
            ? .sparse(try embedder.sparseEmbedding(prompt)) : .dense(try embedder.embed(prompt))
    }

    /// What the index keeps for the vector: four bytes a dimension, or a bucket and a value (twice:
    /// entry and postings) per non-zero component of a sparse one.
    var bytes: Int {
        switch self {
        case .dense(let vector): return vector.count * 4
        case .sparse(let vector): return vector.indices.count * 16 + 64
        }
    }

    var dense: [Float] {
        switch self {
        case .dense(let vector): return vector
        case .sparse(let vector): return vector.dense
        }
    }
}
