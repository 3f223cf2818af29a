import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

/// A `public_transport=stop_area` relation is one stop: a subway station node and its two
/// entrances (nodes on the street 400 m apart) are one high-capacity transit destination,
/// reached at the nearest entrance, not three stations; a bus stop outside the relation stays
/// a stop of its own.
@Test func aStopAreaIsOneStopReachedAtItsNearestMember() throws {
    let xml = """
        <osm version="0.6">
        <node id="1" lat="60.1700" lon="24.9300"/><node id="2" lat="60.1700" lon="24.9500"/>
        <node id="10" lat="60.1700" lon="24.9360"><tag k="railway" v="subway_entrance"/></node>
        <node id="11" lat="60.1700" lon="24.9432"><tag k="railway" v="subway_entrance"/></node>
        <node id="12" lat="60.1690" lon="24.9396"><tag k="railway" v="station"/><tag k="station" v="subway"/><tag k="public_transport" v="station"/></node>
        <node id="13" lat="60.1701" lon="24.9490"><tag k="highway" v="bus_stop"/></node>
        <way id="1"><nd ref="1"/><nd ref="10"/><nd ref="11"/><nd ref="2"/><tag k="highway" v="residential"/></way>
        <relation id="5"><member type="node" ref="12" role=""/><member type="node" ref="10" role=""/><member type="node" ref="11" role=""/>
          <tag k="type" v="public_transport"/><tag k="public_transport" v="stop_area"/><tag k="name" v="Kamppi"/></relation>
        </osm>

        """
    let (city, _) = try OSMCityLoader.load(write(Array(xml.utf8), "stop-area.osm"))
    #expect(city.services.filter { $0.category == .transit }.count == 4)
    #expect(city.serviceCounts()[.transit] == 2)
    #expect(Set(city.services.compactMap(\.group)) == ["relation/5"])
    var diagnostics = Diagnostics()
    let costs = ProfileCosts(graph: city.graph, profile: .walk())
    let transit = city.destinationSets(usableEdges: costs.usableEdges, snapLimitMetres: 300, diagnostics: &diagnostics)
        .first { $0.kind == .service(.transit) }!
    #expect(transit.destinationCount == 2 && transit.accessPoints.count == 4)
    // A place beside the eastern entrance is 0 minutes from the stop: the entrance nearest it.
    let home = city.projection.project(GeoCoordinate(longitude: 24.9432, latitude: 60.1700))
    let result = CoverageAnalysis.run(graph: city.graph, costs: costs, destinations: [transit], options: CoverageOptions(), population: [home])
    #expect(result.populationLayers[0].values[0] == 0)
}
