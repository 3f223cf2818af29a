/// An element of a `BinaryHeap`: a strict total order, so equal keys pop in a fixed order and
/// results do not depend on insertion history.
protocol HeapOrdered {
    /// Whether `self` pops before `other`.
    func precedes(_ other: Self) -> Bool
}

/// A binary min-heap without decrease-key: an item may be queued several times and stale
/// copies are skipped by the caller. The queue of the searches whose entries carry more than
/// a node and a time — the k-label search (a node is queued once per destination, ordered by
/// time, node, destination) and the lazy greedy (a candidate re-queued with its true gain).
/// Every one-label search (`SearchWorkspace`, `IncrementalSearch`) uses `RadixHeap`, whose
/// monotone integer keys made W1 17–33 % faster than a comparison heap.
struct BinaryHeap<Element: HeapOrdered> {
    private var items: [Element] = []

    var isEmpty: Bool { items.isEmpty }
    var first: Element? { items.first }

    mutating func push(_ element: Element) {
        items.append(element)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[i].precedes(items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Element? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var smallest = i
                if l < items.count && items[l].precedes(items[smallest]) { smallest = l }
                if r < items.count && items[r].precedes(items[smallest]) { smallest = r }
                if smallest == i { break }
                items.swapAt(i, smallest)
                i = smallest
            }
        }
        return top
    }
}
