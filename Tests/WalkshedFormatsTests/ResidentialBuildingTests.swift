import Testing
import Walkshed
@testable import WalkshedFormats

/// Buildings near (3° E, 0°): an apartment block with 5 storeys tagged, a house without storeys,
/// a `building=yes` inside `landuse=residential` and one outside, and an office.
@Test func residentialBuildingsFollowTheTagRules() throws {
    func square(_ id: Int, _ lon: Double, _ lat: Double, _ tags: String) -> String {
        let d = 0.0002
        let nodes = [(lon, lat), (lon + d, lat), (lon + d, lat + d), (lon, lat + d)].enumerated().map { k, c in
            "<node id=\"\(id * 10 + k)\" lat=\"\(c.1)\" lon=\"\(c.0)\"/>"
        }.joined()
        let refs = (0..<4).map { "<nd ref=\"\(id * 10 + $0)\"/>" }.joined() + "<nd ref=\"\(id * 10)\"/>"
        return nodes + "<way id=\"\(id)\">\(refs)\(tags)</way>\n"
    }
    let text = "<osm version=\"0.6\">\n"
        + "<node id=\"1\" lat=\"0\" lon=\"2.99\"/><node id=\"2\" lat=\"0\" lon=\"3.02\"/><way id=\"9\"><nd ref=\"1\"/><nd ref=\"2\"/><tag k=\"highway\" v=\"footway\"/></way>\n"
        + square(100, 3.0, 0.001, "<tag k=\"building\" v=\"apartments\"/><tag k=\"building:levels\" v=\"5\"/>")
        + square(101, 3.001, 0.001, "<tag k=\"building\" v=\"house\"/>")
        + square(102, 3.0103, 0.0013, "<tag k=\"building\" v=\"yes\"/>")
        + square(103, 3.005, 0.005, "<tag k=\"building\" v=\"yes\"/>")
        + square(104, 3.002, 0.001, "<tag k=\"building\" v=\"office\"/>")
        + "<node id=\"201\" lat=\"0.001\" lon=\"3.01\"/><node id=\"202\" lat=\"0.001\" lon=\"3.011\"/><node id=\"203\" lat=\"0.002\" lon=\"3.011\"/><node id=\"204\" lat=\"0.002\" lon=\"3.01\"/>"
        + "<way id=\"200\"><nd ref=\"201\"/><nd ref=\"202\"/><nd ref=\"203\"/><nd ref=\"204\"/><nd ref=\"201\"/><tag k=\"landuse\" v=\"residential\"/></way>\n"
        + "</osm>\n"
    var options = OSMLoadOptions()
    options.keepResidentialBuildings = true
    let (city, _) = try OSMCityLoader.load(write(Array(text.utf8), "buildings.osm"), options: options)
    let byReference = Dictionary(uniqueKeysWithValues: city.residentialBuildings.map { ($0.osmReference, $0) })
    #expect(byReference.keys.sorted() == ["way/100", "way/101", "way/102"])
    let apartments = byReference["way/100"]!, house = byReference["way/101"]!, generic = byReference["way/102"]!
    #expect(apartments.levels == 5 && apartments.levelsTagged && apartments.kind == "apartments")
    #expect(house.levels == 2 && !house.levelsTagged)
    #expect(generic.levels == 2 && generic.kind == "yes")
    // 0.0002° squares at the equator: about 22.1 m a side in UTM zone 31.
    #expect(abs(apartments.footprintSquareMetres - 491) < 5)
    #expect(abs(apartments.estimatedResidents() - apartments.footprintSquareMetres * 5 / 35) < 1e-9)
    #expect(abs(house.estimatedResidents(floorAreaPerResident: 50) - house.footprintSquareMetres * 2 / 50) < 1e-9)
    // Without the option nothing is kept.
    let (plain, _) = try OSMCityLoader.load(write(Array(text.utf8), "buildings2.osm"))
    #expect(plain.residentialBuildings.isEmpty)
}
