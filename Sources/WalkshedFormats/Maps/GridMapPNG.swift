import Foundation
import Walkshed

/// Draws one grid as a slide-ready picture: title and subtitle, the cells coloured by the
/// legend, the network on top (greenways green, added paths blue, closed ones red), the legend
/// at the right, a scale bar in metres and the OpenStreetMap attribution below.
public enum GridMapPNG {
    static let margin = 16
    static let mapTop = 60
    static let legendGap = 24
    static let ink = RGB(hex: 0x222222)
    static let streetInk = RGB(hex: 0x7a7a7a)
    static let greenwayInk = RGB(hex: 0x004d29)
    static let addedInk = RGB(hex: 0x1f5fd6)
    static let closedInk = RGB(hex: 0xc00000)

    /// Pixels per cell: the map is at most about 1,000 pixels on its longer side, 1…40 per cell.
    public static func pixelsPerCell(_ header: AsciiGridHeader) -> Int {
        max(1, min(40, 1000 / max(1, max(header.columns, header.rows))))
    }

    /// Where the top-left pixel of cell (`row`, `column`) lands in the picture.
    public static func cellOrigin(row: Int, column: Int, header: AsciiGridHeader) -> (x: Int, y: Int) {
        let s = pixelsPerCell(header)
        return (margin + column * s, mapTop + row * s)
    }

    /// The picture of `grid` coloured by `legend`, with each of `layers` drawn over it in turn.
    public static func render(_ grid: MapGrid, legend: MapLegend, title: String, subtitle: String, layers: [MapLayers] = []) -> RasterImage {
        let header = grid.header
        let s = pixelsPerCell(header)
        let mapWidth = header.columns * s, mapHeight = header.rows * s
        let legendWidth = 28 + (legend.classes.map { BitmapFont.width(of: $0.label, scale: 2) }.max() ?? 0)
        let legendHeight = 30 + legend.classes.count * 22
        let width = max(margin + mapWidth + legendGap + max(legendWidth, BitmapFont.width(of: legend.title, scale: 2)) + margin,
                        2 * margin + BitmapFont.width(of: title, scale: 3), 2 * margin + BitmapFont.width(of: subtitle, scale: 2))
        let height = max(mapTop + mapHeight, mapTop + legendHeight) + 64
        var image = RasterImage(width: width, height: height)

        BitmapFont.draw(title, x: margin, y: 10, scale: 3, colour: ink, on: &image)
        BitmapFont.draw(subtitle, x: margin, y: 38, scale: 2, colour: streetInk, on: &image)
        for row in 0..<header.rows {
            for column in 0..<header.columns {
                let value = Double(grid.values[row * header.columns + column])
                let (x, y) = cellOrigin(row: row, column: column, header: header)
                image.fill(x: x, y: y, width: s, height: s, legend.colour(for: value) ?? .noData)
            }
        }
        for l in layers { drawLines(l, header: header, on: &image) }
        image.frame(x: margin - 1, y: mapTop - 1, width: mapWidth + 2, height: mapHeight + 2, ink)

        let legendX = margin + mapWidth + legendGap
        BitmapFont.draw(legend.title, x: legendX, y: mapTop, scale: 2, colour: ink, on: &image)
        for (k, c) in legend.classes.enumerated() {
            let y = mapTop + 26 + k * 22
            image.fill(x: legendX, y: y, width: 20, height: 14, c.colour)
            image.frame(x: legendX, y: y, width: 20, height: 14, streetInk)
            BitmapFont.draw(c.label, x: legendX + 28, y: y, scale: 2, colour: ink, on: &image)
        }
        drawScaleBar(metresPerPixel: header.cellSize / Double(s), maxPixels: max(60, mapWidth / 3),
                     x: margin, y: mapTop + mapHeight + 14, on: &image)
        let attribution = "© OpenStreetMap contributors"
        BitmapFont.draw(attribution, x: max(margin, width - margin - BitmapFont.width(of: attribution, scale: 1)),
                        y: height - 14, scale: 1, colour: streetInk, on: &image)
        return image
    }

    /// The longest 1, 2 or 5 × 10ᵏ metres that fits in `maxPixels`.
    public static func scaleBarMetres(metresPerPixel: Double, maxPixels: Int) -> Double {
        let most = metresPerPixel * Double(maxPixels)
        var best = 1.0
        var power = 1.0
        while power <= most {
            for m in [1.0, 2, 5] where m * power <= most { best = m * power }
            power *= 10
        }
        return best
    }

    static func drawScaleBar(metresPerPixel: Double, maxPixels: Int, x: Int, y: Int, on image: inout RasterImage) {
        let metres = scaleBarMetres(metresPerPixel: metresPerPixel, maxPixels: maxPixels)
        let pixels = Int((metres / metresPerPixel).rounded())
        image.fill(x: x, y: y, width: pixels, height: 6, ink)
        image.fill(x: x + pixels / 2, y: y + 1, width: pixels - pixels / 2 - 1, height: 4, .white)
        let label = metres >= 1000 ? "\(MapStyle.number(metres / 1000)) km" : "\(Int(metres)) m"
        BitmapFont.draw("0", x: x, y: y + 12, scale: 2, colour: ink, on: &image)
        BitmapFont.draw(label, x: x + pixels - BitmapFont.width(of: label, scale: 2) / 2, y: y + 12, scale: 2, colour: ink, on: &image)
    }

    static func drawLines(_ layers: MapLayers, header: AsciiGridHeader, on image: inout RasterImage) {
        let s = Double(pixelsPerCell(header))
        let top = header.yLowerLeft + Double(header.rows) * header.cellSize
        func pixel(_ p: PlanarPoint) -> (x: Int, y: Int) {
            (margin + Int(((p.x - header.xLowerLeft) / header.cellSize * s).rounded(.down)),
             mapTop + Int(((top - p.y) / header.cellSize * s).rounded(.down)))
        }
        let mapRight = margin + header.columns * Int(s), mapBottom = mapTop + header.rows * Int(s)
        func inside(_ q: (x: Int, y: Int)) -> Bool { q.x >= margin && q.y >= mapTop && q.x < mapRight && q.y < mapBottom }
        // Streets are blended in at 35 % so the coverage colours stay readable on dense networks.
        let styles: [(MapLayers.LineKind, RGB, Int, Double)] = [(.street, streetInk, 1, 0.35), (.greenway, greenwayInk, 2, 1), (.added, addedInk, 3, 1), (.closed, closedInk, 3, 1)]
        for (kind, colour, thickness, opacity) in styles {
            for line in layers.lines[kind] ?? [] {
                for (a, b) in zip(line, line.dropFirst()) {
                    let p = pixel(a), q = pixel(b)
                    if inside(p) && inside(q) { image.line(from: p, to: q, colour, thickness: thickness, opacity: opacity) }
                }
            }
        }
    }
}

extension GridMapPNG {
    /// One PNG per grid of every view, named after the grid (`<view>-<grid>` with several
    /// views), with its legend, scale bar and the view's map layers.
    public static func maps(of content: ReportContent) -> [(name: String, png: Data)] {
        content.views.flatMap { view in
            view.grids.map { entry in
                let name = content.views.count == 1 ? entry.grid.name : "\(view.id)-\(entry.grid.name)"
                let image = render(entry.grid, legend: entry.legend, title: entry.legend.title, subtitle: "\(content.title) - \(view.id)",
                                   layers: [content.baseMap, view.changes].compactMap { $0 })
                return (name, Data(PNGEncoder.encode(image)))
            }
        }
    }
}
