import NIOCore
import RESP

/// One input of ZUNION/ZINTER/ZDIFF: a sorted set, or a plain set whose members score 1.
struct ZSetSource {
    let zset: SortedSetValue?
    let set: SetValue?
    var weight: Double = 1

    var count: Int { zset?.count ?? set?.count ?? 0 }

    var members: [(member: KeyBytes, score: Double)] {
        if let zset { return zset.items.map { (KeyBytes($0.member), $0.score) } }
        if let set { return set.ordered.map { ($0, 1) } }
        return []
    }

    func score(of member: KeyBytes) -> Double? {
        if let zset { return zset.score(of: member) }
        if let set { return set.contains(member) ? 1 : nil }
        return nil
    }

    func same(as other: ZSetSource) -> Bool {
        if let zset, let otherZSet = other.zset { return zset === otherZSet }
        if let set, let otherSet = other.set { return set === otherSet }
        return false
    }
}

/// ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD.
enum ZSetOperation {
    case union, inter, diff
}

extension Keyspace {
    /// `store`: argv[1] is the destination and numkeys is argv[2]; `cardinality`: ZINTERCARD.
    func zsetAlgebra(
        _ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer,
        op: ZSetOperation, store: Bool, cardinality: Bool = false
    ) {
        let numkeysIndex = store ? 2 : 1
        let name = CommandTable.lookup(argv[0])?.name ?? "zunion"
        guard let setnum = parseRedisInteger(argv[numkeysIndex].readableBytesView) else {
            out.writeRESPError(Self.notInteger)
            return
        }
        if setnum < 1 {
            out.writeRESPError("ERR at least 1 input key is needed for '\(name)' command")
            return
        }
        if setnum > Int64(argv.count - (numkeysIndex + 1)) {
            out.writeRESPError(Self.syntaxError)
            return
        }
        let n = Int(setnum)
        var sources: [ZSetSource] = []
        var j = numkeysIndex + 1
        for _ in 0..<n {
            guard let position = lookup(s.database, KeyBytes(argv[j]), read: true) else {
                sources.append(ZSetSource(zset: nil, set: nil))
                j += 1
                continue
            }
            switch databases[s.database].entry(at: position).value {
            case .zset(let zset): sources.append(ZSetSource(zset: zset, set: nil))
            case .set(let set): sources.append(ZSetSource(zset: nil, set: set))
            default:
                out.writeRESPError(Self.wrongType)
                return
            }
            j += 1
        }
        var aggregate = "sum"
        var withScores = false
        var limit: Int64 = 0
        while j < argv.count {
            let remaining = argv.count - j
            let option = argv[j]
            if op != .diff && !cardinality && remaining >= n + 1 && option.equalsIgnoringCase("weights") {
                j += 1
                for i in 0..<n {
                    guard let weight = parseRedisDouble(argv[j].bytes) else {
                        out.writeRESPError("ERR weight value is not a float")
                        return
                    }
                    sources[i].weight = weight
                    j += 1
                }
            } else if op != .diff && !cardinality && remaining >= 2 && option.equalsIgnoringCase("aggregate") {
                let value = argv[j + 1]
                if value.equalsIgnoringCase("sum") {
                    aggregate = "sum"
                } else if value.equalsIgnoringCase("min") {
                    aggregate = "min"
                } else if value.equalsIgnoringCase("max") {
                    aggregate = "max"
                } else {
                    out.writeRESPError(Self.syntaxError)
                    return
                }
                j += 2
            } else if !store && !cardinality && option.equalsIgnoringCase("withscores") {
                withScores = true
                j += 1
            } else if cardinality && remaining >= 2 && option.equalsIgnoringCase("limit") {
                guard let value = parseRedisInteger(argv[j + 1].readableBytesView), value >= 0 else {
                    out.writeRESPError("ERR LIMIT can't be negative")
                    return
                }
                limit = value
                j += 2
            } else {
                out.writeRESPError(Self.syntaxError)
                return
            }
        }
        if op != .diff {
            sources = sources.enumerated().sorted {
                $0.element.count != $1.element.count ? $0.element.count < $1.element.count : $0.offset < $1.offset
            }.map(\.element)
        }
        if cardinality {
            out.writeRESPInteger(Int64(zintercard(sources, limit: limit)))
            return
        }
        let result = SortedSetValue()
        switch op {
        case .inter: zinter(sources, aggregate: aggregate, into: result)
        case .union: zunion(sources, aggregate: aggregate, into: result)
        case .diff: zdiff(sources, into: result)
        }
        if store {
            storeContainer(KeyBytes(argv[1]), result, count: result.count, s, &out)
        } else {
            writeItems(result.items, withScores: withScores, s, &out)
        }
    }

    private static func aggregated(_ current: Double, _ value: Double, _ aggregate: String) -> Double {
        switch aggregate {
        case "min": return value < current ? value : current
        case "max": return value > current ? value : current
        default:
            let sum = current + value
            return sum.isNaN ? 0 : sum
        }
    }

    private static func weighted(_ score: Double, _ weight: Double) -> Double {
        let value = score * weight
        return value.isNaN ? 0 : value
    }

    private func zinter(_ sources: [ZSetSource], aggregate: String, into result: SortedSetValue) {
        guard let first = sources.first, first.count > 0 else { return }
        for (member, score) in first.members {
            var total = Self.weighted(score, first.weight)
            var inAll = true
            for other in sources.dropFirst() {
                let found: Double? = other.same(as: first) ? score : other.score(of: member)
                guard let found else {
                    inAll = false
                    break
                }
                total = Self.aggregated(total, found * other.weight, aggregate)
            }
            if inAll { result.set(member, score: total) }
        }
    }

    private func zintercard(_ sources: [ZSetSource], limit: Int64) -> Int {
        guard let first = sources.first, first.count > 0 else { return 0 }
        var count = 0
        for (member, _) in first.members
        where sources.dropFirst().allSatisfy({ $0.same(as: first) || $0.score(of: member) != nil }) {
            count += 1
            if limit > 0 && Int64(count) >= limit { break }
        }
        return count
    }

    private func zunion(_ sources: [ZSetSource], aggregate: String, into result: SortedSetValue) {
        var scores: [KeyBytes: Double] = [:]
        var order: [KeyBytes] = []
        for source in sources {
            for (member, score) in source.members {
                let value = Self.weighted(score, source.weight)
                if let current = scores[member] {
                    scores[member] = Self.aggregated(current, value, aggregate)
                } else {
                    scores[member] = value
                    order.append(member)
                }
            }
        }
        for member in order { result.set(member, score: scores[member] ?? 0) }
    }

    private func zdiff(_ sources: [ZSetSource], into result: SortedSetValue) {
        guard let first = sources.first else { return }
        let others = sources.dropFirst()
        if others.contains(where: { $0.same(as: first) }) { return }
        for (member, score) in first.members where !others.contains(where: { $0.score(of: member) != nil }) {
            result.set(member, score: score)
        }
    }
}
