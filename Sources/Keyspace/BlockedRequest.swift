/// What a client blocked by BLPOP, BLMOVE, BZPOPMIN and friends waits for, and how it is answered
/// when one of its keys gets data.
struct BlockedRequest {
    enum Kind {
        /// BLPOP/BRPOP (`count` nil: the reply is the key and one value) and BLMPOP (key and an array).
        case listPop(front: Bool, count: Int?)
        /// BLMOVE/BRPOPLPUSH: pop from the ready key, push onto `destination`, reply with the value.
        case listMove(destination: KeyBytes, fromFront: Bool, toFront: Bool)
        /// BZPOPMIN/BZPOPMAX (`count` nil: key, member and score) and BZMPOP (key and nested pairs).
        case zsetPop(max: Bool, count: Int?)
    }

    let kind: Kind
    let database: Int
    /// The keys waited on, each once, in the order the command named them.
    let keys: [KeyBytes]
    /// Keyspace-clock milliseconds at which the client times out; 0 waits forever.
    let deadline: Int64

    /// BLMOVE/BRPOPLPUSH answer a timeout like the others (a null array, as Redis 7.0 does).
    var waitsForList: Bool {
        if case .zsetPop = kind { return false }
        return true
    }
}
