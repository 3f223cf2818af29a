import Testing
import Walkshed
import WalkshedTestSupport

@Test(arguments: 0..<100)
func heapPopsInKeyThenIdOrder(seed: Int) {
    var rng = SeededRandom(seed: UInt64(seed))
    let capacity = 64
    var heap = QuaternaryHeap(capacity: capacity)
    var reference: [Int32: Double] = [:]
    for _ in 0..<200 {
        let id = Int32(Int.random(in: 0..<capacity, using: &rng))
        let key = Double(Int.random(in: 0...30, using: &rng))
        heap.pushOrDecrease(id, key: key)
        reference[id] = min(reference[id] ?? .infinity, key)
    }
    var popped: [(Int32, Double)] = []
    while !heap.isEmpty {
        let top = heap.popMin()
        popped.append((top.id, top.key))
    }
    let expected = reference.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
    #expect(popped.map(\.0) == expected.map(\.key), "seed \(seed)")
    #expect(popped.map(\.1) == expected.map(\.value), "seed \(seed)")
}
