import Foundation
import Walkshed

extension MapLayers {
    /// The name of the map file in an output folder.
    public static let fileName = "map.json.gz"

    /// The map file in `folder`: `map.json.gz`, else a `map.json` an earlier version wrote;
    /// nil when there is neither.
    public static func file(in folder: String) -> String? {
        for name in [fileName, "map.json"] {
            let path = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    /// Writes `map.json.gz`: the `map.json` text in pieces (the head, runs of lines, the
    /// parks and services), each made and compressed as a gzip member on `threads` threads;
    /// the members follow each other in text order (RFC 1952 §2.2), so the bytes are the same
    /// for any thread count and `gzip -dc` gives the `map.json` text.
    public func writeCompressed(threads: Int = 1, write: (borrowing TextBuffer) throws -> Void) throws {
        try Self.write(compressedMembers(threads: threads), write: write)
    }

    /// The gzip members of `map.json.gz`, in order, made on `threads` threads.
    public func compressedMembers(threads: Int = 1) -> [[UInt8]] {
        let pieces = textPieces(), origin = origin()
        return ParallelSearch.map(itemCount: pieces.count, threads: threads) { i in
            var text = TextBuffer(capacity: 1 << 20)
            appendText(of: pieces[i], origin: origin, to: &text)
            // Level 1: on the 211 MB benchmark's 26.7 MB of text, 10.2 MB in 0.2 s; level 6
            // saves another 1.1 MB for 1.1 s more.
            return Deflate.gzip(text.bytes, level: 1)
        }
    }

    /// Writes `compressedMembers` one after another, in pieces of about 4 MB.
    public static func write(_ members: [[UInt8]], write: (borrowing TextBuffer) throws -> Void) throws {
        var out = TextBuffer()
        for member in members {
            out.append(bytes: member)
            if out.count >= CellTableWriter.flushBytes { try write(out); out.removeAll() }
        }
        try write(out)
    }

    /// The `map.json.gz` bytes.
    public func compressedJSON() throws -> TextBuffer {
        var whole = TextBuffer()
        try writeCompressed { whole.append(bytes: $0.bytes) }
        return whole
    }

    /// The `map.json` text. Keys are written in a fixed order, so equal layers give equal bytes.
    public func json() -> TextBuffer {
        var whole = TextBuffer()
        writeJSON(flushBytes: .max) { whole = copy $0 }
        return whole
    }

    /// Writes the `map.json` text in pieces: `flush` gets the buffer whenever it passes
    /// `flushBytes`, and once at the end.
    public func writeJSON(flushBytes: Int = CellTableWriter.flushBytes, flush: (borrowing TextBuffer) throws -> Void) rethrows {
        let origin = origin()
        var out = TextBuffer(capacity: 1 << 16)
        for piece in textPieces() {
            appendText(of: piece, origin: origin, to: &out)
            if out.count >= flushBytes { try flush(out); out.removeAll() }
        }
        try flush(out)
    }

    /// A part of the `map.json` text that can be made on its own.
    enum TextPiece: Sendable {
        /// `{"walkshed_map": 1, "epsg", "origin", "lines": {`.
        case head
        /// Lines `range` of `kind`, with what opens and closes the kind's list where the range
        /// starts or ends it.
        case lines(LineKind, Range<Int>, opensKind: Bool, closesKind: Bool)
        /// The end of "lines", then parks, services and removed services.
        case tail
    }

    /// Lines per piece: about 2 MB of text on a city network.
    static let linesPerPiece = 50_000

    func textPieces() -> [TextPiece] {
        var pieces: [TextPiece] = [.head]
        for kind in LineKind.allCases {
            guard let count = lines[kind]?.count else { continue }
            let starts = Array(stride(from: 0, to: max(count, 1), by: Self.linesPerPiece))
            for (k, start) in starts.enumerated() {
                pieces.append(.lines(kind, start..<min(count, start + Self.linesPerPiece), opensKind: k == 0, closesKind: k == starts.count - 1))
            }
        }
        pieces.append(.tail)
        return pieces
    }

    func appendText(of piece: TextPiece, origin: (x: Double, y: Double), to out: inout TextBuffer) {
        let (originX, originY) = origin
        func whole(_ v: Double) -> Int { Int(v.rounded()) }
        let comma = UInt8(ascii: ",")
        func appendLine<Line: Collection<PlanarPoint>>(_ line: Line, delta: Bool) {
            out.append(byte: UInt8(ascii: "["))
            var lastX = 0, lastY = 0, first = true
            for p in line {
                let x = whole(p.x - originX), y = whole(p.y - originY)
                if !first { out.append(byte: comma) }
                if delta && !first { out.append(x - lastX); out.append(byte: comma); out.append(y - lastY) } else {
                    out.append(x); out.append(byte: comma); out.append(y)
                }
                lastX = x; lastY = y; first = false
            }
            out.append(byte: UInt8(ascii: "]"))
        }
        func appendPointGroups(_ groups: [String: [PlanarPoint]]) {
            out.append("{")
            for (k, name) in groups.keys.sorted().enumerated() {
                if k > 0 { out.append(",") }
                out.append(JSONValue.quoted(name) + ":")
                appendLine(groups[name]!, delta: false)
            }
            out.append("}")
        }
        switch piece {
        case .head:
            out.append("{\"walkshed_map\":1,\"epsg\":\(epsg),\"origin\":[\(whole(originX)),\(whole(originY))],\n\"lines\":{")
        case .lines(let kind, let range, let opensKind, let closesKind):
            if opensKind {
                if kind != LineKind.allCases.first(where: { lines[$0] != nil }) { out.append(",\n") }
                out.append("\"\(kind.rawValue)\":[")
            }
            let set = lines[kind]!
            for i in range {
                if i > 0 { out.append(byte: comma) }
                appendLine(set[i], delta: true)
            }
            if closesKind { out.append("]") }
        case .tail:
            out.append("},\n\"parks\":[")
            for (k, park) in parks.enumerated() {
                if k > 0 { out.append(",\n") }
                out.append("{\"name\":\(JSONValue.quoted(park.name)),\"kind\":\(JSONValue.quoted(park.kind)),\"ha\":")
                out.append(park.hectares, decimals: 3)
                for (key, rings) in [("rings", park.outerRings), ("holes", park.innerRings)] {
                    out.append(",\"\(key)\":[")
                    for (i, ring) in rings.enumerated() {
                        if i > 0 { out.append(",") }
                        appendLine(ring, delta: true)
                    }
                    out.append("]")
                }
                out.append("}")
            }
            out.append("],\n\"services\":")
            appendPointGroups(services)
            out.append(",\n\"removed_services\":")
            appendPointGroups(removedServices)
            out.append("}\n")
        }
    }
}
