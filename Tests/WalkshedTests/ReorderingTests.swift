import Testing
import Walkshed
import WalkshedTestSupport

/// Hilbert order is a permutation, and a renumbered graph answers W1 exactly as the original
/// under the new ids (same labels bit for bit), with its invariants intact.
@Test(arguments: 0..<20)
func renumberingInHilbertOrderKeepsAnswers(seed: UInt64) throws {
    var rng = SeededRandom(seed: 900 + seed)
    let graph = TinyNetwork.random(nodeCount: 120, edgeCount: 300, maxMetres: 150, rng: &rng)
    let order = graph.hilbertOrder()
    #expect(Set(order).count == graph.nodeCount && order.allSatisfy { $0 >= 0 && Int($0) < graph.nodeCount })
    let renamed = graph.renumbered(order)
    try renamed.checkInvariants()
    let costs = ProfileCosts(graph: graph, profile: .walk()), renamedCosts = ProfileCosts(graph: renamed, profile: .walk())
    let sources = (0..<4).map { _ in SearchSource(node: Int32(Int.random(in: 0..<120, using: &rng)), seconds: Float(Int.random(in: 0...30, using: &rng))) }
    var a = SearchWorkspace(nodeCount: 120), b = SearchWorkspace(nodeCount: 120)
    a.search(graph, costs: costs, from: sources)
    b.search(renamed, costs: renamedCosts, from: sources.map { SearchSource(node: order[Int($0.node)], seconds: $0.seconds) })
    for u in 0..<120 { #expect(a.seconds[u].bitPattern == b.seconds[Int(order[u])].bitPattern, "seed \(seed), node \(u)") }
}

/// Neighbours in the plane get near ids: on a 16 × 16 lattice, more street ends lie within 3
/// ids of each other in Hilbert order (every curve step is a street, and the 2 × 2 blocks
/// close up) than in row-major order (only the 240 east–west streets).
@Test func hilbertOrderKeepsNeighboursClose() {
    var points: [(Double, Double)] = [], edges: [(Int, Int, Float?)] = []
    for i in 0..<256 {
        let column = Double(i % 16), row = Double(i / 16)
        points.append((column * 100, row * 100))
        if i % 16 < 15 { edges.append((i, i + 1, nil)) }
        if i / 16 < 15 { edges.append((i, i + 16, nil)) }
    }
    let lattice = TinyNetwork.graph(nodes: points, edges: edges)
    let ids = lattice.hilbertOrder()
    var closeInHilbert = 0, closeInRows = 0
    for e in 0..<lattice.edgeCount {
        let t = Int(lattice.edgeTail[e]), h = Int(lattice.edgeHead[e])
        if abs(Int(ids[t]) - Int(ids[h])) <= 3 { closeInHilbert += 1 }
        if abs(t - h) <= 3 { closeInRows += 1 }
    }
    #expect(closeInRows == 240 && closeInHilbert >= 300, "\(closeInHilbert) of \(lattice.edgeCount) streets")
}
