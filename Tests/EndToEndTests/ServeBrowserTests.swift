import Foundation
import Testing
import WalkshedTestSupport

/// Clicks at a longitude/latitude on the page's map, placed by the page's own projection.
private func click(_ browser: DevToolsBrowser, _ lon: Double, _ lat: Double) throws {
    let at = try browser.evaluate("walkshed.screenOf(\(lon), \(lat))") as? [Double] ?? []
    try #require(at.count == 2)
    try browser.click(x: at[0], y: at[1])
}

private func choose(_ browser: DevToolsBrowser, _ select: String, _ value: String) throws {
    _ = try browser.evaluate("(function () { const s = document.getElementById('\(select)'); s.value = '\(value)'; s.dispatchEvent(new Event('change')); return s.value; })()")
}

/// A real headless Chromium drives the page of `walkshed serve` on the Helsinki sample with
/// mouse clicks on the map and key presses: it draws a park (four corners and Enter), then
/// places a health centre with one click where 575 estimated residents have none within
/// 15 minutes (found by trying points through the API), undoes it with Ctrl-Z and redoes it
/// with Ctrl-Y. After each step the page shows the gain the API reports, with no console
/// errors. `WALKSHED_RECORD=1` saves the screenshot README shows.
@Test func aBrowserDrawsEditsOnThePageAndSeesTheGainTheAPIReports() throws {
    guard let path = HeadlessBrowser.path else {
        if HeadlessBrowser.required { Issue.record("chromium is not installed; .ci/run installs it") }
        return
    }
    let server = try ServerProcess([RepositoryPaths.network("helsinki.osm.pbf"), "--population", "buildings"])
    defer { #expect(server.stop() == 0) }
    let browser = try DevToolsBrowser(browser: path, address: server.address)
    defer { browser.close() }
    try browser.wait(until: "document.body.dataset.status === 'ready' && document.getElementById('measure').options.length === 10")

    try choose(browser, "tool", "park")
    let corners = [(24.9342, 60.1796), (24.9358, 60.1796), (24.9358, 60.1804), (24.9342, 60.1804)]
    for (lon, lat) in corners { try click(browser, lon, lat) }
    try browser.press(key: "Enter", code: "Enter", keyCode: 13)
    try browser.wait(until: "document.body.dataset.edits === '1' && document.body.dataset.status === 'ready'")
    let park = try #require((try server.request("GET", "/api/state").json["edits"] as? [[String: Any]])?.first)
    #expect(park["type"] as? String == "add_park")
    let ring = ((park["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])?.first ?? []
    #expect(ring.count == 5 && ring.first == ring.last)
    for (k, (lon, lat)) in corners.enumerated() where k < ring.count {
        #expect(abs(ring[k][0] - lon) < 1e-4 && abs(ring[k][1] - lat) < 1e-4, "corner \(k) drawn at \(ring[k]), clicked at \(lon), \(lat)")
    }

    try choose(browser, "measure", "2")
    try choose(browser, "tool", "service")
    try choose(browser, "category", "healthcare")
    try click(browser, 24.949, 60.177)
    try browser.wait(until: "document.body.dataset.edits === '2' && document.body.dataset.status === 'ready'")
    let state = try server.request("GET", "/api/state").json
    let healthcare = (state["residents"] as? [[String: Any]])?.first { $0["measure"] as? String == "healthcare_minutes" }
    let gaining = Int(((healthcare?["gaining"] as? Double) ?? -1).rounded())
    #expect(gaining == 575)
    #expect(try browser.evaluate("document.body.dataset.gaining") as? String == String(gaining))
    #expect(try browser.evaluate("document.querySelector('#changes tr.chosen').cells[3].textContent") as? String == "575")

    try browser.press(key: "z", code: "KeyZ", keyCode: 90, modifiers: 2)
    try browser.wait(until: "document.body.dataset.edits === '1' && document.body.dataset.status === 'ready'")
    #expect(try browser.evaluate("document.body.dataset.gaining") as? String == "0")
    try browser.press(key: "y", code: "KeyY", keyCode: 89, modifiers: 2)
    try browser.wait(until: "document.body.dataset.edits === '2' && document.body.dataset.status === 'ready'")
    #expect(try browser.evaluate("document.body.dataset.gaining") as? String == "575")
    #expect(browser.consoleErrors.isEmpty, "\(browser.consoleErrors)")

    let png = try browser.screenshot()
    let shot = try DecodedPNG(png)
    #expect(shot.width == 1400 && shot.height >= 800, "\(shot.width) × \(shot.height)")
    var changed = 0
    for y in stride(from: 100, to: 760, by: 2) {
        for x in stride(from: 20, to: 1000, by: 2) {
            let (r, g, b) = shot.pixel(x: x, y: y)
            if Int(g) - Int(r) > 60 && Int(g) - Int(b) > 30 { changed += 1 }
        }
    }
    #expect(changed > 500, "the change map shows gains in green: \(changed) sampled pixels")
    if ProcessInfo.processInfo.environment["WALKSHED_RECORD"] != nil {
        let small = try browser.call("Page.captureScreenshot", ["format": "png", "clip": ["x": 0, "y": 0, "width": 1400, "height": 840, "scale": 0.6]])
        try Data(base64Encoded: small["data"] as? String ?? "")!.write(to: RepositoryPaths.root.appendingPathComponent("Tests/EndToEndTests/Screenshots/serve.png"))
    }
}
