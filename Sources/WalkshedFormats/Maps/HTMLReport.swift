import Foundation

/// Writes a `ReportContent` as one self-contained HTML file: CSS, script and data inline,
/// nothing fetched (no CDN, no tiles), so it opens from disk offline. The data sits in a
/// `<script type="application/json">` block: grids as base64 little-endian Float32 (NaN for
/// NODATA), legends as classes, map layers as in `map.json`.
public enum HTMLReport {
    /// The page's bytes.
    public static func html(_ content: ReportContent, generator: String) -> TextBuffer {
        var out = TextBuffer(capacity: 1 << 20)
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        out.append("<title>\(escaped("Walkshed report: " + content.title))</title>\n<style>\n\(ReportPage.css)</style>\n</head>\n")
        out.append("<body data-status=\"loading\">\n")
        out.append(ReportPage.body(title: escaped(content.title), generator: escaped(generator)))
        out.append("<script id=\"walkshed-data\" type=\"application/json\">")
        out.append(scriptSafe(data(content)))
        out.append("</script>\n<script>\n\(ReportPage.script)</script>\n</body>\n</html>\n")
        return out
    }

    /// The JSON the page's script reads.
    static func data(_ content: ReportContent) -> String {
        var out = TextBuffer(capacity: 1 << 20)
        out.append("{\"kind\":\(JSONValue.quoted(content.kind.rawValue)),\"title\":\(JSONValue.quoted(content.title)),\"budget\":")
        out.append(content.budgetMinutes, decimals: 3)
        out.append(",\"views\":[")
        for (v, view) in content.views.enumerated() {
            if v > 0 { out.append(",") }
            out.append("{\"id\":\(JSONValue.quoted(view.id)),\"caption\":\(JSONValue.quoted(view.caption)),\"table\":")
            out.append(JSONValue.object([("columns", .array(view.table.columns.map { .string($0) })),
                                         ("rows", .array(view.table.rows.map { .array($0.map { .string($0) }) }))]).text())
            out.append(",\"changes\":")
            if let changes = view.changes { out.append(changes.json().string) } else { out.append("null") }
            out.append(",\"grids\":[")
            for (g, entry) in view.grids.enumerated() {
                if g > 0 { out.append(",") }
                appendGrid(entry, to: &out)
            }
            out.append("]}")
        }
        out.append("],\"indicators\":")
        if let t = content.standardIndicators {
            out.append(JSONValue.object([("columns", .array(t.columns.map { .string($0) })),
                                         ("rows", .array(t.rows.map { .array($0.map { .string($0) }) }))]).text())
        } else { out.append("null") }
        out.append(",\"map\":")
        if let map = content.baseMap { out.append(map.json().string) } else { out.append("null") }
        out.append("}")
        return out.string
    }

    static func appendGrid(_ entry: ReportContent.GridEntry, to out: inout TextBuffer) {
        let h = entry.grid.header
        out.append("{\"name\":\(JSONValue.quoted(entry.grid.name)),\"xll\":")
        out.append(h.xLowerLeft, decimals: 3); out.append(",\"yll\":")
        out.append(h.yLowerLeft, decimals: 3); out.append(",\"cell\":")
        out.append(h.cellSize, decimals: 3)
        out.append(",\"cols\":\(h.columns),\"rows\":\(h.rows),\"values\":\"")
        out.append(base64(entry.grid.values))
        out.append("\",\"legend\":")
        appendLegend(entry.legend, to: &out)
        out.append(",\"histogram\":{\"basis\":\(JSONValue.quoted(entry.histogram.basis)),\"weights\":[")
        for (k, w) in entry.histogram.weights.enumerated() {
            if k > 0 { out.append(",") }
            out.append(w, decimals: 2)
        }
        out.append("],\"missing\":")
        out.append(entry.histogram.missing, decimals: 2)
        out.append("}}")
    }

    /// `{"title", "unit", "classes": [{"lower", "upper", "colour", "label"}]}`.
    static func appendLegend(_ legend: MapLegend, to out: inout TextBuffer) {
        out.append("{\"title\":\(JSONValue.quoted(legend.title)),\"unit\":\(JSONValue.quoted(legend.unit)),\"classes\":[")
        for (k, c) in legend.classes.enumerated() {
            if k > 0 { out.append(",") }
            out.append("{\"lower\":\(bound(c.lower)),\"upper\":\(bound(c.upper)),\"colour\":\"\(c.colour)\",\"label\":\(JSONValue.quoted(c.label))}")
        }
        out.append("]}")
    }

    /// Values as base64 of little-endian Float32 (NaN for NODATA), as the pages decode them.
    static func base64(_ values: [Float]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 4)
        for v in values {
            let bits = v.bitPattern.littleEndian
            bytes += [UInt8(bits & 0xff), UInt8(bits >> 8 & 0xff), UInt8(bits >> 16 & 0xff), UInt8(bits >> 24)]
        }
        return Data(bytes).base64EncodedString()
    }

    /// JSON has no infinity: unbounded class ends are null.
    static func bound(_ v: Double) -> String { v.isFinite ? FixedPoint.format(v, decimals: 4) : "null" }

    /// Text for HTML element content and attributes.
    public static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// JSON inside a script element must not contain `</` (it would end the element early).
    static func scriptSafe(_ json: String) -> String { json.replacingOccurrences(of: "</", with: "<\\/") }
}

extension HTMLReport {
    /// `0.2 MB, 2 views, 18 grids`: what a written report page holds.
    public static func sizeAndContents(of page: TextBuffer, _ content: ReportContent) -> String {
        "\(FixedPoint.format(Double(page.bytes.count) / 1_048_576, decimals: 1)) MB, \(content.views.count) view\(content.views.count == 1 ? "" : "s"), "
            + "\(content.views.reduce(0) { $0 + $1.grids.count }) grids"
    }
}
