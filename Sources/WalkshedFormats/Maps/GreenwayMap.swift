import Foundation
import Walkshed

/// The picture of a greenway network: streets in grey, parks in pale green, each greenway
/// component in its own colour (the ten longest from a fixed palette, the rest in grey-green),
/// break points as red rings numbered by rank, a scale bar and the attribution; and the page
/// that shows it with the figures and the top break points.
public enum GreenwayMap {
    static let palette: [RGB] = [0x1b9e77, 0xd95f02, 0x7570b3, 0xe7298a, 0x66a61e, 0xe6ab02, 0xa6761d, 0x1f78b4, 0x17becf, 0x6a3d9a].map(RGB.init(hex:))
    static let minor = RGB(hex: 0x8fb996)

    /// Colour of component `c` on the map.
    public static func colour(ofComponent c: Int) -> RGB { c < palette.count ? palette[c] : minor }

    /// The map, at most `maxPixels` on its longer side; `breakPoints` first ones are marked.
    public static func render(_ report: GreenwayReport, city: City, maxPixels: Int = 1_200, markedBreakPoints: Int = 10) -> RasterImage {
        let graph = city.graph, box = graph.bounds
        let margin = 16, top = 44
        let scale = Double(maxPixels - 2 * margin) / max(1, max(box.maxX - box.minX, box.maxY - box.minY))
        let width = 2 * margin + Int(((box.maxX - box.minX) * scale).rounded(.up)) + 1
        let height = top + Int(((box.maxY - box.minY) * scale).rounded(.up)) + 1 + 40
        var image = RasterImage(width: width, height: height)
        func pixel(_ p: PlanarPoint) -> (x: Int, y: Int) {
            (margin + Int(((p.x - box.minX) * scale).rounded()), top + Int(((box.maxY - p.y) * scale).rounded()))
        }
        BitmapFont.draw("\(report.network.componentCount) GREENWAY COMPONENTS, \(report.breakPoints.count) BREAK POINTS", x: margin, y: 12, scale: 2,
                        colour: GridMapPNG.ink, on: &image)
        for park in city.parks {
            for ring in park.polygon.outerRings {
                for (a, b) in zip(ring, ring.dropFirst()) { image.line(from: pixel(a), to: pixel(b), RGB(hex: 0x74c476), thickness: 2) }
            }
        }
        for e in 0..<graph.edgeCount where report.network.componentOfEdge[e] < 0 {
            let points = graph.points(ofEdge: e)
            for (a, b) in zip(points, points.dropFirst()) { image.line(from: pixel(a), to: pixel(b), GridMapPNG.streetInk, thickness: 1, opacity: 0.35) }
        }
        for (c, edges) in report.network.componentEdges.enumerated().reversed() {
            for e in edges {
                let points = graph.points(ofEdge: Int(e))
                for (a, b) in zip(points, points.dropFirst()) { image.line(from: pixel(a), to: pixel(b), colour(ofComponent: c), thickness: 3) }
            }
        }
        for (k, b) in report.breakPoints.prefix(markedBreakPoints).enumerated() {
            let (from, to) = b.gap.ends(graph: graph)
            let p = pixel(from), q = pixel(to)
            image.line(from: p, to: q, GridMapPNG.closedInk, thickness: 3)
            let centre = ((p.x + q.x) / 2, (p.y + q.y) / 2)
            for step in 0..<48 {
                let angle = Double(step) / 48 * 2 * .pi
                image.fill(x: centre.0 + Int((9 * cos(angle)).rounded()) - 1, y: centre.1 + Int((9 * sin(angle)).rounded()) - 1, width: 3, height: 3, GridMapPNG.closedInk)
            }
            BitmapFont.draw("\(k + 1)", x: centre.0 + 12, y: centre.1 - 6, scale: 2, colour: GridMapPNG.closedInk, on: &image)
        }
        GridMapPNG.drawScaleBar(metresPerPixel: 1 / scale, maxPixels: max(60, width / 4), x: margin, y: height - 30, on: &image)
        BitmapFont.draw("© OPENSTREETMAP CONTRIBUTORS", x: max(margin, width - margin - BitmapFont.width(of: "© OPENSTREETMAP CONTRIBUTORS", scale: 1)),
                        y: height - 14, scale: 1, colour: GridMapPNG.streetInk, on: &image)
        return image
    }

    /// `greenways.html`: the map, the network's figures and the top break points; offline.
    public static func page(_ report: GreenwayReport, city: City, title: String, png: [UInt8]) -> String {
        let summary = GreenwayFiles.summary(report, city: city)
        guard case .object(let members) = summary else { return "" }
        var rows = ""
        for (key, value) in members where key != "options" { rows += "<tr><td>\(HTMLReport.escaped(key.replacingOccurrences(of: "_", with: " ")))</td><td>\(HTMLReport.escaped(value.text()))</td></tr>\n" }
        var breaks = ""
        for (k, b) in report.breakPoints.prefix(10).enumerated() {
            breaks += "<tr><td>\(k + 1)</td><td>\(b.gap.first) – \(b.gap.second)</td><td>\(FixedPoint.format(b.gap.straightMetres, decimals: 0)) m</td>"
                + "<td>\(b.gap.streetMetres.isFinite ? FixedPoint.format(b.gap.streetMetres, decimals: 0) + " m" : "not joined")</td>"
                + "<td>\(FixedPoint.format(b.joinedMetres / 1000, decimals: 2)) km</td><td>\(b.joinedParks.count)</td>"
                + "<td>\(b.joinedResidents.map { FixedPoint.format($0, decimals: 0) } ?? "–")</td></tr>\n"
        }
        var legend = ""
        for c in 0..<min(10, report.network.componentCount) {
            legend += "<li><span class=\"swatch\" style=\"background:\(colour(ofComponent: c))\"></span>component \(c): \(FixedPoint.format(report.network.componentMetres[c] / 1000, decimals: 2)) km, \(report.components[c].parks.count) parks</li>\n"
        }
        if report.network.componentCount > 10 { legend += "<li><span class=\"swatch\" style=\"background:\(minor)\"></span>\(report.network.componentCount - 10) shorter components</li>\n" }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Walkshed greenways: \(HTMLReport.escaped(title))</title>
        <style>
        body { font: 14px/1.4 system-ui, sans-serif; margin: 16px; color: #222; background: #fafafa; }
        main { display: flex; gap: 16px; flex-wrap: wrap; } img { max-width: 100%; border: 1px solid #999; background: #fff; }
        table { border-collapse: collapse; background: #fff; } th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
        td:first-child, th:first-child { text-align: left; } ul { list-style: none; padding: 0; }
        .swatch { display: inline-block; width: 18px; height: 8px; margin-right: 6px; } footer { color: #666; font-size: 12px; margin-top: 16px; }
        </style>
        </head>
        <body data-components="\(report.network.componentCount)" data-break-points="\(report.breakPoints.count)">
        <h1>Greenways: \(HTMLReport.escaped(title))</h1>
        <main>
        <section><img id="map" alt="greenway components and break points" src="data:image/png;base64,\(Data(png).base64EncodedString())"></section>
        <aside>
        <h2>Components (longest ten)</h2><ul id="legend">
        \(legend)</ul>
        <h2>Network</h2><table id="figures">\(rows)</table>
        </aside>
        </main>
        <h2>Top break points (red rings on the map)</h2>
        <table id="break-points"><thead><tr><th>rank</th><th>components</th><th>straight</th><th>on streets</th><th>joins greenway</th><th>parks</th><th>residents</th></tr></thead><tbody>
        \(breaks)</tbody></table>
        <footer>Walkshed \(WalkshedVersion.current). Map data &copy; OpenStreetMap contributors, ODbL 1.0.</footer>
        </body>
        </html>

        """
    }
}
