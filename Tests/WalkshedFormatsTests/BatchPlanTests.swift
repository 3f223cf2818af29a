import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

/// A manifest of `count` studies (a few with 2 profiles) whose extracts weigh `bytes[k]`.
func syntheticManifest(_ count: Int, seed: UInt64) throws -> (BatchManifest, [String: Double]) {
    var random = SeededRandom(seed: seed)
    var studies: [String] = [], bytes: [String: Double] = [:]
    for k in 0..<count {
        let profiles = k % 3 == 0 ? "[\"walk\", \"wheelchair\"]" : "[\"walk\"]"
        studies.append("{\"label\": \"city\(k)\", \"extract\": \"/data/c\(k).osm.pbf\", \"profiles\": \(profiles)}")
        bytes["/data/c\(k).osm.pbf"] = Double(Int.random(in: 1_000...50_000_000, using: &random))
    }
    let text = "{\"version\": 1, \"studies\": [\(studies.joined(separator: ","))]}"
    return (try BatchManifestReader.read(bytes: Array(text.utf8), path: "m.json"), bytes)
}

/// For every shard count, each unit is on exactly one shard, the split is the same when
/// computed again, and no shard carries more than the lightest one plus the largest unit
/// (the bound of largest-first greedy placement).
@Test(arguments: [1, 2, 3, 4, 5, 8])
func shardsPartitionTheUnitsAndBalanceThem(count: Int) throws {
    for seed in 0..<20 as Range<UInt64> {
        let (manifest, bytes) = try syntheticManifest(17 + Int(seed), seed: seed)
        let plan = BatchPlan(manifest: manifest, boundaries: [:]) { bytes[$0] ?? 0 }
        let shards = (0..<count).map { plan.units(ofShard: $0, count: count) }
        #expect(shards.flatMap { $0 }.map(\.id).sorted() == plan.units.map(\.id).sorted(), "seed \(seed)")
        #expect(plan.shardOfEachUnit(count: count) == BatchPlan(manifest: manifest, boundaries: [:]) { bytes[$0] ?? 0 }.shardOfEachUnit(count: count))
        let loads = shards.map { $0.reduce(0) { $0 + $1.estimatedSize } }
        let largest = plan.units.map(\.estimatedSize).max()!
        #expect(loads.max()! - loads.min()! <= largest, "seed \(seed): loads \(loads)")
        for shard in shards {   // run order: a study's units together, in plan order
            let order = shard.map { unit in plan.units.firstIndex { $0.id == unit.id }! }
            #expect(order == order.sorted())
        }
    }
}

@Test func boundaryUnitsShareTheExtractByArea() throws {
    let manifest = try BatchManifestReader.read(bytes: Array("""
    {"version": 1, "options": {"profiles": ["walk", "bike"]},
     "studies": [{"label": "region", "extract": "r.osm.pbf", "boundaries": "b.geojson", "scenarios": ["s.json"]}]}
    """.utf8), path: "/work/m.json")
    func square(_ side: Double) -> GeoPolygon {
        GeoPolygon(outerRings: [[GeoCoordinate(longitude: 0, latitude: 0), GeoCoordinate(longitude: side, latitude: 0),
                                 GeoCoordinate(longitude: side, latitude: side), GeoCoordinate(longitude: 0, latitude: side),
                                 GeoCoordinate(longitude: 0, latitude: 0)]])
    }
    let boundaries = [NamedBoundary(name: "Big Town", polygon: square(3)), NamedBoundary(name: "São João", polygon: square(1)),
                      NamedBoundary(name: "big town!", polygon: square(1))]
    let plan = BatchPlan(manifest: manifest, boundaries: ["region": boundaries]) { $0 == "/work/r.osm.pbf" ? 1_100 : 0 }
    #expect(plan.units.map(\.id) == ["region--big-town--walk", "region--big-town--bike", "region--sao-joao--walk", "region--sao-joao--bike",
                                     "region--big-town-2--walk", "region--big-town-2--bike"])
    // 1,100 bytes × 1.5 (one scenario), shared 9 : 1 : 1 by area.
    #expect(plan.units.map(\.estimatedSize) == [1_350, 1_350, 150, 150, 150, 150])
}

@Test func manifestFaultsNameTheFileAndPlace() throws {
    func fault(_ text: String) -> String {
        do { _ = try BatchManifestReader.read(bytes: Array(text.utf8), path: "m.json"); return "no error" } catch { return "\(error)" }
    }
    let study = "\"label\": \"a\", \"extract\": \"a.pbf\""
    #expect(fault("{\"version\": 2, \"studies\": []}") == "m.json: version: error: expected 1 (the only schema version), got 2")
    #expect(fault("{\"version\": 1, \"studies\": []}") == "m.json: studies: error: expected a non-empty array")
    #expect(fault("{\"version\": 1, \"studies\": [{\(study), \"profile\": \"walk\"}]}") == "m.json: studies[0].profile: error: unknown key")
    #expect(fault("{\"version\": 1, \"studies\": [{\"label\": \"a/b\", \"extract\": \"x\"}]}")
            == "m.json: studies[0].label: error: required: letters, digits, '-', '_' or '.', at most 64, not starting with '.'")
    #expect(fault("{\"version\": 1, \"studies\": [{\(study)}, {\(study)}]}") == "m.json: studies[1].label: error: 'a' names two studies")
    #expect(fault("{\"version\": 1, \"studies\": [{\(study), \"profiles\": [\"walk\", \"skate\"]}]}")
            == "m.json: studies[0].profiles[1]: error: unknown profile 'skate'; one of \(TravelProfile.presetNames.joined(separator: ", "))")
    #expect(fault("{\"version\": 1, \"options\": {\"budgets\": [15, 0]}, \"studies\": [{\(study)}]}")
            == "m.json: options.budgets[1]: error: 0.0 is outside 1.0…1440.0")
    #expect(fault("{\"version\": 1, \"studies\": [{\(study), \"boundary_name\": \"name\"}]}")
            == "m.json: studies[0].boundary_name: error: needs \"boundaries\"")
    let manifest = try BatchManifestReader.read(bytes: Array("{\"version\": 1, \"studies\": [{\(study), \"population\": \"buildings\", \"gtfs\": [\"/abs/g.zip\", \"g2.zip\"]}]}".utf8),
                                                path: "/runs/m.json")
    #expect(manifest.studies[0].request.extract == "/runs/a.pbf" && manifest.studies[0].request.population == "buildings")
    #expect(manifest.studies[0].request.gtfs == ["/abs/g.zip", "/runs/g2.zip"])
    #expect(manifest.studies[0].profiles == ["walk"] && manifest.studies[0].budgets == [15])
}

@Test func boundaryFaultsNameTheFeature() throws {
    func fault(_ text: String) -> String {
        do { _ = try BoundaryReader.read(bytes: Array(text.utf8), path: "b.geojson", nameProperty: "name"); return "no error" } catch { return "\(error)" }
    }
    let ring = "[[[0,0],[1,0],[1,1],[0,0]]]"
    #expect(fault("{\"type\": \"Feature\"}") == "b.geojson: type: error: expected \"FeatureCollection\"")
    #expect(fault("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"nom\": \"x\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": \(ring)}}]}")
            == "b.geojson: features[0].properties.name: error: expected the boundary's name, a non-empty string")
    let twice = "{\"type\": \"Feature\", \"properties\": {\"name\": \"x\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": \(ring)}}"
    #expect(fault("{\"type\": \"FeatureCollection\", \"features\": [\(twice), \(twice)]}") == "b.geojson: features[1].properties.name: error: 'x' names two boundaries")
    #expect(fault("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"name\": \"x\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [0, 0]}}]}")
            == "b.geojson: features[0].geometry.type: error: expected Polygon or MultiPolygon, got 'Point'")
}

@Test func shardSelectionFromArgumentsAndSchedulers() throws {
    #expect(ShardSelection(parsing: "0/1") == ShardSelection(index: 0, count: 1))
    #expect(ShardSelection(parsing: "4/5") == ShardSelection(index: 4, count: 5))
    for bad in ["5/5", "-1/3", "1", "1/0", "a/b", "1/2/3", ""] { #expect(ShardSelection(parsing: bad) == nil, "\(bad)") }
    #expect(try ShardSelection.fromEnvironment([:], count: 3) == nil)
    #expect(try ShardSelection.fromEnvironment(["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_COUNT": "4"], count: nil)
            == ShardSelection(index: 2, count: 4))
    #expect(try ShardSelection.fromEnvironment(["JOB_COMPLETION_INDEX": "1"], count: 2) == ShardSelection(index: 1, count: 2))
    #expect(throws: ShardSelectionError("JOB_COMPLETION_INDEX is set; pass --shards <N> with the number of array tasks")) {
        try ShardSelection.fromEnvironment(["JOB_COMPLETION_INDEX": "1"], count: nil)
    }
    #expect(throws: ShardSelectionError("AWS_BATCH_JOB_ARRAY_INDEX gives index 4, but there are 4 shards")) {
        try ShardSelection.fromEnvironment(["AWS_BATCH_JOB_ARRAY_INDEX": "4"], count: 4)
    }
    #expect(throws: ShardSelectionError("SLURM_ARRAY_TASK_ID=x is not an index ≥ 0")) {
        try ShardSelection.fromEnvironment(["SLURM_ARRAY_TASK_ID": "x"], count: 2)
    }
}
