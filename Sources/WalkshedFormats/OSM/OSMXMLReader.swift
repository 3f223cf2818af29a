import Foundation

/// Reads OpenStreetMap XML (`.osm`, API 0.6 / Overpass) through `XMLTokenizer`: streaming,
/// so memory holds one object at a time. The input must be UTF-8 (checked first, in chunks).
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
        if let data {
            try validateUTF8([data])
            try read(XMLTokenizer(MemoryInput(bytes: [UInt8](data))), kinds, into: &handler)
            return
        }
        guard FileManager.default.isReadableFile(atPath: path), let handle = FileHandle(forReadingAtPath: path) else {
            throw InputFileError(path: path, message: FileManager.default.fileExists(atPath: path)
                                 ? "permission denied" : "no such file or directory")
        }
        defer { try? handle.close() }
        try validateUTF8(sequence(state: handle) { h in
            let chunk = (try? h.read(upToCount: 1 << 20)) ?? nil
            return chunk?.isEmpty == false ? chunk : nil
        })
        guard let file = fopen(path, "rb") else {
            throw InputFileError(path: path, message: String(cString: strerror(errno)).lowercased())
        }
        defer { fclose(file) }
        try read(XMLTokenizer(FileInput(file: file)), kinds, into: &handler)
    }

    private enum Current { case none, node(Int64, Double, Double), way(Int64), relation(Int64) }

    /// OSM semantics over the tokenizer's events: `<node>`, `<way>` with `<nd>`, `<relation>`
    /// with `<member>`, and `<tag>` inside any of them; other elements are ignored.
    private func read<H: OSMEntityHandler>(_ tokenizer: XMLTokenizer, _ kinds: OSMEntityKinds, into handler: inout H) throws {
        var tokenizer = tokenizer
        var current = Current.none
        var tags: [(key: String, value: String)] = []
        var refs: [Int64] = []
        var members: [OSMRelation.Member] = []
        var sawRoot = false
        func fail(_ message: String) -> OSMXMLError {
            OSMXMLError(path: path, line: tokenizer.line, column: tokenizer.column, message: message)
        }
        func integer(_ attributes: [XMLAttribute], _ name: String, in element: String) throws -> Int64 {
            let text = attributes.first { $0.name == name }?.value
            guard let text, let value = Int64(text) else {
                throw fail("<\(element)> has \(text.map { "invalid \(name)=\"\($0)\"" } ?? "no \(name) attribute")")
            }
            return value
        }
        /// A node's latitude or longitude. A number out of range is passed on, to be skipped with
        /// a warning as the PBF reader does; only text that is no number fails the file.
        func degrees(_ attributes: [XMLAttribute], _ name: String, id: Int64) throws -> Double {
            let text = attributes.first { $0.name == name }?.value
            guard let text, let value = Double(text) else {
                throw fail("node \(id): \(name)=\"\(text ?? "")\" is not a number")
            }
            return value
        }
        do {
            while let event = try tokenizer.next() {
                switch event {
                case .start(let name, let attributes, _):
                    if !sawRoot {
                        guard name == "osm" || name == "osmChange" else {
                            throw fail("not an OSM XML file: root element is <\(name)>, expected <osm>")
                        }
                        sawRoot = true
                        continue
                    }
                    switch name {
                    case "node" where kinds.contains(.nodes):
                        let id = try integer(attributes, "id", in: "node")
                        if attributes.contains(XMLAttribute(name: "visible", value: "false")) { continue }
                        current = .node(id, try degrees(attributes, "lat", id: id), try degrees(attributes, "lon", id: id))
                        tags.removeAll(keepingCapacity: true)
                    case "way" where kinds.contains(.ways):
                        current = .way(try integer(attributes, "id", in: "way"))
                        tags.removeAll(keepingCapacity: true)
                        refs.removeAll(keepingCapacity: true)
                    case "relation" where kinds.contains(.relations):
                        current = .relation(try integer(attributes, "id", in: "relation"))
                        tags.removeAll(keepingCapacity: true)
                        members.removeAll(keepingCapacity: true)
                    case "tag":
                        if case .none = current { continue }
                        guard let k = attributes.first(where: { $0.name == "k" })?.value,
                              let v = attributes.first(where: { $0.name == "v" })?.value else { throw fail("<tag> needs k and v attributes") }
                        tags.append((k, v))
                    case "nd":
                        guard case .way = current else { continue }
                        refs.append(try integer(attributes, "ref", in: "nd"))
                    case "member":
                        guard case .relation = current else { continue }
                        let ref = try integer(attributes, "ref", in: "member")
                        let typeName = attributes.first { $0.name == "type" }?.value
                        let type: OSMRelation.MemberType
                        switch typeName {
                        case "node": type = .node
                        case "way": type = .way
                        case "relation": type = .relation
                        default: throw fail("<member> type=\"\(typeName ?? "")\" is not node, way or relation")
                        }
                        members.append(OSMRelation.Member(type: type, ref: ref, role: attributes.first { $0.name == "role" }?.value ?? ""))
                    default:
                        continue
                    }
                case .end(let name):
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
        } catch let failure as XMLTokenizer.Failure {
            throw OSMXMLError(path: path, line: failure.line, column: failure.column, message: failure.message)
        }
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
