import Foundation
import Testing
import Walkshed
import WalkshedFormats
import WalkshedTestSupport

struct CountingHandler: OSMEntityHandler {
    var nodes = 0, ways = 0, relations = 0, taggedNodes = 0
    var firstNode: (Int64, Double, Double)?
    mutating func node(id: Int64, latitude: Double, longitude: Double, tags: OSMTags) {
        if firstNode == nil { firstNode = (id, latitude, longitude) }
        nodes += 1
        if !tags.isEmpty { taggedNodes += 1 }
    }
    mutating func way(_ way: OSMWay) { ways += 1 }
    mutating func relation(_ relation: OSMRelation) { relations += 1 }
}

/// Object counts from libosmium (pyosmium 4) reading the same files; the data README lists
/// 24,260 / 5,130 for Helsinki too.
@Test(arguments: [("helsinki.osm.pbf", 24_260, 5_130, 620), ("helsinki-test.osm.pbf", 14_222, 2_653, 5),
                  ("helsinki-test.osm", 14_222, 2_653, 5)])
func readersCountEveryObject(file: String, nodes: Int, ways: Int, relations: Int) throws {
    var counter = CountingHandler()
    try OSMFile.open(RepositoryPaths.network(file)).read(.all, into: &counter)
    #expect(counter.nodes == nodes && counter.ways == ways && counter.relations == relations)
}

@Test func firstNodeOfThePBFMatchesItsXMLText() throws {
    // libosmium wrote the XML's first node as id 246991, lat 60.5319394, lon 26.9609156.
    var counter = CountingHandler()
    try OSMFile.open(RepositoryPaths.network("helsinki-test.osm.pbf")).read(.nodes, into: &counter)
    let first = try #require(counter.firstNode)
    #expect(first.0 == 246_991 && first.1 == 60.5319394 && first.2 == 26.9609156)
}

@Test func pbfAndXMLGiveTheSameCity() throws {
    let (pbf, pbfReport) = try OSMCityLoader.load(RepositoryPaths.network("helsinki-test.osm.pbf"))
    let (xml, xmlReport) = try OSMCityLoader.load(RepositoryPaths.network("helsinki-test.osm"))
    let a = pbf.graph, b = xml.graph
    #expect(a.nodeCount == b.nodeCount && a.edgeCount == b.edgeCount)
    #expect(a.firstOut == b.firstOut && a.head == b.head)
    #expect(a.nodeX == b.nodeX && a.nodeY == b.nodeY)
    #expect(a.edgeMetres == b.edgeMetres && a.edgeClass == b.edgeClass && a.edgeFlags == b.edgeFlags)
    #expect(a.edgeWayID == b.edgeWayID && a.interiorFirst == b.interiorFirst && a.interiorX == b.interiorX && a.interiorY == b.interiorY)
    #expect(pbf.parks.map(\.osmReference) == xml.parks.map(\.osmReference))
    #expect(pbf.parks.map(\.areaSquareMetres) == xml.parks.map(\.areaSquareMetres))
    #expect(pbf.services.map(\.osmReference) == xml.services.map(\.osmReference))
    #expect(pbfReport.diagnostics == xmlReport.diagnostics)
    #expect(pbfReport.missingHighwayNodeReferences == xmlReport.missingHighwayNodeReferences)
    #expect(a.nodeCount > 400)
}

/// The data README: "912 of its 11,974 highway node references point to nodes that are not in
/// the file" (Networks/helsinki.osm.pbf is that file, byte for byte).
@Test func clippedExtractLoadsWithCountedMissingReferences() throws {
    let (city, report) = try OSMCityLoader.load(RepositoryPaths.network("helsinki.osm.pbf"))
    #expect(report.highwayNodeReferences == 11_974)
    #expect(report.missingHighwayNodeReferences == 912)
    #expect(report.diagnostics.count("missing node reference") > 0)
    #expect(report.diagnostics.count("missing node reference") <= 912)
    try city.graph.checkInvariants()
}

/// The Helsinki test extract as XML with a UTF-8 byte-order mark in front loads to the same city
/// as without it (it was refused: "text outside the root element").
@Test func xmlWithAByteOrderMarkLoadsLikeWithout() throws {
    let path = RepositoryPaths.network("helsinki-test.osm")
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let marked = RepositoryPaths.temporaryFile([0xEF, 0xBB, 0xBF] + bytes, "bom.osm", label: "xml-bom")
    let (plain, _) = try OSMCityLoader.load(path)
    let (withMark, _) = try OSMCityLoader.load(marked)
    #expect(plain.graph.nodeCount == withMark.graph.nodeCount && plain.graph.head == withMark.graph.head && plain.graph.nodeX == withMark.graph.nodeX)
    #expect(plain.parks.map(\.osmReference) == withMark.parks.map(\.osmReference) && plain.services.map(\.osmReference) == withMark.services.map(\.osmReference))
}
