/// An indexed 4-ary min-heap of node ids keyed by seconds (`Double`), with decrease-key through an
/// id → position array (as RoutingKit's `MinIDQueue`).
///
/// Invariant: `position[id] == -1` for ids not in the heap, else `ids[position[id]] == id`;
/// every parent's key ≤ its children's keys. Ties are broken by lower id so the pop order,
/// and so every result, is deterministic.
///
/// Kept here, out of the engine, as the heap the radix heap replaced: an experiment runs the
/// same searches over it (`QuaternaryHeapSearch`) and checks the answers bit for bit.
public struct QuaternaryHeap: Sendable {
    @usableFromInline var keys: [Double] = []
    @usableFromInline var ids: [Int32] = []
    @usableFromInline var position: [Int32]

    /// A heap for ids in `0 ..< capacity`.
    public init(capacity: Int) {
        position = [Int32](repeating: -1, count: capacity)
        keys.reserveCapacity(1024)
        ids.reserveCapacity(1024)
    }

    public var isEmpty: Bool { ids.isEmpty }
    public var count: Int { ids.count }

    @inlinable
    public func contains(_ id: Int32) -> Bool { position[Int(id)] >= 0 }

    @inlinable @inline(__always)
    func precedes(_ ka: Double, _ ia: Int32, _ kb: Double, _ ib: Int32) -> Bool {
        ka < kb || (ka == kb && ia < ib)
    }

    /// Inserts `id` with `key`, or lowers its key if present and `key` is smaller.
    @inlinable
    public mutating func pushOrDecrease(_ id: Int32, key: Double) {
        var i = Int(position[Int(id)])
        if i < 0 {
            i = ids.count
            keys.append(key)
            ids.append(id)
        } else {
            guard key < keys[i] else { return }
            keys[i] = key
        }
        siftUp(from: i, key: key, id: id)
    }

    /// Removes and returns the id with the smallest key.
    @inlinable
    public mutating func popMin() -> (id: Int32, key: Double) {
        let topID = ids[0], topKey = keys[0]
        position[Int(topID)] = -1
        let lastID = ids.removeLast(), lastKey = keys.removeLast()
        if !ids.isEmpty { siftDown(from: 0, key: lastKey, id: lastID) }
        return (topID, topKey)
    }

    /// Empties the heap, resetting only the positions it holds.
    public mutating func removeAll() {
        for id in ids { position[Int(id)] = -1 }
        ids.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
    }

    @inlinable
    mutating func siftUp(from start: Int, key: Double, id: Int32) {
        var i = start
        while i > 0 {
            let parent = (i - 1) >> 2
            guard precedes(key, id, keys[parent], ids[parent]) else { break }
            keys[i] = keys[parent]; ids[i] = ids[parent]
            position[Int(ids[i])] = Int32(i)
            i = parent
        }
        keys[i] = key; ids[i] = id
        position[Int(id)] = Int32(i)
    }

    @inlinable
    mutating func siftDown(from start: Int, key: Double, id: Int32) {
        var i = start
        let n = ids.count
        while true {
            let firstChild = 4 * i + 1
            if firstChild >= n { break }
            var best = firstChild
            let last = min(firstChild + 4, n)
            var c = firstChild + 1
            while c < last {
                if precedes(keys[c], ids[c], keys[best], ids[best]) { best = c }
                c += 1
            }
            guard precedes(keys[best], ids[best], key, id) else { break }
            keys[i] = keys[best]; ids[i] = ids[best]
            position[Int(ids[i])] = Int32(i)
            i = best
        }
        keys[i] = key; ids[i] = id
        position[Int(id)] = Int32(i)
    }
}
