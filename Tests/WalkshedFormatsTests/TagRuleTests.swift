import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

func tags(_ pairs: [String: String]) -> OSMTags { OSMTags(pairs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }) }

@Test(arguments: [
    (["highway": "residential"], EdgeClass?.some(.street)),
    (["highway": "footway", "footway": "sidewalk"], .sidewalk),
    (["highway": "footway", "footway": "crossing"], .crossing),
    (["highway": "steps"], .steps),
    (["highway": "motorway"], nil),
    (["highway": "trunk", "foot": "yes"], .street),
    (["highway": "service", "access": "private"], nil),
    (["highway": "path", "access": "no", "foot": "designated"], .path),
    (["highway": "cycleway", "foot": "no"], nil),
    (["highway": "construction"], nil),
    (["building": "yes"], nil),
    // foot=use_sidepath: walk on the separate sidewalk, not on the road (issue 21).
    (["highway": "trunk", "foot": "use_sidepath"], nil),
    (["highway": "primary", "access": "no", "foot": "use_sidepath"], nil),
    (["highway": "secondary", "foot": "use_sidepath"], nil),
    (["highway": "residential", "sidewalk": "separate"], .street),
    (["highway": "path", "sac_scale": "alpine_hiking"], nil),
    (["highway": "path", "sac_scale": "mountain_hiking"], .path),
    (["highway": "service", "access": "customers"], .service),
    (["highway": "residential", "access": "destination"], .street),
])
func walkabilityFollowsTheTable(pairs: [String: String], expected: EdgeClass?) {
    #expect(OSMTagRules.walkClass(tags(pairs)) == expected)
}

@Test(arguments: [
    (["shop": "supermarket"], [ServiceCategory.food]),
    (["amenity": "pharmacy"], [.healthcare]),
    (["healthcare": "physiotherapist"], [.healthcare]),
    (["amenity": "kindergarten"], [.education]),
    (["highway": "bus_stop"], [.transit]),
    (["railway": "subway_entrance"], [.transit]),
    (["amenity": "townhall"], [.civic]),
    (["amenity": "library"], [.culture]),
    (["amenity": "cafe"], [.eating]),
    (["amenity": "restaurant"], [.eating]),
    (["office": "government"], [.civic]),
    (["office": "company"], [.work]),
    // Two categories: a school that is also a bus stop counts in both.
    (["amenity": "school", "highway": "bus_stop"], [.education, .transit]),
    (["amenity": "cafe", "leisure": "sports_centre"], [.culture, .eating]),
    (["shop": "shoes"], []),
    (["healthcare": "no"], []),
])
func servicesFollowTheTable(pairs: [String: String], expected: [ServiceCategory]) {
    #expect(OSMTagRules.serviceCategories(tags(pairs)) == expected)
}

@Test func parksAndGreenSpace() {
    #expect(OSMTagRules.parkKind(tags(["leisure": "park"])) == "park")
    #expect(OSMTagRules.parkKind(tags(["leisure": "garden", "access": "private"])) == nil)
    #expect(OSMTagRules.parkKind(tags(["landuse": "forest"])) == nil)          // green space, not a park
    #expect(OSMTagRules.isGreenArea(tags(["landuse": "forest"])))
    #expect(OSMTagRules.isGreenArea(tags(["natural": "water"])))
    #expect(!OSMTagRules.isGreenArea(tags(["landuse": "residential"])))
    #expect(OSMTagRules.isGreenwayRoute(tags(["type": "route", "route": "hiking"])))
    #expect(!OSMTagRules.isGreenwayRoute(tags(["type": "route", "route": "bus"])))
}

//   way 10: 1 → 2 → 3        way 11: 5 → 4 → 3 (reversed)      way 12: 5 → 1
//   together: the ring 1 2 3 4 5 1
@Test func multipolygonRingsJoinReversedPieces() {
    let rings = MultipolygonAssembler.rings(from: [[1, 2, 3], [5, 4, 3], [5, 1], [7, 8]])
    #expect(rings.closed == [[1, 2, 3, 4, 5, 1]])
    #expect(rings.open == [[7, 8]])
}

@Test(arguments: [("10%", true), ("-12 %", true), ("8%", false), ("8.5%", true), ("5%", false), ("5°", true),
                  ("4°", false), ("steep", true), ("up", false), ("down", false), ("12", false)])
func steepInclinesFollowTheEightPercentRule(value: String, steep: Bool) {
    // 5° is tan(5°) = 8.75 %; 4° is 6.99 %. A bare number has no unit and is not trusted.
    #expect(OSMTagRules.isSteepIncline(value) == steep)
}

@Test func raisedKerbs() {
    #expect(OSMTagRules.isRaisedKerb(tags(["kerb": "raised"])))
    #expect(!OSMTagRules.isRaisedKerb(tags(["kerb": "lowered"])))
    #expect(!OSMTagRules.isRaisedKerb(tags(["kerb": "flush"])))
    #expect(OSMTagRules.isRaisedKerb(tags(["kerb:height": "0.06"])))
    #expect(OSMTagRules.isRaisedKerb(tags(["kerb:height": "6 cm"])))
    #expect(!OSMTagRules.isRaisedKerb(tags(["kerb:height": "2 cm"])))
    #expect(OSMTagRules.walkFlags(tags(["highway": "footway", "incline": "15%"]), edgeClass: .footway).contains(.steepIncline))
}

/// The file of issue 21: a residential road, a trunk with `foot=use_sidepath` and a primary
/// with `access=no` + `foot=use_sidepath`: one walkable way (it was three).
@Test func roadsWithUseSidepathAreNotWalked() throws {
    let xml = """
        <osm version="0.6">
        <node id="1" lat="60.1700" lon="24.9400"/><node id="2" lat="60.1710" lon="24.9400"/>
        <node id="3" lat="60.1720" lon="24.9400"/><node id="4" lat="60.1730" lon="24.9400"/>
        <way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
        <way id="2"><nd ref="2"/><nd ref="3"/><tag k="highway" v="trunk"/><tag k="foot" v="use_sidepath"/></way>
        <way id="3"><nd ref="3"/><nd ref="4"/><tag k="highway" v="primary"/><tag k="access" v="no"/><tag k="foot" v="use_sidepath"/></way>
        </osm>

        """
    let path = write(Array(xml.utf8), "sidepath.osm")
    let (city, report) = try OSMCityLoader.load(path)
    #expect(report.walkableWays == 1)
    #expect(city.graph.edgeCount == 1)
}

/// A school node that is also a bus stop counts in education and in transit (it counted only
/// as education), and a café is eating out, not culture: a hand-made extract.
@Test func aFeatureCountsInEachOfItsCategories() throws {
    let xml = """
        <osm version="0.6">
        <node id="1" lat="60.1700" lon="24.9400"/><node id="2" lat="60.1710" lon="24.9400"/>
        <node id="3" lat="60.1705" lon="24.9401"><tag k="amenity" v="school"/><tag k="highway" v="bus_stop"/></node>
        <node id="4" lat="60.1706" lon="24.9401"><tag k="amenity" v="cafe"/></node>
        <node id="5" lat="60.1707" lon="24.9401"><tag k="amenity" v="library"/></node>
        <way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
        </osm>

        """
    let city = try OSMCityLoader.load(write(Array(xml.utf8), "two-categories.osm")).city
    let counts = city.serviceCounts()
    #expect(counts[.education] == 1 && counts[.transit] == 1 && counts[.eating] == 1 && counts[.culture] == 1)
    #expect(city.services.filter { $0.osmReference == "node/3" }.map(\.category) == [.education, .transit])
}

/// On the Helsinki sample: culture was 471 destinations against 9 schools, nearly all cafés and
/// restaurants; eating out now holds those, and features tagged for two categories count twice.
@Test func helsinkiCultureIsNoLongerCafés() throws {
    let city = try OSMCityLoader.load(RepositoryPaths.network("helsinki.osm.pbf")).city
    let counts = city.serviceCounts()
    #expect(counts[.culture] == 42 && counts[.eating] == 431)
    #expect(counts[.culture]! + counts[.eating]! > 471)   // a café with a sports centre is both
    let twice = Dictionary(grouping: city.services, by: \.osmReference).filter { Set($0.value.map(\.category)).count > 1 }
    #expect(twice.count == 3)
}

/// `serviceCategories` (rules grouped by key, values in lists) gives what the `serviceTags`
/// table says read rule by rule, on random objects made of the table's keys and values, `no`,
/// unlisted values, unrelated tags and a key given twice.
@Test func servicesEqualTheTableReadRuleByRule() {
    func reference(_ tags: OSMTags) -> [ServiceCategory] {
        var found = Set<ServiceCategory>()
        for rule in OSMTagRules.serviceTags {
            guard let value = tags[rule.key] else { continue }
            if rule.values?.contains(value) ?? (value != "no" && !rule.except.contains(value)) { found.insert(rule.category) }
        }
        return ServiceCategory.allCases.filter(found.contains)
    }
    let keys = Array(Set(OSMTagRules.serviceTags.map(\.key))).sorted() + ["name", "building", "surface"]
    let values = Array(Set(OSMTagRules.serviceTags.flatMap { ($0.values ?? []).union($0.except) })).sorted()
        + ["no", "yes", "shoes", "physiotherapist", "bus_stops", "caf"]
    var generator = SeededRandom(seed: 4_211)
    var matched = 0
    for _ in 0..<5_000 {
        var pairs: [(key: String, value: String)] = []
        for key in keys.shuffled(using: &generator).prefix(Int.random(in: 0...4, using: &generator)) {
            pairs.append((key, values.randomElement(using: &generator)!))
        }
        // A key given twice (XML allows it): its first value counts.
        if let repeated = pairs.randomElement(using: &generator), Bool.random(using: &generator) {
            pairs.append((repeated.key, values.randomElement(using: &generator)!))
        }
        let tags = OSMTags(pairs)
        let expected = reference(tags)
        #expect(OSMTagRules.serviceCategories(tags) == expected, "\(pairs)")
        if !expected.isEmpty { matched += 1 }
    }
    #expect(matched > 500)
}

@Test func shortStringTablesFindExactlyTheirKeys() {
    let table = ShortStringTable([(key: "a", value: 1), (key: "ab", value: 2), (key: "ba", value: 3), (key: "", value: 4), (key: "café", value: 5)])
    #expect(table["a"] == 1 && table["ab"] == 2 && table["ba"] == 3 && table[""] == 4 && table["café"] == 5)
    #expect(table["b"] == nil && table["abc"] == nil && table["aa"] == nil && table["cafe"] == nil && table["a much longer value"] == nil)
    let set = ShortStringTable(["yes", "no"])
    #expect(set.contains("yes") && set.contains("no") && !set.contains("ye") && !set.contains("yes "))
}

@Test func wayRuleLookupsAgreeWithTheirTables() {
    let lookup = OSMTagRules.lookup
    let sets: [(Set<String>, ShortStringTable<Void>)] = [
        (OSMTagRules.motorRoads, lookup.motorRoads), (OSMTagRules.footYes, lookup.footYes), (OSMTagRules.accessNo, lookup.accessNo),
        (OSMTagRules.sacScaleClimbing, lookup.sacScaleClimbing), (OSMTagRules.parkLeisure, lookup.parkLeisure),
        (OSMTagRules.parkLanduse, lookup.parkLanduse), (OSMTagRules.greenLanduse, lookup.greenLanduse),
        (OSMTagRules.greenNatural, lookup.greenNatural), (OSMTagRules.greenSpaceLanduse, lookup.greenSpaceLanduse),
        (OSMTagRules.greenSpaceNatural, lookup.greenSpaceNatural),
    ]
    // Every value any table knows, and near misses of them.
    let known = sets.flatMap(\.0) + Array(OSMTagRules.walkableHighways.keys)
    let values = known + known.map { String($0.dropLast()) } + known.map { $0 + "s" } + ["", "yes", "Park", "no "]
    for value in values {
        for (set, table) in sets { #expect(table.contains(value) == set.contains(value), "\(value)") }
        #expect(lookup.walkableHighways[value] == OSMTagRules.walkableHighways[value], "\(value)")
    }
    for edgeClass in EdgeClass.allCases {
        #expect((lookup.bicycleByDefault & 1 << edgeClass.rawValue != 0) == OSMTagRules.bicycleByDefault.contains(edgeClass))
    }
}
