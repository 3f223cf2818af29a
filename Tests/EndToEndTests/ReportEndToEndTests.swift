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
    #expect(report.stdout.contains("Wrote 9 PNG maps to \(png)/"))
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
    #expect(report.stdout.contains("Wrote \(out)/report.html (") && report.stdout.contains("2 views, 18 grids)"))
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
    #expect(analyze.status == 0 && analyze.stdout.contains("(0.2 MB, 2 views, 18 grids)"), "\(analyze.stderr)")
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
    #expect(outcome.stderr.contains("\(empty): error: is not an output folder of walkshed analyze or scenario (no summary.json, no scenarios.csv)"), "\(outcome.stderr)")
    let usage = try CommandRunner.run(["report", empty, "--no-html"])
    #expect(usage.status == 64 && usage.stderr.hasPrefix("Error: --no-html needs --png <folder>"))
}
