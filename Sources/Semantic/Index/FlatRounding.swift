/// A flat scan's dot product of a dense query and one sparse stored vector, bit for bit: bucket `b`
/// of the first `dimension / 16 * 16` goes into lane `b % 16` with a fused multiply-add in increasing
/// `b` order, lanes 0–7 and 8–15 are added and summed as `SIMD8.sum()` does, then the remaining
/// buckets are added one by one (`VectorMath.dot`, `FlatScan`). Terms where either side is zero leave
/// a flat scan's sums unchanged, so only the stored non-zeros are visited.
enum FlatRounding {
    static func dot(query: UnsafeBufferPointer<Float>, buckets: ArraySlice<Int32>, values: ArraySlice<Float>) -> Float {
        let laneEnd = query.count / 16 * 16
        var low = SIMD8<Float>()
        var high = SIMD8<Float>()
        var index = buckets.startIndex
        var offset = values.startIndex
        while index < buckets.endIndex, Int(buckets[index]) < laneEnd {
            let bucket = Int(buckets[index])
            let q = query[bucket]
            if q != 0 {
                let lane = bucket & 15
                if lane < 8 {
                    low[lane].addProduct(q, values[offset])
                } else {
                    high[lane - 8].addProduct(q, values[offset])
                }
            }
            index += 1
            offset += 1
        }
        var sum = (low + high).sum()
        while index < buckets.endIndex {
            let q = query[Int(buckets[index])]
            if q != 0 { sum += q * values[offset] }
            index += 1
            offset += 1
        }
        return sum
    }
}
