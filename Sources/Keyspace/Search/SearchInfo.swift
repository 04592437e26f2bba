import NIOCore
import RESP

extension Keyspace {
    /// `FT.INFO index`: RediSearch 2.8's fields in its order. Sizes are this server's own estimates.
    func ftInfo(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard argv.count >= 2 else {
            return out.writeRESPError("ERR wrong number of arguments for '\(argv[0].text)' command")
        }
        guard let index = search.index(named: argv[1].text) else { return out.writeRESPError("Unknown index name") }
        searchInfo(index, s.protocolVersion).write(to: &out, s.protocolVersion)
    }

    private func searchInfo(_ index: SearchIndex, _ version: RESPVersion) -> SearchReply {
        let schema = index.schema
        let resp3 = version == .v3
        func key(_ name: String) -> SearchReply { .simple(name) }
        func megabytes(_ bytes: Int) -> SearchReply { .double(Double(Float(bytes) / Float(0x100000))) }
        /// RediSearch divides floats; 0/0 is the x86 default NaN, which prints as `-nan`.
        func ratio(_ a: Int, _ b: Int) -> SearchReply {
            b == 0 ? .double(a == 0 ? -Double.nan : .infinity) : .double(Double(Float(a) / Float(b)))
        }

        var options: [SearchReply] = []
        if schema.noFrequencies { options.append(.simple("NOFREQS")) }
        if schema.noFields { options.append(.simple("NOFIELDS")) }
        if schema.noOffsets { options.append(.simple("NOOFFSETS")) }
        if schema.noHighlight { options.append(.simple("NOHL")) }

        var definition: [(SearchReply, SearchReply)] = [
            (key("key_type"), .simple("HASH")),
            (key("prefixes"), .array(schema.prefixes.map { .simple(String(decoding: $0, as: UTF8.self)) })),
        ]
        if let field = schema.languageField { definition.append((key("language_field"), .simple(field))) }
        definition.append((key("default_score"), .double(schema.scoreDefault)))
        if let field = schema.scoreField { definition.append((key("score_field"), .simple(field))) }
        if let field = schema.payloadField { definition.append((key("payload_field"), .simple(field))) }

        var attributes: [SearchReply] = []
        for field in schema.fields {
            var pairs: [(SearchReply, SearchReply)] = [
                (key("identifier"), .simple(field.identifierText)),
                (key("attribute"), .simple(field.name)),
                (key("type"), .simple(field.kind.rawValue)),
            ]
            switch field.kind {
            case .text: pairs.append((key("WEIGHT"), .double(field.weight)))
            case .tag:
                pairs.append((key("SEPARATOR"), .simple(String(decoding: [field.separator], as: UTF8.self))))
            case .vector:
                if let options = field.vector {
                    pairs.append((key("algorithm"), .simple(options.algorithm.rawValue)))
                    pairs.append((key("data_type"), .simple("FLOAT32")))
                    pairs.append((key("dim"), .integer(Int64(options.dimension))))
                    pairs.append((key("distance_metric"), .simple(options.metric.rawValue)))
                    if options.algorithm == .hnsw {
                        pairs.append((key("M"), .integer(Int64(options.m))))
                        pairs.append((key("ef_construction"), .integer(Int64(options.efConstruction))))
                    }
                }
            case .numeric: break
            }
            var flags: [SearchReply] = []
            if field.caseSensitive { flags.append(.simple("CASESENSITIVE")) }
            if field.sortable { flags.append(.simple("SORTABLE")) }
            if field.unf { flags.append(.simple("UNF")) }
            if field.noStem { flags.append(.simple("NOSTEM")) }
            if field.noIndex { flags.append(.simple("NOINDEX")) }
            if field.withSuffixTrie { flags.append(.simple("WITHSUFFIXTRIE")) }
            if resp3 {
                pairs.append((key("flags"), .array(flags)))
                attributes.append(.map(pairs))
            } else {
                attributes.append(.array(pairs.flatMap { [$0.0, $0.1] } + flags))
            }
        }

        let documents = index.documentCount
        let records = index.recordCount
        let vectorBytes = index.vectorBytes
        let docTable = documents * 96
        let keyTable = index.documents.keys.reduce(0) { $0 + $1.count + 24 }
        func errors(_ count: Int, _ message: String?, _ failedKey: KeyBytes?, oom: Bool) -> SearchReply {
            var pairs: [(SearchReply, SearchReply)] = [
                (key("indexing failures"), .integer(Int64(count))),
                (key("last indexing error"), .simple(message ?? "N/A")),
                (key("last indexing error key"), .bulk(failedKey?.bytes ?? Array("N/A".utf8))),
            ]
            if oom { pairs.append((key("background indexing status"), .simple("OK"))) }
            return .map(pairs)
        }
        var top: [(SearchReply, SearchReply)] = [
            (key("index_name"), .simple(schema.name)),
            (key("index_options"), .array(options)),
            (key("index_definition"), .map(definition)),
            (key("attributes"), .array(attributes)),
            (key("num_docs"), .double(Double(documents))),
            (key("max_doc_id"), .double(Double(index.maxDocumentID))),
            (key("num_terms"), .double(0)),
            (key("num_records"), .double(Double(records))),
            (key("inverted_sz_mb"), megabytes(0)),
            (key("vector_index_sz_mb"), megabytes(vectorBytes)),
            (key("total_inverted_index_blocks"), .integer(0)),
            (key("offset_vectors_sz_mb"), megabytes(0)),
            (key("doc_table_size_mb"), megabytes(docTable)),
            (key("sortable_values_size_mb"), megabytes(0)),
            (key("key_table_size_mb"), megabytes(keyTable)),
            (key("tag_overhead_sz_mb"), megabytes(0)),
            (key("text_overhead_sz_mb"), megabytes(0)),
            (key("total_index_memory_sz_mb"), megabytes(vectorBytes + docTable + keyTable)),
            (key("geoshapes_sz_mb"), megabytes(0)),
            (key("records_per_doc_avg"), ratio(records, documents)),
            (key("bytes_per_record_avg"), ratio(0, records)),
            (key("offsets_per_term_avg"), ratio(0, records)),
            (key("offset_bits_per_record_avg"), ratio(0, 0)),
            (key("hash_indexing_failures"), .double(Double(index.indexingFailures))),
            (key("total_indexing_time"), .double(0)),
            (key("indexing"), .double(0)),
            (key("percent_indexed"), .double(1)),
            (key("number_of_uses"), .integer(Int64(index.numberOfUses))),
            (key("cleaning"), .integer(0)),
            (
                key("gc_stats"),
                .map([
                    (key("bytes_collected"), .double(0)), (key("total_ms_run"), .double(0)),
                    (key("total_cycles"), .double(0)), (key("average_cycle_time_ms"), .double(-Double.nan)),
                    (key("last_run_time_ms"), .double(0)), (key("gc_numeric_trees_missed"), .double(0)),
                    (key("gc_blocks_denied"), .double(0)),
                ])
            ),
            (
                key("cursor_stats"),
                .map([
                    (key("global_idle"), .integer(0)), (key("global_total"), .integer(0)),
                    (key("index_capacity"), .integer(128)), (key("index_total"), .integer(0)),
                ])
            ),
        ]
        if let stopwords = schema.stopwords {
            top.append((key("stopwords_list"), .array(stopwords.map { .simple($0) })))
        }
        top.append(
            (
                key("dialect_stats"),
                .map((1...4).map { (key("dialect_\($0)"), .integer(Int64(index.dialectCounts[$0 - 1]))) })
            ))
        top.append(
            (key("Index Errors"), errors(index.indexingFailures, index.lastFailure, index.lastFailureKey, oom: true)))
        top.append(
            (
                key("field statistics"),
                .array(
                    schema.fields.indices.map { i in
                        let failure = index.fieldFailures[i]
                        return .map([
                            (key("identifier"), .simple(schema.fields[i].identifierText)),
                            (key("attribute"), .simple(schema.fields[i].name)),
                            (
                                key("Index Errors"),
                                errors(failure?.count ?? 0, failure?.message, failure?.key, oom: false)
                            ),
                        ])
                    })
            ))
        return .map(top)
    }
}
