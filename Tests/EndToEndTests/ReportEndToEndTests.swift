import Foundation
import Testing
import WalkshedTestSupport

/// The page must load nothing from the network: no external scripts, styles, images or fonts.
private func expectSelfContained(_ html: String) {
    #expect(!html.contains("<link") && !html.contains(" src=") && !html.contains("@import") && !html.contains("url("))
    let external = html.components(separatedBy: "http").count - 1
    #expect(external == 1 && html.contains("href=\"https://www.openstreetmap.org/copyright\""), "only the attribution link may name a URL")
}

/// Loads the report in headless Chromium: no console output, a map drawn with `cells` cells,
/// and a screenshot with at least `colouredPixels` saturated pixels (cells, greenways) in the map.
private func expectDrawnInBrowser(_ html: String, cells: Int, colouredPixels: Int) throws {
    guard let browser = HeadlessBrowser.path else {
        if HeadlessBrowser.required { Issue.record("chromium is not installed; .ci/run installs it") }
        return
    }
    let page = try HeadlessBrowser.load(html, browser: browser)
    #expect(page.consoleLines.isEmpty, "console: \(page.consoleLines)")
    #expect(page.dom.contains("<body data-status=\"drawn\" data-cells=\"\(cells)\""), "\(page.dom.prefix(300))")
    let shot = try DecodedPNG(HeadlessBrowser.screenshot(html, browser: browser))
    #expect(shot.width == 1400 && shot.height == 1000)
    var coloured = 0
    for y in 100..<700 {
        for x in 20..<1000 {
            let (r, g, b) = shot.pixel(x: x, y: y)
            if Int(max(r, g, b)) - Int(min(r, g, b)) > 60 { coloured += 1 }
        }
    }
    #expect(coloured > colouredPixels, "the map area has only \(coloured) coloured pixels")
}

@Test func analyzeReportIsSelfContainedAndDrawsInABrowser() throws {
    let root = RepositoryPaths.temporaryFolder("report")
    let out = root.appendingPathComponent("helsinki").path
    let analyze = try CommandRunner.run(["analyze", RepositoryPaths.network("helsinki.osm.pbf"), "--out", out, "--population", "buildings",
                                         "--report", "--quiet"])
    #expect(analyze.status == 0, "\(analyze.stderr)")
    #expect(analyze.stdout.contains("Wrote \(out)/report.html ("))
    let html = try String(contentsOfFile: "\(out)/report.html", encoding: .utf8)
    expectSelfContained(html)
    #expect(html.contains("<title>Walkshed report: helsinki.osm.pbf</title>"))
    #expect(html.contains("\"greenway\":[[") && html.contains("\"parks\":[{\"name\":"), "network with greenways and parks embedded")
    #expect(html.contains("\"basis\":\"residents\""), "histograms weighted by the estimated residents")
    let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/summary.json"))) as! [String: Any]
    let parkCells = ((summary["measures"] as! [[String: Any]])[0]["cells_with_data"] as! Int)
    // Helsinki's park minutes fill most of the 980 × 600 pixels sampled in greens.
    try expectDrawnInBrowser("\(out)/report.html", cells: parkCells, colouredPixels: 50_000)

    let indicators = root.appendingPathComponent("indicators").path
    let standard = try CommandRunner.run(["indicators", RepositoryPaths.network("helsinki.osm.pbf"), "--out", indicators, "--population", "buildings", "--profile", "walk", "--quiet"])
    #expect(standard.status == 0, "\(standard.stderr)")
    let withIndicators = root.appendingPathComponent("with-indicators.html").path
    let both = try CommandRunner.run(["report", out, "-o", withIndicators, "--indicators", "\(indicators)/indicators.csv", "--quiet"])
    #expect(both.status == 0, "\(both.stderr)")
    let page = try String(contentsOfFile: withIndicators, encoding: .utf8)
    #expect(page.contains("\"indicators\":{") && page.contains("SDG 11.7.1 open space within 400 m"))
    if let browser = HeadlessBrowser.path {
        let shown = try HeadlessBrowser.load(withIndicators, browser: browser)
        #expect(shown.consoleLines.isEmpty && shown.dom.contains("<div id=\"standard-panel\"><h2>Standard indicators</h2>"), "\(shown.consoleLines)")
        #expect(shown.dom.contains("<td>SDG 11.7.1 open space within 400 m</td><td>walk</td>"))
    }

    let png = root.appendingPathComponent("png").path
    let report = try CommandRunner.run(["report", out, "-o", root.appendingPathComponent("again.html").path, "--png", png, "--quiet"])
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stdout.contains("Wrote 10 PNG maps to \(png)/"))
    let map = try DecodedPNG([UInt8](Data(contentsOf: URL(fileURLWithPath: "\(png)/park_minutes.png"))))
    #expect(map.width > 600 && map.height > 600)
    #expect(try Data(contentsOf: root.appendingPathComponent("again.html")) == Data(contentsOf: URL(fileURLWithPath: "\(out)/report.html")),
            "the report is a function of the folder")
}

@Test func scenarioReportShowsChangesAndDrawsInABrowser() throws {
    let root = RepositoryPaths.temporaryFolder("report-scenario")
    let out = root.appendingPathComponent("scenarios").path
    let scenario = try CommandRunner.run(["scenario", RepositoryPaths.network("helsinki.osm.pbf"), RepositoryPaths.network("scenarios/helsinki-greenway.json"),
                                          RepositoryPaths.network("scenarios/helsinki-pocket-parks.json"), "--out", out, "--population", "buildings",
                                          "--report", "--quiet"])
    #expect(scenario.status == 0 && scenario.stdout.contains("Wrote \(out)/report.html ("), "\(scenario.stderr)")
    // The report the run made from memory is the one its folder gives.
    let fromMemory = try Data(contentsOf: URL(fileURLWithPath: "\(out)/report.html"))
    let report = try CommandRunner.run(["report", out, "--quiet"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: "\(out)/report.html")) == fromMemory, "the report is a function of the folder")
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stdout.contains("Wrote \(out)/report.html (") && report.stdout.contains("2 views, 20 grids)"))
    let html = try String(contentsOfFile: "\(out)/report.html", encoding: .utf8)
    expectSelfContained(html)
    #expect(html.contains("\"kind\":\"scenario\"") && html.contains("\"added\":[["), "the greenway's new path is drawn")
    #expect(html.contains("\"name\":\"park_minutes_change\""))
    let changeCells = try String(contentsOfFile: "\(out)/greenway/park_minutes_change.asc", encoding: .utf8)
        .split(separator: "\n").dropFirst(6).flatMap { $0.split(separator: " ") }.filter { $0 != "-9999" }.count
    // Mostly "no change" grey: the colour is in the greenways, the new path and the cells it changed.
    try expectDrawnInBrowser("\(out)/report.html", cells: changeCells, colouredPixels: 5_000)
}

@Test func profilesAreSwitchableViews() throws {
    let out = RepositoryPaths.temporaryFolder("report-profiles").appendingPathComponent("both").path
    let analyze = try CommandRunner.run(["analyze", RepositoryPaths.network("helsinki.osm.pbf"), "--out", out, "--profile", "walk,wheelchair",
                                         "--report", "--quiet", "--format", "geotiff,asc"])
    #expect(analyze.status == 0 && analyze.stdout.contains("2 views, 20 grids)"), "\(analyze.stderr)")
    guard let browser = HeadlessBrowser.path else {
        if HeadlessBrowser.required { Issue.record("chromium is not installed; .ci/run installs it") }
        return
    }
    let grid = try String(contentsOfFile: "\(out)/wheelchair/education_minutes.asc", encoding: .utf8)
    let cells = grid.split(separator: "\n").dropFirst(6).flatMap { $0.split(separator: " ") }.filter { $0 != "-9999" }.count
    let page = try HeadlessBrowser.load("\(out)/report.html", fragment: "view=wheelchair&measure=education_minutes", browser: browser)
    #expect(page.consoleLines.isEmpty, "console: \(page.consoleLines)")
    #expect(page.dom.contains("data-cells=\"\(cells)\" data-shown=\"wheelchair/education_minutes\""), "\(page.dom.prefix(300))")
    #expect(page.dom.contains("<option value=\"1\">wheelchair</option>"))
}

@Test func reportRejectsAFolderThatIsNotAnOutput() throws {
    let empty = RepositoryPaths.temporaryFolder("report-empty").path
    let outcome = try CommandRunner.run(["report", empty])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("\(empty): error: is not an output folder of walkshed analyze, scenario, suggest or indicators (no summary.json, scenarios.csv, suggested_*.csv or indicators.csv)"), "\(outcome.stderr)")
    let usage = try CommandRunner.run(["report", empty, "--no-html"])
    #expect(usage.status == 64 && usage.stderr.hasPrefix("Error: --no-html needs --png <folder>"))
}

/// The first view's table of a report page's embedded data.
private func reportTable(_ html: String) throws -> (columns: [String], rows: [[String]]) {
    let start = html.range(of: "<script id=\"walkshed-data\" type=\"application/json\">")!.upperBound
    let end = html.range(of: "</script>", range: start..<html.endIndex)!.lowerBound
    let text = html[start..<end].replacingOccurrences(of: "<\\/", with: "</")
    let data = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    let table = (data["views"] as! [[String: Any]])[0]["table"] as! [String: Any]
    return (table["columns"] as! [String], table["rows"] as! [[String]])
}

/// `walkshed report` maps the folders of `suggest` (the ranked parks or links with their gains,
/// over the base map) and of `indicators` (the indicator table and its population).
@Test func suggestAndIndicatorFoldersHaveReports() throws {
    let root = RepositoryPaths.temporaryFolder("report-suggest")
    let extract = RepositoryPaths.network("helsinki.osm.pbf")
    let parks = root.appendingPathComponent("parks").path
    let suggest = try CommandRunner.run(["suggest", "parks", extract, "--population", "buildings", "--minutes", "2", "--count", "3",
                                         "--out", parks, "--quiet"])
    #expect(suggest.status == 0, "\(suggest.stderr)")
    let report = try CommandRunner.run(["report", parks, "--quiet"])
    #expect(report.status == 0 && report.stdout.contains("(0.1 MB, 1 view, 1 grids)"), "\(report.stdout)\(report.stderr)")
    let html = try String(contentsOfFile: "\(parks)/report.html", encoding: .utf8)
    expectSelfContained(html)
    #expect(html.contains("\"kind\":\"suggestions\"") && html.contains("\"name\":\"marginal_gain\""))
    // Every ranked row is in the table, and each park is drawn named by its rank and gain.
    let rows = try String(contentsOfFile: "\(parks)/suggested_parks.csv", encoding: .utf8).split(separator: "\n").dropFirst()
    #expect(rows.count == 3)
    let table = try reportTable(html)
    #expect(table.rows == rows.map { $0.split(separator: ",").map(String.init) })
    for row in rows {
        let fields = row.split(separator: ",").map(String.init)
        let gain = Int(Double(fields[6])!.rounded())
        #expect(html.contains("{\"name\":\"#\(fields[0]) \(fields[2]): +\(gain) residents\",\"kind\":\"suggested\""), "park \(fields[0])")
    }
    if let browser = HeadlessBrowser.path {
        let page = try HeadlessBrowser.load("\(parks)/report.html", browser: browser)
        #expect(page.consoleLines.isEmpty && page.dom.contains("<h2 id=\"table-title\">Suggestions</h2>"), "\(page.consoleLines)")
        #expect(page.dom.contains("<body data-status=\"drawn\""))
    }

    let links = root.appendingPathComponent("links").path
    #expect(try CommandRunner.run(["suggest", "greenway-links", extract, "--population", "buildings", "--count", "2", "--out", links, "--quiet"]).status == 0)
    #expect(try CommandRunner.run(["report", links, "--quiet"]).status == 0)
    let linkPage = try String(contentsOfFile: "\(links)/report.html", encoding: .utf8)
    // Two links drawn as added paths over the base map, the table with their gains.
    #expect(linkPage.contains("\"kind\":\"suggestions\"") && linkPage.contains("\"added\":[[") && linkPage.contains("\"greenway\":[["))
    #expect(try reportTable(linkPage).columns.prefix(3) == ["rank", "first_component", "second_component"])
    #expect(try reportTable(linkPage).rows.count == 2)

    let indicators = root.appendingPathComponent("indicators").path
    #expect(try CommandRunner.run(["indicators", extract, "--population", "buildings", "--profile", "walk", "--out", indicators, "--quiet"]).status == 0)
    #expect(try CommandRunner.run(["report", indicators, "--quiet"]).status == 0)
    let indicatorPage = try String(contentsOfFile: "\(indicators)/report.html", encoding: .utf8)
    #expect(indicatorPage.contains("\"kind\":\"indicators\"") && indicatorPage.contains("4305 residents from residential buildings"))
    #expect(indicatorPage.contains("SDG 11.7.1 open space within 400 m") && indicatorPage.contains("\"indicators\":null"))
    if let browser = HeadlessBrowser.path {
        let page = try HeadlessBrowser.load("\(indicators)/report.html", browser: browser)
        #expect(page.consoleLines.isEmpty && page.dom.contains("<h2 id=\"table-title\">Indicators</h2>"), "\(page.consoleLines)")
        #expect(page.dom.contains("<td>SDG 11.7.1 open space within 400 m</td>"))
    }
    // A folder of none of these is still refused, by name.
    let empty = root.appendingPathComponent("empty").path
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    let refused = try CommandRunner.run(["report", empty])
    #expect(refused.status == 1 && refused.stderr.contains("is not an output folder of walkshed analyze, scenario, suggest or indicators"))
}
