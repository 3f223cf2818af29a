import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

func readPopulation(_ text: String) throws -> PopulationTable {
    try PopulationCSVReader.read(bytes: Array(text.utf8), name: "people.csv")
}

func populationError(_ text: String) -> String {
    do { _ = try readPopulation(text); return "no error" } catch { return "\(error)" }
}

@Test func populationKeepsExtraColumnsQuotesAndAliases() throws {
    let table = try readPopulation("\u{FEFF}id,Longitude,LAT,pop,name\r\n7,24.9,60.1,120,\"Kallio, north\"\r\n\n8,24.95,60.2,,\"say \"\"hi\"\"\nthere\"\r\n")
    #expect(table.header == ["\u{FEFF}id", "Longitude", "LAT", "pop", "name"])
    #expect(table.rows == [["7", "24.9", "60.1", "120", "Kallio, north"], ["8", "24.95", "60.2", "", "say \"hi\"\nthere"]])
    #expect(table.residents == [120, 0])
    #expect(table.coordinates == [GeoCoordinate(longitude: 24.9, latitude: 60.1), GeoCoordinate(longitude: 24.95, latitude: 60.2)])
}

@Test(arguments: [
    ("", "people.csv: line 1: error: empty file; expected a header with lon, lat and population"),
    ("lon,lat\n1,2\n", "people.csv: line 1: error: header has no population column (accepted names: pop, population, residents)"),
    ("lon,lat,population\n1,2\n", "people.csv: line 2: error: 2 fields, the header has 3"),
    ("lon,lat,population\n1,2,3\n1,north,3\n", "people.csv: line 3: error: lat 'north' is not a number"),
    ("lon,lat,population\n1,2,-5\n", "people.csv: line 2: error: population -5.0 is negative"),
    ("lon,lat,population\n1,95,5\n", "people.csv: line 2: error: coordinates (1.0, 95.0) are outside ±180, ±90"),
    ("lon,lat,population\n1,2,nan\n", "people.csv: line 2: error: population 'nan' is not a number"),
    ("lon,lat,population\n1,2,\"3\n", "people.csv: line 2: error: quoted field not closed before the end of the file"),
    ("lon,lat,population\n1,2\"x\",3\n", "people.csv: line 2: error: quote inside an unquoted field"),
])
func badPopulationFilesNameTheLine(text: String, message: String) {
    #expect(populationError(text) == message)
}

@Test func megabyteLinesAreBoundedNotRead() {
    let long = "lon,lat,population\n1,2," + String(repeating: "9", count: CSVRecordReader.maxRecordBytes) + "\n"
    #expect(populationError(long) == "people.csv: line 2: error: record longer than 1048576 bytes")
}

@Test func portoAlegrePopulationReadsBackExactly() throws {
    try #require(RepositoryPaths.hasSharedData)
    // The data README: 1,227 rows, Σ population = 812,935.
    let table = try PopulationCSVReader.read(RepositoryPaths.sharedData("porto-alegre.hexgrid.csv"))
    #expect(table.rows.count == 1_227 && table.total == 812_935)
    #expect(table.header == ["id", "lon", "lat", "population", "schools", "jobs", "healthcare"])
}

//  residents  100   300   600     values (minutes) 5, 20, NaN; budget 15
//  sorted:    5 (100), 20 (300), unreachable (600)
@Test func weightedSummaryCountsResidentsNotPoints() {
    let layer = CoverageLayer(.minutes(.park), values: [5, 20, .nan])
    let s = PopulationSummary(layer: layer, residents: [100, 300, 600], budgetMinutes: 15, setCount: 1)
    #expect(s.residents == 1_000 && s.residentsWithData == 400 && s.residentsMeetingBudget == 100)
    #expect(s.share == 0.1)
    #expect(s.median == nil)            // the 500th resident is among the 600 who cannot reach a park
    let reachable = PopulationSummary(layer: layer, residents: [100, 300, 0], budgetMinutes: 15, setCount: 1)
    #expect(reachable.median == 20)     // 100 < 200 ≤ 400
    #expect(reachable.percentile90 == 20)
    let categories = CoverageLayer(.categoriesWithin, values: [2, 1, .nan])
    #expect(PopulationSummary(layer: categories, residents: [100, 300, 600], budgetMinutes: 15, setCount: 2).residentsMeetingBudget == 100)
}

@Test func populationTableMatchesGolden() throws {
    let table = try readPopulation("id,lon,lat,population,note\na,9.0,45.153,10,\"x,y\"\n")
    let layers = [CoverageLayer(.minutes(.park), values: [1.5]),
                  CoverageLayer(.categoriesWithin, values: [.nan])]
    #expect(Golden.mismatch(PopulationTableWriter.csv(table, layers: layers).string, name: "population.csv") == nil)
}

//  Two equal groups at 0 and 10 minutes: mean 5, mean absolute difference over all pairs
//  (2·1·1·10 = 20 over 4 pairs) 5, so G = 5 / (2 · 5) = 0.5. Everyone equal: G = 0.
//  Weights 3 and 1 at 2 and 6: pairs 2·3·1·4 = 24, W² = 16, μ = 3 → 24 / 96 = 0.25.
@Test func giniIsPopulationWeighted() throws {
    func gini(_ values: [Float], _ residents: [Double]) -> Double? {
        PopulationSummary(layer: CoverageLayer(.proximityMinutes, values: values),
                          residents: residents, budgetMinutes: 15, setCount: 7).gini
    }
    #expect(gini([0, 10], [1, 1]) == 0.5)
    #expect(gini([4, 4, 4], [1, 5, 2]) == 0)
    #expect(gini([2, 6], [3, 1]) == 0.25)
    #expect(gini([.nan, 2, 6], [100, 3, 1]) == 0.25)   // unreachable residents are left out
    #expect(gini([0, 0], [1, 1]) == nil)
}
