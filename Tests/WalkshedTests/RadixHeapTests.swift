import Testing
import Walkshed
import WalkshedTestSupport

/// Pops come out in key order against a plain sorted reference, over Dijkstra-like sequences
/// (every push ≥ the last pop), including equal keys, zero and −0.
@Test(arguments: 0..<200) func radixHeapPopsInKeyOrder(seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    var heap = RadixHeap(), reference: [Double] = []
    var last = 0.0
    for step in 0..<300 {
        if reference.isEmpty || Int.random(in: 0..<3, using: &rng) > 0 {
            let delta = [0.0, -0.0, 1, 0.25, 1e-9, 37.5, 1e6][Int.random(in: 0..<7, using: &rng)] * Double(Int.random(in: 0...3, using: &rng))
            let key = last + delta
            heap.push(Int32(step), seconds: key)
            reference.append(key)
        } else {
            reference.sort()
            let expected = reference.removeFirst()
            let (_, got) = heap.popMin()
            #expect(got == expected, "seed \(seed), step \(step)")
            last = got
        }
        #expect(heap.count == reference.count)
    }
    heap.removeAll()
    #expect(heap.isEmpty)
    heap.push(1, seconds: 5)
    #expect(heap.popMin() == (1, 5))
}

/// A copy owns its buffers: popping from one copy leaves the other's entries and order intact.
@Test func radixHeapCopiesAreIndependent() {
    var original = RadixHeap()
    for (i, key) in [5.0, 1, 3, 3, 8, 2].enumerated() { original.push(Int32(i), seconds: key) }
    _ = original.popMin()
    var copy = original
    var fromCopy: [Double] = []
    while !copy.isEmpty { fromCopy.append(copy.popMin().seconds) }
    copy.push(99, seconds: 100)
    var fromOriginal: [Double] = []
    while !original.isEmpty { fromOriginal.append(original.popMin().seconds) }
    #expect(fromCopy == [2, 3, 3, 5, 8])
    #expect(fromOriginal == fromCopy)
    #expect(copy.count == 1)
}
