import Testing
@testable import Walkshed
import WalkshedTestSupport

/// A hand-made town on one street along y = 0 from x = 0 to 2,000 m (nodes every 500 m; the
/// last stretch, 1,500–2,000, is steps):
///
///                        ◇ forest, 2 ha, nearest vertex (1000, 150)
///      ┌─P1─┐                                               P2 (0.4 ha)
///  A───┼────┼──────B──────────●──────C─────────S─────D──╫──R
///  100 200  300   750        1000   1350      1500   1900 1840–1860, rail R at 2000
///      └────┘  bus at 550     services         (steps from 1500)
///                             F (1000, −290)
///
/// P1 spans x 200–300, y −60–60 (1.2 ha), crossed by the street at x = 200 and 300; P2 spans
/// x 1840–1860, y −100–100 (0.4 ha). Residents: A 100, B 200, C 300, D 400, F 50 (1,050).
struct HandMadeTown {
    static func polygon(_ points: [(Double, Double)]) -> PlanarPolygon {
        PlanarPolygon(outerRings: [(points + [points[0]]).map { PlanarPoint(x: $0.0, y: $0.1) }])
    }

    static let city: City = {
        let graph = TinyNetwork.graph(nodes: [(0, 0), (500, 0), (1000, 0), (1500, 0), (2000, 0)],
                                      edges: [(0, 1, nil), (1, 2, nil), (2, 3, nil), (3, 4, nil)],
                                      classes: [.street, .street, .street, .steps])
        let parks = [
            Park(osmReference: "way/1", kind: "park", name: "P1", polygon: polygon([(200, -60), (300, -60), (300, 60), (200, 60)])),
            Park(osmReference: "way/2", kind: "playground", name: "P2", polygon: polygon([(1840, -100), (1860, -100), (1860, 100), (1840, 100)])),
        ]
        var services = [
            ServicePoint(category: .transit, position: PlanarPoint(x: 550, y: 0), osmReference: "node/1", name: "bus", transitCapacity: .low),
            ServicePoint(category: .transit, position: PlanarPoint(x: 2000, y: 0), osmReference: "node/2", name: "rail", transitCapacity: .high),
        ]
        for category in [ServiceCategory.food, .healthcare, .education, .civic, .culture] {
            services.append(ServicePoint(category: category, position: PlanarPoint(x: 1000, y: 0), osmReference: "node/3", name: ""))
        }
        var city = City(projection: UTMProjection(zone: 35, isNorth: true), graph: graph, parks: parks, services: services)
        city.greenSpaces = [Park(osmReference: "way/3", kind: "forest", name: "",
                                 polygon: polygon([(1000, 150), (1100, 250), (1000, 350), (900, 250)]))]
        return city
    }()

    static let points = [(100.0, 0.0), (750, 0), (1350, 0), (1900, 0), (1000, -290)].map { PlanarPoint(x: $0.0, y: $0.1) }
    static let residents: [Double] = [100, 200, 300, 400, 50]

    static func indicators(_ profile: TravelProfile, budgetMinutes: Double = 10, threads: Int = 1,
                           city: City = HandMadeTown.city) -> [String: Double?] {
        var options = IndicatorOptions()
        options.budgetMinutes = budgetMinutes
        options.threads = threads
        var diagnostics = Diagnostics()
        let result = StandardIndicators(city: city, profile: profile, points: points, residents: residents, options: options,
                                        diagnostics: &diagnostics)
        return Dictionary(uniqueKeysWithValues: result.values.map { ($0.id, $0.value) })
    }
}

func close(_ a: Double??, _ b: Double, tolerance: Double = 1e-6) -> Bool {
    guard let a, let a else { return false }
    return abs(a - b) <= tolerance
}

@Test func walkingIndicatorsOfTheHandMadeTown() {
    let v = HandMadeTown.indicators(.walk())
    // SDG 11.7.1, 400 m: A (100 m to P1's entrance at 200) and D (40 m to P2 at 1860).
    #expect(close(v["sdg_11_7_1"], 500.0 / 1050))
    // ParkServe, 805 m: also B (450 m to P1 at 300) and C (490 m to P2 at 1840); not F (290 + 700).
    #expect(close(v["parkserve_10_minutes"], 1000.0 / 1050))
    // 3-30-300, 300 m walk to ≥ 1 ha (P1, forest; not P2): only A. B is 250 + 150 m from the forest.
    #expect(close(v["rule_3_30_300"], 100.0 / 1050))
    // WHO, 300 m straight line: A (100 m to P1) and B (|750 − 1150| / √2 = 282.8 m to the forest's edge).
    #expect(close(v["who_green_0_5ha"], 300.0 / 1050))
    #expect(close(v["who_green_1ha"], 300.0 / 1050))
    // SDG 11.2.1: bus ≤ 500 m for A (450), B (200); rail ≤ 1 km for C (650), D (100); F is 290 + 1000 from rail.
    #expect(close(v["sdg_11_2_1"], 1000.0 / 1050))
    // 15-minute city at 80 m a minute. Mean metres to the (up to 20) nearest:
    // A park (100 + 1740)/2, services 900, transit (450 + 1900)/2; B 770, 250, 725; C 770, 350, 725;
    // D (1600 + 40)/2, 900, 725; F (990 + 1130)/2, 290, (740 + 1290)/2.
    let parkMetres: [Double] = [920, 770, 770, 820, 1060], serviceMetres: [Double] = [900, 250, 350, 900, 290]
    let transitMetres: [Double] = [1175, 725, 725, 725, 1015]
    var proximity: [Double] = []
    for i in 0..<5 {
        let metres: Double = parkMetres[i] + 5 * serviceMetres[i] + transitMetres[i]
        proximity.append(metres / 7 / 80)
    }
    let w = HandMadeTown.residents
    // Minutes are rounded to 0.01 per place (`MinuteRounding`), so means agree to 0.005.
    #expect(close(v["proximity_time"], zip(proximity, w).map(*).reduce(0, +) / 1050, tolerance: 0.005))
    let food: [Double] = [900, 250, 350, 900, 290], park: [Double] = [920, 770, 770, 820, 1060]
    #expect(close(v["mean20_food"], zip(food, w).map(*).reduce(0, +) / 1050 / 80, tolerance: 0.005))
    #expect(close(v["mean20_park"], zip(park, w).map(*).reduce(0, +) / 1050 / 80, tolerance: 0.005))
    // F15 with a 10-minute budget: A (11.78 min) and D (10.79) miss it.
    #expect(close(v["f15"], 550.0 / 1050))
    var gini = 0.0
    for i in 0..<5 { for j in 0..<5 { gini += w[i] * w[j] * abs(proximity[i] - proximity[j]) } }
    let mean = zip(proximity, w).map(*).reduce(0, +) / 1050
    #expect(close(v["proximity_gini"], gini / (2 * 1050 * 1050 * mean), tolerance: 1e-3))
}

@Test func wheelchairUsersLoseWhatOnlyStepsReach() {
    let v = HandMadeTown.indicators(.wheelchair())
    // D stands on the steps: 400 m from the nearest usable edge, beyond the 300 m snap limit.
    // P2 and the rail station lie on the steps too and cannot be reached.
    #expect(close(v["sdg_11_7_1"], 100.0 / 1050))
    #expect(close(v["parkserve_10_minutes"], 300.0 / 1050))
    #expect(close(v["rule_3_30_300"], 100.0 / 1050))
    #expect(close(v["sdg_11_2_1"], 300.0 / 1050))
    // straight-line distances do not depend on the profile
    #expect(close(v["who_green_0_5ha"], 300.0 / 1050))
}

@Test func categoriesMissingFromTheCityLeaveProximityToTheOthers() {
    var city = HandMadeTown.city
    city.services.removeAll { $0.category == .civic }
    let v = HandMadeTown.indicators(.walk(), city: city)
    #expect(v["mean20_civic"] == .some(nil))
    let parkMetres: [Double] = [920, 770, 770, 820, 1060], serviceMetres: [Double] = [900, 250, 350, 900, 290]
    let transitMetres: [Double] = [1175, 725, 725, 725, 1015]
    var weighted = 0.0
    for i in 0..<5 {
        let metres: Double = parkMetres[i] + 4 * serviceMetres[i] + transitMetres[i]
        weighted += metres / 6 / 80 * HandMadeTown.residents[i]
    }
    #expect(close(v["proximity_time"], weighted / 1050, tolerance: 0.005))
}

@Test func indicatorsDoNotDependOnThreads() {
    let one = HandMadeTown.indicators(.walk(), threads: 1), two = HandMadeTown.indicators(.walk(), threads: 2)
    #expect(one == two)
}

@Test func straightLineDistancesMatchBruteForce() {
    var rng = SeededRandom(seed: 7)
    for _ in 0..<50 {
        let polygons = (0..<5).map { _ in
            let x = Double.random(in: 0...2000, using: &rng), y = Double.random(in: 0...2000, using: &rng)
            let r = Double.random(in: 10...200, using: &rng)
            return HandMadeTown.polygon([(x - r, y), (x, y - r / 2), (x + r, y), (x, y + r)])
        }
        let points = (0..<200).map { _ in PlanarPoint(x: Double.random(in: -200...2200, using: &rng), y: Double.random(in: -200...2200, using: &rng)) }
        let limit = Double.random(in: 50...400, using: &rng)
        let fast = StraightLineDistances.nearest(from: points, to: polygons, limitMetres: limit)
        for (i, p) in points.enumerated() {
            let brute = polygons.map { $0.contains(p) ? 0 : $0.distanceToBoundary(p) }.min()!
            #expect(fast[i] == (brute <= limit ? brute : .infinity))
        }
    }
}
