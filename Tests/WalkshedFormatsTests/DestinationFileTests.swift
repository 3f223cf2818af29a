import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

func readDestinations(_ text: String, _ name: String, weight: String? = nil) throws -> DestinationFile {
    let path = RepositoryPaths.temporaryFile(Array(text.utf8), name, label: "destinations")
    return try DestinationFileReader.read(DestinationSource(name: "schools", path: path, weightColumn: weight))
}

func destinationError(_ text: String, _ name: String, weight: String? = nil) -> String {
    do { _ = try readDestinations(text, name, weight: weight); return "no error" } catch {
        return "\(error)".replacingOccurrences(of: #"^.*/"#, with: "", options: .regularExpression)
    }
}

@Test func destinationCSVKeepsPointsAndDropsZeroWeights() throws {
    let plain = try readDestinations("id,Longitude,lat\n1,24.9,60.1\n2,24.95,60.2\n", "s.csv")
    #expect(plain.points == [GeoCoordinate(longitude: 24.9, latitude: 60.1), GeoCoordinate(longitude: 24.95, latitude: 60.2)])
    #expect(plain.weights == nil && plain.references == ["s.csv:2", "s.csv:3"])
    // The Porto Alegre hexgrid's shape: a hexagon without schools holds no destination.
    let weighted = try readDestinations("id,lon,lat,population,schools\na,-51.1,-30.0,10,0\nb,-51.2,-30.1,5,3\nc,-51.3,-30.2,0,\n", "h.csv",
                                        weight: "schools")
    #expect(weighted.points == [GeoCoordinate(longitude: -51.2, latitude: -30.1)] && weighted.weights == [3] && weighted.references == ["h.csv:3"])
}

@Test(arguments: [
    ("a,b,c\n", "s.csv", nil, "s.csv: line 1: error: header has no lon column (accepted names: lng, lon, longitude, x)"),
    ("lon,lat\n1,2\n", "s.csv", "schools", "s.csv: line 1: error: header has no schools column (accepted names: schools)"),
    ("lon,lat,w\n1,2,-1\n", "s.csv", "w", "s.csv: line 2: error: w -1.0 is negative"),
    ("lon,lat\n1,north\n", "s.csv", nil, "s.csv: line 2: error: lat 'north' is not a number"),
    (#"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}]}"#,
     "s.geojson", nil, "s.geojson: features[0].geometry.type: error: expected Point, MultiPoint, Polygon or MultiPolygon, got LineString"),
    (#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"w": "many"}, "geometry": {"type": "Point", "coordinates": [0, 0]}}]}"#,
     "s.geojson", "w", "s.geojson: features[0].properties.w: error: expected a weight in 0 … 1000000, got the string \"many\""),
    ("lon,lat,w\n1,2,1e308\n", "s.csv", "w", "s.csv: line 2: error: w 1e+308 is beyond 0 … 1000000"),
] as [(String, String, String?, String)])
func malformedDestinationFilesNameTheirPlace(text: String, name: String, weight: String?, message: String) {
    #expect(destinationError(text, name, weight: weight) == message)
}

@Test func destinationGeoJSONReadsPointsThenPolygons() throws {
    let text = #"""
    {"type": "FeatureCollection", "features": [
      {"type": "Feature", "id": "sq", "properties": {"w": 2}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [0.001, 0], [0.001, 0.001], [0, 0]]]}},
      {"type": "Feature", "properties": {"w": 0}, "geometry": {"type": "Point", "coordinates": [5, 5]}},
      {"type": "Feature", "properties": {"w": 1.5}, "geometry": {"type": "MultiPoint", "coordinates": [[1, 2], [3, 4]]}}]}
    """#
    let file = try readDestinations(text, "d.geojson", weight: "w")
    #expect(file.points == [GeoCoordinate(longitude: 1, latitude: 2), GeoCoordinate(longitude: 3, latitude: 4)])
    #expect(file.polygons.count == 1 && file.weights == [1.5, 1.5, 2])
    #expect(file.references == ["d.geojson: feature 2", "d.geojson: feature 2", "d.geojson: feature sq"])
}
