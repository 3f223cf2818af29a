import Foundation
import Walkshed

/// A generated city for benchmarks and tests at any size: a street grid of about `nodes`
/// intersections 100 m apart, perturbed by up to ±20 m, in districts of 32 × 32 blocks that
/// differ — a dense old town with diagonal lanes, suburbs with cul-de-sacs (a share of
/// streets missing), the rest plain grid — with a greenway corridor (footway, greenway flag)
/// every 24 rows and columns, a park of 1–4 blocks about every 400 nodes, services of every
/// category and residents per block. Nodes are numbered along a Hilbert curve (better cache
/// locality for searches). Deterministic: the same nodes and seed give the same city, byte for byte. Placed in UTM zone 32N (x from 500 km, y from 5,500 km).
public struct SyntheticCity: Sendable {
    public let city: City
    public let report: OSMLoadReport
    /// Residents per block centre (lon, lat, population), for `--population`.
    public let population: PopulationTable

    public static let spacingMetres = 100.0

    public init(nodes target: Int, seed: UInt64) {
        precondition(target >= 16, "a city needs at least 16 nodes")
        var rng = SplitMix(seed: seed)
        let side = Int(Double(target).squareRoot().rounded(.up))
        let projection = UTMProjection(zone: 32, isNorth: true)
        let x0 = 500_000.0, y0 = 5_500_000.0, s = SyntheticCity.spacingMetres
        func id(_ c: Int, _ r: Int) -> Int { r * side + c }
        func district(_ c: Int, _ r: Int) -> Int {   // 0 plain, 1 old town, 2 suburb
            let d = (c / 32) &* 73_856_093 ^ (r / 32) &* 19_349_663 ^ Int(truncatingIfNeeded: seed)
            return abs(d) % 5 == 0 ? 1 : abs(d) % 5 <= 2 ? 2 : 0
        }
        var nodeX = [Double](repeating: 0, count: side * side), nodeY = nodeX
        for r in 0..<side {
            for c in 0..<side {
                nodeX[id(c, r)] = x0 + Double(c) * s + Double.random(in: -20...20, using: &rng)
                nodeY[id(c, r)] = y0 + Double(r) * s + Double.random(in: -20...20, using: &rng)
            }
        }
        var tail: [Int32] = [], head: [Int32] = [], classes: [EdgeClass] = [], flags: [EdgeFlags] = []
        func add(_ a: Int, _ b: Int, _ edgeClass: EdgeClass, _ flag: EdgeFlags = []) {
            tail.append(Int32(a)); head.append(Int32(b)); classes.append(edgeClass); flags.append(flag)
        }
        for r in 0..<side {
            for c in 0..<side {
                let kind = district(c, r)
                for (dc, dr) in [(1, 0), (0, 1)] where c + dc < side && r + dr < side {
                    let corridor = dr == 0 ? r % 24 == 12 : c % 24 == 12
                    if corridor { add(id(c, r), id(c + dc, r + dr), .footway, .greenway); continue }
                    if kind == 2 && Double.random(in: 0..<1, using: &rng) < 0.22 { continue }   // suburb: a missing street
                    add(id(c, r), id(c + dc, r + dr), kind == 1 ? .livingStreet : .street)
                }
                if kind == 1, c + 1 < side, r + 1 < side, Double.random(in: 0..<1, using: &rng) < 0.3 {
                    add(id(c, r), id(c + 1, r + 1), .footway)   // old town: a diagonal lane
                }
            }
        }
        let metres = tail.indices.map { e in
            Float(PlanarPoint(x: nodeX[Int(tail[e])], y: nodeY[Int(tail[e])]).distance(to: PlanarPoint(x: nodeX[Int(head[e])], y: nodeY[Int(head[e])])))
        }
        // Every street is straight: no interior points.
        let edges = EdgeArrays(tails: tail, heads: head, metres: metres, classes: classes, flags: flags, wayIDs: tail.indices.map { Int64($0 + 1) },
                               interiorFirst: [Int32](repeating: 0, count: tail.count + 1), interiorX: [], interiorY: [])
        let full = StreetGraph(nodeX: nodeX, nodeY: nodeY, edges: edges)
        let (connected, dropped) = full.largestComponent()
        // Nodes numbered along a Hilbert curve: W1 on the 1M-node city ran 20 % faster than in
        // row-major order (Benchmarks/RESULTS.md, hilbert-order experiment).
        let graph = connected.renumbered(connected.hilbertOrder())

        var parks: [Park] = [], services: [ServicePoint] = []
        let blocks = (side - 1) * (side - 1)
        func blockCorner() -> (Int, Int) { (Int.random(in: 0..<(side - 1), using: &rng), Int.random(in: 0..<(side - 1), using: &rng)) }
        for k in 0..<max(1, blocks / 400) {
            let (c, r) = blockCorner()
            let w = Int.random(in: 1...2, using: &rng), h = Int.random(in: 1...2, using: &rng)
            let minX = x0 + Double(c) * s + 25, minY = y0 + Double(r) * s + 25
            let maxX = x0 + Double(min(side - 1, c + w)) * s - 25, maxY = y0 + Double(min(side - 1, r + h)) * s - 25
            let ring = [PlanarPoint(x: minX, y: minY), PlanarPoint(x: maxX, y: minY), PlanarPoint(x: maxX, y: maxY), PlanarPoint(x: minX, y: maxY), PlanarPoint(x: minX, y: minY)]
            parks.append(Park(osmReference: "generated/park/\(k)", kind: "park", name: "Park \(k + 1)", polygon: PlanarPolygon(outerRings: [ring])))
        }
        // One service per this many blocks; a category not listed gets one per 1,000.
        let blocksPerService: [ServiceCategory: Int] = [.food: 150, .healthcare: 1_500, .education: 800, .transit: 100, .civic: 2_000, .culture: 1_000]
        for category in ServiceCategory.allCases {
            let every = blocksPerService[category] ?? 1_000
            for k in 0..<max(1, blocks / every) {
                let (c, r) = blockCorner()
                let p = PlanarPoint(x: x0 + (Double(c) + Double.random(in: 0.2...0.8, using: &rng)) * s, y: y0 + (Double(r) + Double.random(in: 0.2...0.8, using: &rng)) * s)
                services.append(ServicePoint(category: category, position: p, osmReference: "generated/\(category.rawValue)/\(k)", name: "",
                                             transitCapacity: category == .transit ? (k % 10 == 0 ? .high : .low) : nil))
            }
        }
        var table = PopulationTable(header: ["block", "lon", "lat", "population"], rows: [], coordinates: [], residents: [])
        table.rows.reserveCapacity(blocks); table.coordinates.reserveCapacity(blocks); table.residents.reserveCapacity(blocks)
        for r in 0..<(side - 1) {
            for c in 0..<(side - 1) {
                let kind = district(c, r)
                let residents = Double(Int.random(in: kind == 1 ? 150...400 : kind == 2 ? 20...80 : 60...200, using: &rng))
                let g = projection.unproject(PlanarPoint(x: x0 + (Double(c) + 0.5) * s, y: y0 + (Double(r) + 0.5) * s))
                table.rows.append(["\(r * (side - 1) + c)", FixedPoint.format(g.longitude, decimals: 7), FixedPoint.format(g.latitude, decimals: 7), "\(Int(residents))"])
                table.coordinates.append(g)
                table.residents.append(residents)
            }
        }
        var report = OSMLoadReport(path: "generated: \(target) nodes, seed \(seed)", format: "Walkshed generate")
        report.nodesBeforeFilter = full.nodeCount
        report.edgesBeforeFilter = full.edgeCount
        report.components = dropped
        report.walkableWays = full.edgeCount
        report.greenwayEdges = graph.edgeFlags.reduce(0) { $0 + ($1.contains(.greenway) ? 1 : 0) }
        city = City(projection: projection, graph: graph, parks: parks, services: services, extent: graph.bounds)
        self.report = report
        population = table
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and the same on every platform.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
