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
