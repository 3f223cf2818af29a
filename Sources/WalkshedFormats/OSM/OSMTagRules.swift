import Foundation
import Walkshed

/// Every rule that turns OSM tags into Walkshed's model lives in this file: what is walkable
/// and of which class, what is a park or green space, which service category a tag means,
/// and which route relations make greenways. The loader only applies these tables.
public enum OSMTagRules {
    // MARK: Walk network

    /// `highway=*` values a pedestrian may use, with the class each becomes.
    public static let walkableHighways: [String: EdgeClass] = [
        "footway": .footway, "path": .path, "pedestrian": .pedestrian, "steps": .steps,
        "cycleway": .cycleway, "bridleway": .bridleway, "track": .track, "corridor": .corridor,
        // A platform where passengers wait and walk to the doors: walked like a footway.
        "platform": .footway,
        "living_street": .livingStreet, "residential": .street, "service": .service,
        "unclassified": .street, "road": .street,
        "tertiary": .street, "tertiary_link": .street, "secondary": .street, "secondary_link": .street,
        "primary": .street, "primary_link": .street,
    ]
    /// Roads closed to pedestrians unless `foot=yes|designated|permissive` says otherwise.
    public static let motorRoads: Set<String> = ["motorway", "motorway_link", "trunk", "trunk_link"]
    /// Values of `foot` (and `bicycle`) that allow the way. `use_sidepath` is not among them: it
    /// means the separately mapped sidewalk or cycleway must be used, not the road itself.
    static let footYes: Set<String> = ["yes", "designated", "permissive", "official"]
    /// `access`/`foot` values that close a way. `customers` and `destination` stay open (the
    /// walk to a shop or a home is what is measured); `*:conditional` and seasonal tags are
    /// not read (the network is the usual one).
    static let accessNo: Set<String> = ["no", "private"]
    /// `sac_scale` grades beyond hiking (T4 and up: scrambling, climbing): no planning profile
    /// walks them. `mountain_hiking` (T3) and easier stay.
    static let sacScaleClimbing: Set<String> = ["demanding_mountain_hiking", "alpine_hiking", "demanding_alpine_hiking", "difficult_alpine_hiking"]

    /// The tables above as the rules read them for every kept way: `ShortStringTable`s (a
    /// value compared only with known values of its UTF-8 length, not hashed), and
    /// `bicycleByDefault` as a bit per class (by raw value).
    struct Lookup: Sendable {
        let walkableHighways = ShortStringTable(OSMTagRules.walkableHighways.map { (key: $0.key, value: $0.value) })
        let motorRoads = ShortStringTable(OSMTagRules.motorRoads)
        let footYes = ShortStringTable(OSMTagRules.footYes)
        let accessNo = ShortStringTable(OSMTagRules.accessNo)
        let sacScaleClimbing = ShortStringTable(OSMTagRules.sacScaleClimbing)
        let bicycleByDefault = OSMTagRules.bicycleByDefault.reduce(UInt64(0)) { $0 | 1 << $1.rawValue }
        let parkLeisure = ShortStringTable(OSMTagRules.parkLeisure)
        let parkLanduse = ShortStringTable(OSMTagRules.parkLanduse)
        let greenLanduse = ShortStringTable(OSMTagRules.greenLanduse)
        let greenNatural = ShortStringTable(OSMTagRules.greenNatural)
        let greenSpaceLanduse = ShortStringTable(OSMTagRules.greenSpaceLanduse)
        let greenSpaceNatural = ShortStringTable(OSMTagRules.greenSpaceNatural)
    }
    static let lookup = Lookup()

    /// The class of a walkable way, or nil when pedestrians may not use it.
    public static func walkClass(_ tags: OSMTags) -> EdgeClass? {
        guard let highway = tags["highway"] else { return nil }
        let foot = tags["foot"]
        if foot == "no" || foot == "use_sidepath" { return nil }
        if let grade = tags["sac_scale"], lookup.sacScaleClimbing.contains(grade) { return nil }
        if let access = tags["access"], lookup.accessNo.contains(access), !(foot.map(lookup.footYes.contains) ?? false) { return nil }
        if lookup.motorRoads.contains(highway) { return (foot.map(lookup.footYes.contains) ?? false) ? .street : nil }
        guard var edgeClass = lookup.walkableHighways[highway] else { return nil }
        if edgeClass == .footway || edgeClass == .path {
            switch tags["footway"] {
            case "sidewalk": edgeClass = .sidewalk
            case "crossing": edgeClass = .crossing
            default: break
            }
        }
        return edgeClass
    }

    /// Classes a bicycle may ride unless `bicycle=*` says otherwise.
    static let bicycleByDefault: Set<EdgeClass> = [.street, .livingStreet, .service, .cycleway, .track, .path]

    /// Flags of a walkable way (besides greenway, decided later from geometry).
    public static func walkFlags(_ tags: OSMTags, edgeClass: EdgeClass) -> EdgeFlags {
        var flags: EdgeFlags = []
        if tags["wheelchair"] == "no" { flags.insert(.wheelchairNo) }
        let bicycle = tags["bicycle"]
        if bicycle.map(lookup.footYes.contains) ?? (lookup.bicycleByDefault & 1 << edgeClass.rawValue != 0), bicycle != "no", bicycle != "dismount" {
            flags.insert(.bicycleAllowed)
        }
        if isSteepIncline(tags["incline"]) { flags.insert(.steepIncline) }
        return flags
    }

    /// Steepest running slope a wheelchair user is expected to manage: 8 % (a 1:12 ramp is 8.3 %).
    public static let wheelchairMaxInclinePercent = 8.0

    /// True for `incline=steep` or a slope beyond `wheelchairMaxInclinePercent`, given in
    /// percent (`12%`, `-10 %`) or degrees (`5°`); `up`, `down` and unparsable values are false.
    public static func isSteepIncline(_ value: String?) -> Bool {
        guard var text = value?.trimmingSpaces().lowercased() else { return false }
        if text == "steep" { return true }
        var percent: Double?
        if text.hasSuffix("%") {
            text.removeLast()
            percent = Double(text.trimmingSpaces())
        } else if text.hasSuffix("°") {
            text.removeLast()
            percent = Double(text.trimmingSpaces()).map { tan($0 * Double.pi / 180) * 100 }
        }
        return percent.map { abs($0) > wheelchairMaxInclinePercent } ?? false
    }

    /// True for a node whose kerb a wheelchair cannot cross: `kerb=raised`, or `kerb:height`
    /// above 3 cm (`0.06`, `6 cm`).
    public static func isRaisedKerb(_ tags: OSMTags) -> Bool {
        if tags["kerb"] == "raised" { return true }
        guard var height = tags["kerb:height"]?.trimmingSpaces().lowercased() else { return false }
        var scale = 1.0
        if height.hasSuffix("cm") { height.removeLast(2); scale = 0.01 } else if height.hasSuffix("m") { height.removeLast() }
        return (Double(height.trimmingSpaces()).map { $0 * scale > 0.03 }) ?? false
    }

    // MARK: Parks and green space

    /// Public parks by `leisure=*`, and by `landuse=*`; the value is the park kind.
    /// Every kind a park may have (`leisure` and `landuse` values), for `--park-kinds`.
    public static var parkKinds: Set<String> { parkLeisure.union(parkLanduse) }
    public static let parkLeisure: Set<String> = ["park", "garden", "playground", "nature_reserve", "common", "recreation_ground", "dog_park"]
    public static let parkLanduse: Set<String> = ["recreation_ground", "village_green"]
    /// Green or blue areas along which an off-street path is a greenway (parks included).
    /// Forest is green space, not a park.
    public static let greenLanduse: Set<String> = ["forest", "grass", "meadow", "recreation_ground", "village_green", "cemetery", "allotments", "orchard"]
    public static let greenNatural: Set<String> = ["wood", "scrub", "grassland", "heath", "wetland", "water", "beach"]
    public static let waterTags: [(key: String, value: String)] = [("waterway", "riverbank"), ("landuse", "reservoir"), ("landuse", "basin")]

    /// The park kind of an area (`park`, `garden`, …), or nil when it is not a public park.
    public static func parkKind(_ tags: OSMTags) -> String? {
        if let access = tags["access"], lookup.accessNo.contains(access) { return nil }
        if let leisure = tags["leisure"], lookup.parkLeisure.contains(leisure) { return leisure }
        if let landuse = tags["landuse"], lookup.parkLanduse.contains(landuse) { return landuse }
        return nil
    }

    /// Public green space that is not a park (WHO and 3-30-300 count it): `landuse=*` and
    /// `natural=*` values, the value being the kind. Water, wetland, beach, cemeteries and
    /// allotments are not counted.
    public static let greenSpaceLanduse: Set<String> = ["forest", "grass", "meadow"]
    public static let greenSpaceNatural: Set<String> = ["wood", "scrub", "grassland", "heath"]

    /// The green-space kind of an area that is not a park (`forest`, `wood`, `grass`, …), or nil.
    public static func greenSpaceKind(_ tags: OSMTags) -> String? {
        if let access = tags["access"], lookup.accessNo.contains(access) { return nil }
        if parkKind(tags) != nil { return nil }
        if let landuse = tags["landuse"], lookup.greenSpaceLanduse.contains(landuse) { return landuse }
        if let natural = tags["natural"], lookup.greenSpaceNatural.contains(natural) { return natural }
        return nil
    }

    /// True when an area is green or blue space for the greenway rule.
    public static func isGreenArea(_ tags: OSMTags) -> Bool {
        if let leisure = tags["leisure"], lookup.parkLeisure.contains(leisure) { return true }
        if let landuse = tags["landuse"], lookup.greenLanduse.contains(landuse) { return true }
        if let natural = tags["natural"], lookup.greenNatural.contains(natural) { return true }
        return waterTags.contains { tags[$0.key] == $0.value }
    }

    // MARK: Services

    /// Tag → service category. An object counts in every category one of its tags matches (a
    /// school node that is also a bus stop is education and transit); `values` nil matches any
    /// value but `no` and those in `except`.
    public static let serviceTags: [(key: String, values: Set<String>?, category: ServiceCategory, except: Set<String>)] = [
        ("shop", ["supermarket", "convenience", "grocery", "greengrocer", "bakery", "butcher", "deli", "cheese",
                  "seafood", "pastry", "farm", "health_food", "frozen_food", "general", "food", "dairy"], .food, []),
        ("amenity", ["marketplace"], .food, []),
        ("amenity", ["hospital", "clinic", "doctors", "dentist", "pharmacy"], .healthcare, []),
        ("healthcare", nil, .healthcare, []),
        ("amenity", ["school", "kindergarten", "college", "university", "childcare"], .education, []),
        ("highway", ["bus_stop"], .transit, []),
        ("railway", ["station", "halt", "tram_stop", "subway_entrance"], .transit, []),
        ("public_transport", ["platform", "station"], .transit, []),
        ("amenity", ["bus_station", "ferry_terminal"], .transit, []),
        ("amenity", ["townhall", "post_office", "police", "courthouse", "fire_station", "social_facility", "community_centre"], .civic, []),
        ("office", ["government"], .civic, []),
        ("amenity", ["library", "theatre", "cinema", "arts_centre"], .culture, []),
        ("tourism", ["museum", "gallery"], .culture, []),
        ("leisure", ["sports_centre", "fitness_centre", "swimming_pool", "stadium"], .culture, []),
        // Any office but a government one (civic) is a workplace; a co-working space too.
        ("office", nil, .work, ["government"]),
        ("amenity", ["coworking_space"], .work, []),
        ("amenity", ["restaurant", "cafe", "pub", "bar", "fast_food", "food_court", "ice_cream", "biergarten"], .eating, []),
    ]

    /// Every service category of an object, in `ServiceCategory` order (empty: none).
    public static func serviceCategories(_ tags: OSMTags) -> [ServiceCategory] {
        // A bit per category (by `allCases` index), so most objects, which match nothing, allocate nothing.
        // One pass over the object's few tags; each key is compared only with the service keys
        // of its UTF-8 length, and counts at its first tag, as `OSMTags`' subscript finds it.
        var found: UInt32 = 0, seen: UInt64 = 0
        let pairs = tags.pairs
        for i in pairs.indices {
            let length = pairs[i].key.utf8.count
            guard length < serviceKeyGroupsByLength.count else { continue }
            for g in serviceKeyGroupsByLength[length] where seen & (1 << g) == 0 && serviceRulesByKey[g].key == pairs[i].key {
                seen |= 1 << g
                for rule in serviceRulesByKey[g].rules where rule.matches(pairs[i].value) { found |= rule.bit }
            }
        }
        guard found != 0 else { return [] }
        return ServiceCategory.allCases.indices.filter { found & (1 << $0) != 0 }.map { ServiceCategory.allCases[$0] }
    }

    /// One `serviceTags` rule as `serviceCategories` applies it: its values in a list (a few
    /// comparisons cost less than hashing the value; values of another UTF-8 length never
    /// match, as for keys in `OSMTags`), its category as a bit.
    private struct ServiceRule: Sendable {
        var values: [String]?
        var except: [String]
        var bit: UInt32

        func matches(_ value: String) -> Bool {
            let length = value.utf8.count
            func listed(_ list: [String]) -> Bool { list.contains { $0.utf8.count == length && $0 == value } }
            return values.map(listed) ?? (value != "no" && !listed(except))
        }
    }

    /// `serviceTags` grouped by key, in the order keys first appear: an object's tags are
    /// searched once per key, not once per rule.
    private static let serviceRulesByKey: [(key: String, rules: [ServiceRule])] = {
        var groups: [(key: String, rules: [ServiceRule])] = []
        for rule in serviceTags {
            let compiled = ServiceRule(values: rule.values.map { Array($0) }, except: Array(rule.except),
                                       bit: UInt32(1) << ServiceCategory.allCases.firstIndex(of: rule.category)!)
            if let k = groups.firstIndex(where: { $0.key == rule.key }) { groups[k].rules.append(compiled) } else { groups.append((rule.key, [compiled])) }
        }
        return groups
    }()

    /// Indexes into `serviceRulesByKey` by the UTF-8 length of their key (fewer than 64 keys).
    private static let serviceKeyGroupsByLength: [[Int]] = {
        precondition(serviceRulesByKey.count < 64)
        var byLength = [[Int]](repeating: [], count: (serviceRulesByKey.map(\.key.utf8.count).max() ?? 0) + 1)
        for (g, group) in serviceRulesByKey.enumerated() { byLength[group.key.utf8.count].append(g) }
        return byLength
    }()

    /// A `public_transport=stop_area` relation: the platforms, stop positions, station and
    /// entrances of one stop, counted as one transit destination.
    public static func isStopArea(_ tags: OSMTags) -> Bool {
        tags["public_transport"] == "stop_area"
    }

    /// High-capacity transit (SDG 11.2.1: rail, metro, ferry): `railway=station|halt|subway_entrance`,
    /// `amenity=ferry_terminal`, or a `public_transport=station|platform` tagged `train`, `subway`,
    /// `light_rail`, `monorail` or `ferry` `=yes`. Everything else (bus stops, tram stops, bus
    /// stations, other platforms) is low capacity.
    public static func transitCapacity(_ tags: OSMTags) -> TransitCapacity {
        if let railway = tags["railway"], ["station", "halt", "subway_entrance"].contains(railway) {
            // a tram-only station is still low capacity
            let tramOnly = tags["station"] == "tram" || (tags["tram"] == "yes" && tags["train"] != "yes")
            return tramOnly ? .low : .high
        }
        if tags["amenity"] == "ferry_terminal" { return .high }
        if ["train", "subway", "light_rail", "monorail", "ferry"].contains(where: { tags[$0] == "yes" }) { return .high }
        return .low
    }

    // MARK: Residential buildings (population estimate)

    /// `building=*` values where people live, with the storeys assumed when `building:levels`
    /// is absent.
    public static let residentialBuildingLevels: [String: Double] = [
        "apartments": 4, "residential": 3, "dormitory": 3,
        "house": 2, "detached": 2, "semidetached_house": 2, "terrace": 2,
        "bungalow": 1, "farm": 1, "static_caravan": 1, "houseboat": 1,
    ]

    /// Storeys assumed for a `building=yes` inside `landuse=residential` without `building:levels`.
    public static let genericBuildingLevels = 2.0

    /// The residential kind of a building way, or nil.
    public static func residentialBuildingKind(_ tags: OSMTags) -> String? {
        guard let building = tags["building"], residentialBuildingLevels[building] != nil else { return nil }
        return building
    }

    /// True for a `building=yes` way: residential when it stands inside `landuse=residential`.
    public static func isGenericBuilding(_ tags: OSMTags) -> Bool { tags["building"] == "yes" }

    /// True for a residential area (`landuse=residential`).
    public static func isResidentialLanduse(_ tags: OSMTags) -> Bool { tags["landuse"] == "residential" }

    /// Storeys from `building:levels` (`5`, `3.5`, `4;5` takes the first), nil when absent or
    /// not a number in 1...200.
    public static func buildingLevels(_ value: String?) -> Double? {
        guard let value else { return nil }
        let first = value.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == " " }).first.map(String.init) ?? ""
        guard let levels = Double(first), levels >= 1, levels <= 200 else { return nil }
        return levels
    }

    // MARK: Which ways matter

    /// Keys of which a way needs at least one for any rule above to keep it (walkable, park,
    /// green or water area, service area; `building` only when buildings are kept). A way with
    /// none of them is dropped by the reader before its tags and nodes are decoded.
    public static func wayKeys(keepingBuildings: Bool) -> Set<String> {
        var keys: Set<String> = ["highway", "leisure", "landuse", "natural"]
        keys.formUnion(serviceTags.map(\.key))
        keys.formUnion(waterTags.map(\.key))
        if keepingBuildings { keys.insert("building") }
        return keys
    }

    /// Keys of which a node needs at least one for any node rule to use its tags (a service,
    /// a raised kerb): the only keys `serviceCategories` and `isRaisedKerb` read. The name and
    /// transit capacity are read only of a node that is a service. A node with none of them
    /// is delivered untagged.
    public static let nodeKeys: Set<String> = Set(serviceTags.map(\.key)).union(["kerb", "kerb:height"])

    // MARK: Relations

    /// `route=*` values whose member ways are greenways when path-like.
    public static let greenwayRoutes: Set<String> = ["hiking", "foot", "walking", "bicycle", "mtb", "running", "fitness_trail"]

    /// True for an area relation (`type=multipolygon`) we keep as park, green space or service area.
    public static func isAreaRelation(_ tags: OSMTags) -> Bool {
        tags["type"] == "multipolygon" && (parkKind(tags) != nil || isGreenArea(tags) || !serviceCategories(tags).isEmpty)
    }

    /// True for a walking/cycling route relation.
    public static func isGreenwayRoute(_ tags: OSMTags) -> Bool {
        tags["type"] == "route" && tags["route"].map(greenwayRoutes.contains) == true
    }
}
