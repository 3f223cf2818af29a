import Testing
import Walkshed
@testable import WalkshedFormats

func targetsError(_ text: String) -> String {
    do { _ = try TargetsReader.read(bytes: Array(text.utf8), name: "t.json"); return "no error" } catch { return "\(error)" }
}

@Test func targetsReadWithDefaults() throws {
    let targets = try TargetsReader.read(bytes: Array("""
        {"version": 1, "targets": [
          {"name": "parks", "measure": "park_minutes", "profile": "wheelchair", "within": 10, "min_population_share": 0.8},
          {"measure": "categories_within", "at_least": 5, "min_cell_share": 0.5}]}
        """.utf8), name: "t.json")
    #expect(targets == [
        AccessTarget(name: "parks", measure: .minutes(.park), profile: "wheelchair", withinMinutes: 10, basis: .population, minimumShare: 0.8),
        AccessTarget(name: "categories_within ≤ 15 min (walk) for ≥ 50.0 % of cells", measure: .categoriesWithin, profile: "walk",
                     withinMinutes: 15, atLeastCategories: 5, basis: .cells, minimumShare: 0.5),
    ])
}

@Test(arguments: [
    ("[1, 2]", "t.json: $: error: expected a JSON object"),
    ("{\"version\": 2, \"targets\": []}", "t.json: version: error: expected 1 (the only schema version), got 2"),
    ("{\"version\": \"1\", \"targets\": []}", "t.json: version: error: expected 1 (the only schema version), got the string \"1\""),
    ("{\"version\": 1, \"targets\": []}", "t.json: targets: error: expected a non-empty array"),
    ("{\"version\": 1, \"targest\": []}", "t.json: targest: error: unknown key"),
    ("{\"version\": 1, \"targets\": [{\"measure\": \"parks\", \"min_cell_share\": 1}]}",
     "t.json: targets[0].measure: error: unknown measure 'parks'; one of park_minutes, food_minutes, healthcare_minutes, education_minutes, transit_minutes, civic_minutes, culture_minutes, work_minutes, eating_minutes, greenway_minutes, categories_within"),
    ("{\"version\": 1, \"targets\": [{\"measure\": \"park_minutes\"}]}", "t.json: targets[0]: error: give exactly one of min_population_share and min_cell_share"),
    ("{\"version\": 1, \"targets\": [{\"measure\": \"park_minutes\", \"min_cell_share\": 1.5}]}", "t.json: targets[0].min_cell_share: error: a share between 0 and 1, got 1.5"),
    ("{\"version\": 1, \"targets\": [{\"measure\": \"park_minutes\", \"min_cell_share\": 1, \"within\": \"15\"}]}", "t.json: targets[0].within: error: expected a number"),
    ("{\"version\": 1, \"targets\": [{\"measure\": \"park_minutes\", \"min_cell_share\": 1, \"profile\": \"skate\"}]}", "t.json: targets[0].profile: error: one of walk, senior, wheelchair, bike"),
    ("{\"version\": 1, \"targets\": [{\"measure\": \"park_minutes\", \"min_cell_share\": 1, \"at_least\": 3}]}", "t.json: targets[0].at_least: error: only for categories_within"),
    ("{\"version\": 1, \"targets\": [{\"measure\": \"park_minutes\", \"min_cell_share\": 1, \"withn\": 3}]}", "t.json: targets[0].withn: error: unknown key"),
    (String(repeating: "[", count: 40), "t.json: byte 32: error: nested deeper than 32 levels"),
])
func malformedTargetsNameTheirPlace(text: String, message: String) {
    #expect(targetsError(text) == message)
}

/// Foundation bridges the JSON numbers 0 and 1 to Bool; they are numbers here, and `true` is not.
@Test func zeroAndOneAreNumbersAndBooleansAreNot() throws {
    let targets = try TargetsReader.read(bytes: Array(#"{"version": 1, "targets": [{"measure": "park_minutes", "within": 1, "min_population_share": 1}]}"#.utf8),
                                         name: "t.json")
    #expect(targets[0].withinMinutes == 1 && targets[0].minimumShare == 1)
    #expect(targetsError(#"{"version": 1, "targets": [{"measure": "park_minutes", "within": true, "min_cell_share": 0}]}"#)
        == "t.json: targets[0].within: error: expected a number")
}

@Test func brokenJSONIsNamed() {
    #expect(targetsError("{\"version\": 1,").hasPrefix("t.json: file: error: not valid JSON"))
}

/// Five places: minutes to parks and to two other sets; the middle one is off the network.
@Test func targetSharesCountResidentsAndCells() {
    let park = CoverageLayer(.minutes(.park), values: [3, 12, .nan, 20, 15])
    let food = CoverageLayer(.minutes(.service(.food)), values: [30, 5, .nan, 10, .nan])
    let layers = [park, food, CoverageLayer(.categoriesWithin, values: [1, 2, .nan, 1, 1])]
    let snapped = [true, true, false, true, true]
    let residents = [100.0, 200, 300, 0, 400]
    func share(_ t: AccessTarget) -> Double {
        t.measuredShare(layers: layers, kinds: [.park, .service(.food)], snapped: snapped, residents: t.basis == .population ? residents : nil)
    }
    // Parks ≤ 15 min: places 0, 1, 4 → residents (100 + 200 + 400) / 1000; cells 3 of 4 on the network.
    #expect(share(AccessTarget(name: "", measure: .minutes(.park), profile: "walk", withinMinutes: 15, basis: .population, minimumShare: 0)) == 0.7)
    #expect(share(AccessTarget(name: "", measure: .minutes(.park), profile: "walk", withinMinutes: 15, basis: .cells, minimumShare: 0)) == 0.75)
    // Both sets within 12 min: only place 1.
    #expect(share(AccessTarget(name: "", measure: .categoriesWithin, profile: "walk", withinMinutes: 12, basis: .cells, minimumShare: 0)) == 0.25)
    // At least one of them within 10: places 0, 1, 3 (cells) — residents 100 + 200 + 0.
    #expect(share(AccessTarget(name: "", measure: .categoriesWithin, profile: "walk", withinMinutes: 10, atLeastCategories: 1,
                               basis: .population, minimumShare: 0)) == 0.3)
}
