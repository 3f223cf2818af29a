import Testing
import Walkshed
@testable import WalkshedFormats

private func scenarioError(_ text: String) -> String {
    do { _ = try ScenarioReader.read(bytes: Array(text.utf8), name: "s.json"); return "no error" } catch { return "\(error)" }
}

private let square = #"{"type": "Polygon", "coordinates": [[[24.9, 60.1], [24.91, 60.1], [24.91, 60.11], [24.9, 60.1]]]}"#

@Test func everyEditTypeReads() throws {
    let text = """
        {"version": 1, "name": "riverside", "edits": [
          {"type": "add_park", "name": "Riverside park", "geometry": \(square)},
          {"type": "add_path", "class": "cycleway", "greenway": false, "geometry": {"type": "LineString", "coordinates": [[24.9, 60.1], [24.91, 60.12]]}},
          {"type": "add_crossing", "from": [24.9, 60.1], "to": [24.9001, 60.1]},
          {"type": "add_bridge", "from": [24.9, 60.1], "to": [24.91, 60.1, 3]},
          {"type": "close_ways", "ways": [123, 1]},
          {"type": "close_area", "geometry": {"type": "MultiPolygon", "coordinates": [\(square.split(separator: ":", maxSplits: 2)[2].dropLast())]}},
          {"type": "add_services", "category": "food", "name": "Market", "points": [[24.9, 60.1], [24.95, 60.2]]},
          {"type": "remove_services", "ids": ["node/1"]},
          {"type": "set_speed", "profile": "senior", "kmh": 3.2}]}
        """
    let s = try ScenarioReader.read(bytes: Array(text.utf8), name: "dir/file.json")
    let ring = [(24.9, 60.1), (24.91, 60.1), (24.91, 60.11), (24.9, 60.1)].map { GeoCoordinate(longitude: $0.0, latitude: $0.1) }
    let a = GeoCoordinate(longitude: 24.9, latitude: 60.1)
    #expect(s == Scenario(name: "riverside", edits: [
        .addPark(name: "Riverside park", kind: "park", polygon: GeoPolygon(outerRings: [ring])),
        .addPath(points: [a, GeoCoordinate(longitude: 24.91, latitude: 60.12)], edgeClass: .cycleway, greenway: false),
        .addLink(from: a, to: GeoCoordinate(longitude: 24.9001, latitude: 60.1), edgeClass: .crossing),
        .addLink(from: a, to: GeoCoordinate(longitude: 24.91, latitude: 60.1), edgeClass: .footway),
        .closeWays([123, 1]),
        .closeArea(GeoPolygon(outerRings: [ring])),
        .addServices([ScenarioService(category: .food, name: "Market", coordinate: a),
                      ScenarioService(category: .food, name: "Market", coordinate: GeoCoordinate(longitude: 24.95, latitude: 60.2))]),
        .removeServices(references: ["node/1"], area: nil),
        .setSpeed(profile: "senior", kilometresPerHour: 3.2),
    ]))
    // Without a name, the file's name is the scenario's.
    let unnamed = try ScenarioReader.read(bytes: Array(#"{"version": 1, "edits": [{"type": "close_ways", "ways": [5]}]}"#.utf8), name: "dir/new-bridge.json")
    #expect(unnamed.name == "new-bridge")
}

@Test(arguments: [
    (#"{"version": 1, "edits": []}"#, "s.json: edits: error: expected a non-empty array"),
    (#"{"version": 1, "edits": [{"type": "add_pond"}]}"#,
     "s.json: edits[0].type: error: unknown edit type 'add_pond'; one of add_bridge, add_crossing, add_park, add_path, add_services, close_area, close_ways, remove_services, set_speed"),
    (#"{"version": 1, "edits": [{"type": "close_ways", "ways": [1.5]}]}"#, "s.json: edits[0].ways[0]: error: expected a positive whole OSM way id"),
    (#"{"version": 1, "edits": [{"type": "close_ways", "way": [1]}]}"#, "s.json: edits[0].way: error: unknown key"),
    (#"{"version": 1, "name": "../x", "edits": [{"type": "close_ways", "ways": [1]}]}"#,
     "s.json: name: error: '../x' must be 1…100 letters, digits, '-', '_' or '.' (not first): it names an output folder"),
    (#"{"version": 1, "edits": [{"type": "add_park", "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}}]}"#,
     "s.json: edits[0].geometry.coordinates[0]: error: a linear ring must end where it starts"),
    (#"{"version": 1, "edits": [{"type": "add_park", "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}}]}"#,
     "s.json: edits[0].geometry.coordinates[0]: error: expected at least 4 positions, got 3"),
    (#"{"version": 1, "edits": [{"type": "add_path", "geometry": {"type": "LineString", "coordinates": [[0, 0], [200, 0]]}}]}"#,
     "s.json: edits[0].geometry.coordinates[1]: error: longitude 200.0, latitude 0.0 is outside −180…180, −90…90"),
    (#"{"version": 1, "edits": [{"type": "add_path", "geometry": {"type": "Point", "coordinates": [0, 0]}}]}"#,
     "s.json: edits[0].geometry.type: error: expected LineString, got 'Point'"),
    (#"{"version": 1, "edits": [{"type": "add_path", "greenway": 1, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 0]]}}]}"#,
     "s.json: edits[0].greenway: error: expected true or false"),
    (#"{"version": 1, "edits": [{"type": "add_services", "category": "bakery", "points": [[0, 0]]}]}"#,
     "s.json: edits[0].category: error: unknown category 'bakery'; one of food, healthcare, education, transit, civic, culture, work, eating"),
    (#"{"version": 1, "edits": [{"type": "set_speed", "profile": "walk", "kmh": 0}]}"#,
     "s.json: edits[0].kmh: error: required, a speed in km/h above 0 and at most 100"),
    (#"{"version": 1, "edits": [{"type": "remove_services"}]}"#, "s.json: edits[0]: error: give ids, a geometry, or both"),
    (#"{"version": 1, "edits": [{"type": "add_crossing", "from": [0, 0]}]}"#, "s.json: edits[0].to: error: required, a position [longitude, latitude]"),
])
func malformedScenariosNameTheirPlace(text: String, message: String) {
    #expect(scenarioError(text) == message)
}

/// Writing a scenario and reading it back gives the same scenario (every edit type, exact
/// doubles, a multipolygon with holes), so a session saved by `walkshed serve` reruns exactly.
@Test func aWrittenScenarioReadsBackEqual() throws {
    let ring = [(24.9, 60.1), (24.91, 60.1), (24.91, 60.11), (24.9, 60.1)].map { GeoCoordinate(longitude: $0.0, latitude: $0.1) }
    let hole = [(24.902, 60.102), (24.903, 60.102), (24.903, 60.103), (24.902, 60.102)].map { GeoCoordinate(longitude: $0.0, latitude: $0.1) }
    let odd = GeoCoordinate(longitude: 24.123456789012345, latitude: 1e-7)
    let scenario = Scenario(name: "saved-1", edits: [
        .addPark(name: "Quote \" and \\ park", kind: "playground", polygon: GeoPolygon(outerRings: [ring], innerRings: [hole])),
        .addPath(points: [odd, ring[1]], edgeClass: .cycleway, greenway: false),
        .addLink(from: ring[0], to: ring[1], edgeClass: .crossing),
        .addLink(from: ring[0], to: ring[2], edgeClass: .footway),
        .closeWays([123, 9_000_000_001]),
        .closeArea(GeoPolygon(outerRings: [ring, ring.map { GeoCoordinate(longitude: $0.longitude + 1, latitude: $0.latitude) }], innerRings: [hole])),
        .addServices([ScenarioService(category: .culture, name: "Hall", coordinate: odd)]),
        .removeServices(references: ["node/1", "gtfs:feed/7"], area: GeoPolygon(outerRings: [ring])),
        .setSpeed(profile: "senior", kilometresPerHour: 3.2),
    ])
    let text = ScenarioWriter.text(scenario)
    let back = try ScenarioReader.read(bytes: Array(text.utf8), name: "x.json")
    #expect(back.name == scenario.name && back.edits.count == scenario.edits.count)
    for (k, (a, b)) in zip(back.edits, scenario.edits).enumerated() { #expect(a == b, "edit \(k): \(a) vs \(b)") }
    #expect(text.hasPrefix("{\"version\": 1, \"name\": \"saved-1\", \"edits\": [\n  {\"type\": \"add_park\", \"name\": \"Quote \\\" and \\\\ park\""))
}
