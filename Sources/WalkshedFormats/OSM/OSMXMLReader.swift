import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads OpenStreetMap XML (`.osm`, API 0.6 / Overpass) with a streaming SAX parser: memory
/// holds one object at a time.
public struct OSMXMLReader: OSMReader {
    /// The file, or the name given to in-memory bytes (used in messages).
    public let path: String
    let data: Data?

    public init(path: String) {
        self.path = path
        data = nil
    }

    /// Reads XML already in memory; `name` stands for the file in messages.
    public init(data: Data, name: String) {
        path = name
        self.data = data
    }

    public func read<H: OSMEntityHandler>(_ kinds: OSMEntityKinds, into handler: inout H) throws {
        let parser: XMLParser
        if let data {
            try validateUTF8([data])
            parser = XMLParser(data: data)
        } else {
            guard FileManager.default.isReadableFile(atPath: path), let handle = FileHandle(forReadingAtPath: path),
                  let stream = InputStream(fileAtPath: path) else {
                throw InputFileError(path: path, message: FileManager.default.fileExists(atPath: path)
                                     ? "permission denied" : "no such file or directory")
            }
            defer { try? handle.close() }
            try validateUTF8(sequence(state: handle) { h in
                let chunk = (try? h.read(upToCount: 1 << 20)) ?? nil
                return chunk?.isEmpty == false ? chunk : nil
            })
            parser = XMLParser(stream: stream)
        }
        let collector = OSMXMLCollector(path: path, kinds: kinds, handler: handler)
        parser.delegate = collector
        let ok = parser.parse()
        if let failure = collector.failure { throw failure }
        if !ok {
            let underlying = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw OSMXMLError(path: path, line: parser.lineNumber, column: parser.columnNumber,
                              message: "malformed XML (\(underlying))")
        }
        guard collector.sawRoot else {
            throw OSMXMLError(path: path, line: parser.lineNumber, column: parser.columnNumber,
                              message: "not an OSM XML file: no <osm> root element")
        }
        handler = collector.handler
    }
}

extension OSMXMLReader {
    /// Throws naming line and column of the first byte that is not UTF-8.
    func validateUTF8<S: Sequence>(_ chunks: S) throws where S.Element == Data {
        var validator = UTF8Validator()
        for chunk in chunks {
            if let bad = validator.feed(chunk) { throw invalidUTF8(bad) }
        }
        if let bad = validator.finish() { throw invalidUTF8(bad) }
    }

    private func invalidUTF8(_ place: (line: Int, column: Int, offset: Int)) -> OSMXMLError {
        OSMXMLError(path: path, line: place.line, column: place.column,
                    message: "invalid UTF-8 at byte \(place.offset); OSM XML must be UTF-8")
    }
}

/// SAX delegate gathering one OSM object at a time and handing it on.
private final class OSMXMLCollector<H: OSMEntityHandler>: NSObject, XMLParserDelegate {
    let path: String
    let kinds: OSMEntityKinds
    var handler: H
    var failure: OSMXMLError?
    var sawRoot = false

    private enum Current { case none, node(Int64, Double, Double), way(Int64), relation(Int64) }
    private var current = Current.none
    private var tags: [(key: String, value: String)] = []
    private var refs: [Int64] = []
    private var members: [OSMRelation.Member] = []

    init(path: String, kinds: OSMEntityKinds, handler: H) {
        self.path = path
        self.kinds = kinds
        self.handler = handler
    }

    private func fail(_ parser: XMLParser, _ message: String) {
        if failure == nil {
            failure = OSMXMLError(path: path, line: parser.lineNumber, column: parser.columnNumber, message: message)
        }
        parser.abortParsing()
    }

    private func integer(_ parser: XMLParser, _ attributes: [String: String], _ name: String, in element: String) -> Int64? {
        guard let text = attributes[name], let value = Int64(text) else {
            fail(parser, "<\(element)> has \(attributes[name].map { "invalid \(name)=\"\($0)\"" } ?? "no \(name) attribute")")
            return nil
        }
        return value
    }

    private func degrees(_ parser: XMLParser, _ attributes: [String: String], _ name: String, limit: Double, id: Int64) -> Double? {
        guard let text = attributes[name], let value = Double(text), abs(value) <= limit else {
            fail(parser, "node \(id): \(name)=\"\(attributes[name] ?? "")\" is not a number within ±\(Int(limit))")
            return nil
        }
        return value
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard failure == nil else { return }
        switch name {
        case "osm", "osmChange":
            sawRoot = true
        case "node":
            guard kinds.contains(.nodes) else { return }
            guard let id = integer(parser, attributes, "id", in: "node") else { return }
            if attributes["visible"] == "false" { return }
            guard let lat = degrees(parser, attributes, "lat", limit: 90, id: id),
                  let lon = degrees(parser, attributes, "lon", limit: 180, id: id) else { return }
            current = .node(id, lat, lon)
            tags.removeAll(keepingCapacity: true)
        case "way":
            guard kinds.contains(.ways), let id = integer(parser, attributes, "id", in: "way") else { return }
            current = .way(id)
            tags.removeAll(keepingCapacity: true)
            refs.removeAll(keepingCapacity: true)
        case "relation":
            guard kinds.contains(.relations), let id = integer(parser, attributes, "id", in: "relation") else { return }
            current = .relation(id)
            tags.removeAll(keepingCapacity: true)
            members.removeAll(keepingCapacity: true)
        case "tag":
            guard case .none = current else {
                guard let k = attributes["k"], let v = attributes["v"] else { return fail(parser, "<tag> needs k and v attributes") }
                tags.append((k, v))
                return
            }
        case "nd":
            guard case .way = current else { return }
            guard let ref = integer(parser, attributes, "ref", in: "nd") else { return }
            refs.append(ref)
        case "member":
            guard case .relation = current else { return }
            guard let ref = integer(parser, attributes, "ref", in: "member") else { return }
            let type: OSMRelation.MemberType
            switch attributes["type"] {
            case "node": type = .node
            case "way": type = .way
            case "relation": type = .relation
            default: return fail(parser, "<member> type=\"\(attributes["type"] ?? "")\" is not node, way or relation")
            }
            members.append(OSMRelation.Member(type: type, ref: ref, role: attributes["role"] ?? ""))
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        switch (name, current) {
        case ("node", .node(let id, let lat, let lon)):
            handler.node(id: id, latitude: lat, longitude: lon, tags: OSMTags(tags))
            current = .none
        case ("way", .way(let id)):
            handler.way(OSMWay(id: id, refs: refs, tags: OSMTags(tags)))
            current = .none
        case ("relation", .relation(let id)):
            handler.relation(OSMRelation(id: id, members: members, tags: OSMTags(tags)))
            current = .none
        default:
            break
        }
    }
}
