import NIOCore
import RESP

/// The options of one `FT.SEARCH` call.
struct SearchRequest {
    var query: [UInt8] = []
    var noContent = false
    var withScores = false
    /// Explicit `RETURN` fields (name read, name replied); nil: every field of the hash.
    var returnFields: [(path: String, name: String)]?
    var sortBy: String?
    var ascending = true
    var offset = 0
    var limit = 10
    var params: [String: [UInt8]] = [:]
    var dialect = 1

    init(_ argv: [ByteBuffer]) throws {
        query = Array(argv[2].readableBytesView)
        var i = 3
        func word(_ at: Int) -> String { argv[at].text }
        func integer(_ at: Int, _ what: String) throws -> Int {
            guard at < argv.count, let value = Int(argv[at].text) else {
                throw SearchError("Bad arguments for \(what): Could not convert argument to expected type")
            }
            return value
        }
        while i < argv.count {
            let option = word(i).uppercased()
            i += 1
            switch option {
            case "NOCONTENT": noContent = true
            case "WITHSCORES": withScores = true
            case "VERBATIM", "NOSTOPWORDS", "WITHPAYLOADS", "WITHSORTKEYS", "EXPLAINSCORE", "INORDER": break
            case "RETURN":
                let count = try integer(i, "RETURN")
                i += 1
                guard count >= 0, i + count <= argv.count else {
                    throw SearchError("Bad arguments for RETURN: Not enough arguments were provided")
                }
                var fields: [(String, String)] = []
                var j = i
                while j < i + count {
                    let path = word(j)
                    j += 1
                    if j + 1 < i + count + 1, j < i + count, word(j).uppercased() == "AS" {
                        guard j + 1 < i + count else { throw SearchError("RETURN AS requires an alias") }
                        fields.append((path, word(j + 1)))
                        j += 2
                    } else {
                        fields.append((path, path))
                    }
                }
                i += count
                if count == 0 { noContent = true } else { returnFields = fields }
            case "SORTBY":
                guard i < argv.count else { throw SearchError("Bad arguments for SORTBY: Expected an argument") }
                var name = word(i)
                if name.hasPrefix("@") { name.removeFirst() }
                sortBy = name
                i += 1
                if i < argv.count, ["ASC", "DESC"].contains(word(i).uppercased()) {
                    ascending = word(i).uppercased() == "ASC"
                    i += 1
                }
            case "LIMIT":
                offset = try integer(i, "LIMIT")
                limit = try integer(i + 1, "LIMIT")
                i += 2
                guard offset >= 0, limit >= 0 else { throw SearchError("LIMIT: Value is outside acceptable bounds") }
            case "PARAMS":
                let count = try integer(i, "PARAMS")
                i += 1
                guard count >= 0, count % 2 == 0, i + count <= argv.count else {
                    throw SearchError("Bad arguments for PARAMS: Parameters must be specified in PARAM VALUE pairs")
                }
                var j = i
                while j < i + count {
                    let name = word(j)
                    if params[name] != nil { throw SearchError("Duplicate parameter `\(name)`") }
                    params[name] = Array(argv[j + 1].readableBytesView)
                    j += 2
                }
                i += count
            case "DIALECT":
                let value = try integer(i, "DIALECT")
                guard (1...4).contains(value) else {
                    throw SearchError("DIALECT requires a non negative integer >=1 and <= 4")
                }
                dialect = value
                i += 1
            case "TIMEOUT", "SLOP", "LANGUAGE", "SCORER", "EXPANDER", "PAYLOAD":
                i += 1
            default:
                throw SearchError("Unknown argument `\(word(i - 1))` at position \(i - 4) for <main>")
            }
        }
    }
}

/// One result row: the document, its key and the distances yielded for it.
struct SearchRow {
    var id: UInt64
    var key: KeyBytes
    var metrics: [String: Double]
}

extension Keyspace {
    func ftSearch(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard argv.count >= 3 else {
            return out.writeRESPError("ERR wrong number of arguments for '\(argv[0].text)' command")
        }
        let name = argv[1].text
        do {
            let request = try SearchRequest(argv)
            guard let index = search.index(named: name) else { return out.writeRESPError("\(name): no such index") }
            var parser = SearchQueryParser(request.query, schema: index.schema, params: request.params)
            let query = try parser.parse()
            index.numberOfUses += 1
            index.dialectCounts[request.dialect - 1] = 1
            var rows = evaluate(query, in: index)
            try sort(&rows, request, query, index)
            let reply = searchReply(rows, request, query, index, s.protocolVersion)
            reply.write(to: &out, s.protocolVersion)
        } catch let error as SearchError {
            out.writeRESPError(error.message)
        } catch {
            out.writeRESPError("\(error)")
        }
    }

    /// The matching documents; expired hashes met on the way are deleted and left out.
    private func evaluate(_ query: SearchQuery, in index: SearchIndex) -> [SearchRow] {
        if let knn = query.knn {
            guard knn.k > 0, let field = knn.field, index.vectors[field] != nil else { return [] }
            if case .all = query.filter {
                // Each expired hash met is deleted (and leaves the index) before the search runs again.
                // The store is read afresh each time and not held while keys are deleted (no copy).
                while true {
                    let hits = index.vectors[field]?.nearest(knn.query, k: knn.k, efRuntime: knn.efRuntime) ?? []
                    var rows: [SearchRow] = []
                    var stale = false
                    for hit in hits {
                        guard let key = index.keysByID[hit.id], searchKeyIsLive(key) else {
                            index.forgetVector(hit.id)
                            stale = true
                            continue
                        }
                        rows.append(SearchRow(id: hit.id, key: key, metrics: [knn.scoreName: Double(hit.distance)]))
                    }
                    if !stale { return rows }
                }
            }
            let candidates = filtered(query.filter, in: index)
            guard let store = index.vectors[field] else { return [] }
            var best = NearestList(k: knn.k)
            var byID: [UInt64: SearchRow] = [:]
            for row in candidates {
                guard let distance = store.distance(knn.query, to: row.id) else { continue }
                best.offer(row.id, distance)
                byID[row.id] = row
            }
            return best.items.compactMap { hit in
                guard var row = byID[hit.id] else { return nil }
                row.metrics[knn.scoreName] = Double(hit.distance)
                return row
            }
        }
        return filtered(query.filter, in: index)
    }

    private func filtered(_ filter: SearchFilter, in index: SearchIndex) -> [SearchRow] {
        var rows: [SearchRow] = []
        for (key, document) in index.documents {
            var metrics: [String: Double] = [:]
            if matches(filter, document, index, &metrics) {
                rows.append(SearchRow(id: document.id, key: key, metrics: metrics))
            }
        }
        return rows.filter { searchKeyIsLive($0.key) }
    }

    private func matches(
        _ filter: SearchFilter, _ document: SearchDocument, _ index: SearchIndex, _ metrics: inout [String: Double]
    ) -> Bool {
        switch filter {
        case .all: return true
        case .none: return false
        case .tag(let field, let values):
            guard let tags = document.tags[field] else { return false }
            return values.contains { tags.contains($0) }
        case .numeric(let field, let low, let lowExclusive, let high, let highExclusive):
            guard let value = document.numbers[field] else { return false }
            let aboveLow = lowExclusive ? value > low : value >= low
            let belowHigh = highExclusive ? value < high : value <= high
            return aboveLow && belowHigh
        case .text(let fields, let words):
            let candidates =
                fields ?? index.schema.fields.indices.filter { index.schema.fields[$0].kind == .text }
            return words.allSatisfy { word in candidates.contains { document.words[$0]?.contains(word) == true } }
        case .vectorRange(let field, let radius, let query, let yield):
            guard let distance = index.vectors[field]?.distance(query, to: document.id),
                Double(distance) <= radius
            else { return false }
            if let yield { metrics[yield] = Double(distance) }
            return true
        case .and(let parts):
            for part in parts where !matches(part, document, index, &metrics) { return false }
            return true
        case .or(let parts):
            var any = false
            for part in parts where matches(part, document, index, &metrics) { any = true }
            return any
        case .not(let inner):
            var ignored: [String: Double] = [:]
            return !matches(inner, document, index, &ignored)
        }
    }

    /// A hash field of a result as RediSearch reads it for SORTBY and RETURN: NUMERIC schema fields
    /// as numbers, anything else as the stored bytes.
    private enum FieldValue {
        case number(Double)
        case bytes([UInt8])
    }

    private func hashOf(_ key: KeyBytes) -> HashValue? {
        guard let position = databases[0].position(of: key),
            case .hash(let hash) = databases[0].entry(at: position).value
        else { return nil }
        return hash
    }

    private func loadField(_ hash: HashValue?, _ name: String, _ index: SearchIndex, typed: Bool) -> FieldValue? {
        let schemaField = index.schema.fieldIndex(named: name).map { index.schema.fields[$0] }
        let path = schemaField?.identifier ?? Array(name.utf8)
        guard let bytes = hash?.get(KeyBytes(path))?.bytes else { return nil }
        if typed, schemaField?.kind == .numeric {
            return .number(parseRedisDouble(bytes) ?? 0)
        }
        return .bytes(bytes)
    }

    private func sort(
        _ rows: inout [SearchRow], _ request: SearchRequest, _ query: SearchQuery, _ index: SearchIndex
    )
        throws
    {
        guard let sortBy = request.sortBy else {
            rows.sort { $0.id < $1.id }
            return
        }
        let isMetric = query.metricNames.contains(sortBy)
        if !isMetric && index.schema.fieldIndex(named: sortBy) == nil {
            throw SearchError("Property `\(sortBy)` not loaded nor in schema")
        }
        let values: [UInt64: FieldValue] = Dictionary(
            uniqueKeysWithValues: rows.compactMap { row -> (UInt64, FieldValue)? in
                if isMetric { return row.metrics[sortBy].map { (row.id, .number($0)) } }
                return loadField(hashOf(row.key), sortBy, index, typed: true).map { (row.id, $0) }
            })
        let ascending = request.ascending
        rows.sort { a, b in
            let va = values[a.id]
            let vb = values[b.id]
            if va == nil || vb == nil {
                if va != nil { return true }
                if vb != nil { return false }
            } else if let va, let vb {
                let order = compare(va, vb)
                if order != 0 { return ascending ? order < 0 : order > 0 }
            }
            return ascending ? a.id < b.id : a.id > b.id
        }
    }

    /// RediSearch's `RSValue_Cmp` for the values compared here: numbers numerically, bytes as `memcmp`.
    private func compare(_ a: FieldValue, _ b: FieldValue) -> Int {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.bytes(let x), .bytes(let y)):
            for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
            return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
        case (.number(let x), .bytes(let y)):
            return compare(.bytes(Array(SearchNumber.value(x).utf8)), .bytes(y))
        case (.bytes(let x), .number(let y)):
            return compare(.bytes(x), .bytes(Array(SearchNumber.value(y).utf8)))
        }
    }

    private func searchReply(
        _ rows: [SearchRow], _ request: SearchRequest, _ query: SearchQuery, _ index: SearchIndex,
        _ version: RESPVersion
    ) -> SearchReply {
        let total = Int64(rows.count)
        let countOnly = request.limit == 0 && request.offset == 0
        let page = countOnly ? [] : Array(rows.dropFirst(request.offset).prefix(request.limit))
        var results: [SearchReply] = []
        var flat: [SearchReply] = [.integer(total)]
        for row in page {
            let fields = request.noContent ? nil : attributes(row, request, query, index)
            if version == .v3 {
                var pairs: [(SearchReply, SearchReply)] = [(.simple("id"), .bulk(row.key.bytes))]
                if request.withScores { pairs.append((.simple("score"), .double(0))) }
                if let fields { pairs.append((.simple("extra_attributes"), .map(fields))) }
                pairs.append((.simple("values"), .array([])))
                results.append(.map(pairs))
            } else {
                flat.append(.bulk(row.key.bytes))
                if request.withScores { flat.append(.double(0)) }
                if let fields { flat.append(.array(fields.flatMap { [$0.0, $0.1] })) }
            }
        }
        guard version == .v3 else { return .array(flat) }
        return .map([
            (.simple("attributes"), .array([])),
            (.simple("format"), .simple("STRING")),
            (.simple("results"), .array(results)),
            (.simple("total_results"), .integer(total)),
            (.simple("warning"), .array([])),
        ])
    }

    /// A row's fields in RediSearch's lookup order: yielded distances first, then the SORTBY field,
    /// then the RETURN fields (or every field of the hash, as stored).
    private func attributes(
        _ row: SearchRow, _ request: SearchRequest, _ query: SearchQuery, _ index: SearchIndex
    )
        -> [(SearchReply, SearchReply)]
    {
        var names: [String] = query.metricNames
        var explicit: Set<String> = []
        if let sortBy = request.sortBy, !names.contains(sortBy) { names.append(sortBy) }
        let hash = hashOf(row.key)
        var paths: [String: String] = [:]
        if let returned = request.returnFields {
            for field in returned {
                explicit.insert(field.name)
                paths[field.name] = field.path
                if !names.contains(field.name) { names.append(field.name) }
            }
        } else if let hash {
            for field in hash.fields {
                let name = field.string
                if !names.contains(name) { names.append(name) }
            }
        }
        var pairs: [(SearchReply, SearchReply)] = []
        for name in names {
            if request.returnFields != nil && !explicit.contains(name) { continue }
            if let metric = row.metrics[name] {
                pairs.append((.text(name), .text(SearchNumber.value(metric))))
                continue
            }
            if query.metricNames.contains(name) { continue }
            if request.returnFields == nil, let bytes = hash?.get(KeyBytes(name))?.bytes {
                pairs.append((.text(name), .bulk(bytes)))
                continue
            }
            switch loadField(hash, paths[name] ?? name, index, typed: true) {
            case .number(let value): pairs.append((.text(name), .text(SearchNumber.value(value))))
            case .bytes(let bytes): pairs.append((.text(name), .bulk(bytes)))
            case nil: continue
            }
        }
        return pairs
    }
}
