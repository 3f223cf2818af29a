import Testing
import Walkshed
@testable import WalkshedFormats

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
    (["shop": "supermarket"], ServiceCategory?.some(.food)),
    (["amenity": "pharmacy"], .healthcare),
    (["healthcare": "physiotherapist"], .healthcare),
    (["amenity": "kindergarten"], .education),
    (["highway": "bus_stop"], .transit),
    (["railway": "subway_entrance"], .transit),
    (["amenity": "townhall"], .civic),
    (["amenity": "library"], .culture),
    (["shop": "shoes"], nil),
    (["healthcare": "no"], nil),
])
func servicesFollowTheTable(pairs: [String: String], expected: ServiceCategory?) {
    #expect(OSMTagRules.serviceCategory(tags(pairs)) == expected)
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
    #expect(rings.open == 1)
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
