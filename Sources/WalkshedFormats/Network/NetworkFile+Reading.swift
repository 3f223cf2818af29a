import Foundation
import Walkshed

extension NetworkFile {
    /// Reads a `.wsn` file back into the city and the report of the extract it came from.
    /// - Throws: `InputFileError` (unreadable), `NetworkFileError` (malformed, with the byte
    ///   offset); the graph's invariants are checked, so a damaged file never reaches a search.
    /// Sections are read one at a time into their arrays (the file is never in memory whole).
    public static func read(_ path: String) throws -> (city: City, report: OSMLoadReport) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputFileError(path: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw InputFileError(path: path, message: "not a regular file")
        }
        return try read(.file(descriptor: descriptor, size: Int(status.st_size)), name: path)
    }

    /// Reads a `.wsn` file's bytes; `name` stands for the file in messages.
    public static func read(data: Data, name path: String) throws -> (city: City, report: OSMLoadReport) {
        try read(.bytes(data), name: path)
    }

    static func read(_ source: SectionSource, name path: String) throws -> (city: City, report: OSMLoadReport) {
        var r = BinarySectionReader(path: path, source: source, offset: 16)
        guard source.count >= 16, try (0..<4).map({ try r.integer(UInt8.self, at: $0) }) == magic else {
            throw NetworkFileError(path: path, offset: 0, message: "not a Walkshed network file (no WSN1 magic)")
        }
        let fileVersion = try r.integer(UInt32.self, at: 4)
        guard readableVersions.contains(fileVersion) else {
            throw NetworkFileError(path: path, offset: 4, message: "version \(fileVersion); this Walkshed reads versions \(readableVersions.lowerBound)–\(readableVersions.upperBound)")
        }
        func fail(_ message: String) -> NetworkFileError { NetworkFileError(path: path, offset: r.offset, message: message) }

        let meta = try r.array("META", Int64.self, count: 15)
        let more = try r.array("MEXT", Double.self, count: 5)
        let source = try r.strings("SRCE", count: 2)
        guard (1...60).contains(meta[0]), meta[1] == 0 || meta[1] == 1 else { throw fail("UTM zone \(meta[0]) is not 1…60") }
        let projection = UTMProjection(zone: Int(meta[0]), isNorth: meta[1] == 1)
        var report = OSMLoadReport(path: path, format: "Walkshed network (from \(source[1]) \((source[0] as NSString).lastPathComponent))")
        report.fileNodes = Int(meta[2]); report.fileWays = Int(meta[3]); report.fileRelations = Int(meta[4]); report.walkableWays = Int(meta[5])
        report.nodesBeforeFilter = Int(meta[6]); report.edgesBeforeFilter = Int(meta[7])
        report.components = ComponentReport(componentCount: Int(meta[8]), droppedNodes: Int(meta[9]), droppedEdges: Int(meta[10]), droppedMetres: more[0])
        report.greenwayEdges = Int(meta[11]); report.greenAreas = Int(meta[12])
        report.highwayNodeReferences = Int(meta[13]); report.missingHighwayNodeReferences = Int(meta[14])

        let nodeX = try r.array("NODX", Double.self), nodeY = try r.array("NODY", Double.self, count: nodeX.count)
        let tail = try r.array("ETAI", Int32.self), head = try r.array("EHEA", Int32.self, count: tail.count)
        let metres = try r.array("EMET", Float.self, count: tail.count)
        let classes = try r.array("ECLS", UInt8.self, count: tail.count), flags = try r.array("EFLG", UInt8.self, count: tail.count)
        let ways = try r.array("EWAY", Int64.self, count: tail.count)
        let wholePolylines = fileVersion == 1
        let first = try r.array(wholePolylines ? "GFST" : "IFST", Int32.self, count: tail.count + 1)
        let px = try r.array(wholePolylines ? "GPTX" : "IPTX", Double.self), py = try r.array(wholePolylines ? "GPTY" : "IPTY", Double.self, count: px.count)
        guard tail.allSatisfy({ $0 >= 0 && Int($0) < nodeX.count }) && head.allSatisfy({ $0 >= 0 && Int($0) < nodeX.count }) else {
            throw fail("an edge joins a node that does not exist")
        }
        let fewest = wholePolylines ? 2 : 0
        guard first.first == 0, first.last.map({ Int($0) == px.count }) ?? false, zip(first, first.dropFirst()).allSatisfy({ Int($1) - Int($0) >= fewest }) else {
            throw fail(wholePolylines ? "edge geometry offsets are not increasing by ≥ 2 points up to the point count"
                                      : "edge interior-point offsets decrease or do not end at the point count")
        }
        guard metres.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw fail("an edge length is negative or not finite") }
        guard [nodeX, nodeY, px, py].allSatisfy({ $0.allSatisfy(isPlausible) }) else { throw fail("a node or geometry coordinate is not a finite UTM metre value") }
        let edgeClasses = try classes.map { raw in try EdgeClass(rawValue: raw).map { $0 } ?? { throw fail("edge class \(raw) is unknown") }() }
        let edgeFlags = flags.map(EdgeFlags.init(rawValue:))
        var edges: EdgeArrays
        if wholePolylines {
            // Version 1 stored every edge's whole polyline; version 2 keeps interior points only.
            edges = EdgeArrays()
            for e in tail.indices {
                let g0 = Int(first[e]), g1 = Int(first[e + 1]), t = Int(tail[e]), h = Int(head[e])
                guard px[g0] == nodeX[t] && py[g0] == nodeY[t] && px[g1 - 1] == nodeX[h] && py[g1 - 1] == nodeY[h] else {
                    throw fail("edge \(e) geometry does not run from its tail to its head")
                }
                edges.append(tail: tail[e], head: head[e], metres: metres[e], edgeClass: edgeClasses[e], flags: edgeFlags[e], wayID: ways[e],
                             interior: ((g0 + 1)..<(g1 - 1)).lazy.map { PlanarPoint(x: px[$0], y: py[$0]) })
            }
        } else {
            edges = EdgeArrays(tails: tail, heads: head, metres: metres, classes: edgeClasses, flags: edgeFlags, wayIDs: ways,
                               interiorFirst: first, interiorX: px, interiorY: py)
        }
        let graph = StreetGraph(nodeX: nodeX, nodeY: nodeY, edges: edges)
        do { try graph.checkInvariants() } catch let error as GraphError { throw fail("the walk graph is broken: \(error)") }
        let parks = try readParks("PARK", &r, version: fileVersion), greenSpaces = try readParks("GRNS", &r, version: fileVersion)

        let categories = try r.array("SCAT", UInt8.self), capacities = try r.array("SCAP", UInt8.self, count: categories.count)
        let sx = try r.array("SPTX", Double.self, count: categories.count), sy = try r.array("SPTY", Double.self, count: categories.count)
        let references = try r.strings("SREF", count: categories.count), names = try r.strings("SNAM", count: categories.count)
        let groups = fileVersion >= 4 ? try r.strings("SGRP", count: categories.count) : nil
        var services: [ServicePoint] = []
        services.reserveCapacity(categories.count)
        for k in categories.indices {
            guard let category = ServiceCategory(code: categories[k]), Int(capacities[k]) <= TransitCapacity.allCases.count else {
                throw fail("service \(k) has an unknown category or capacity")
            }
            services.append(ServicePoint(category: category, position: PlanarPoint(x: sx[k], y: sy[k]),
                                         osmReference: references[k], name: names[k],
                                         transitCapacity: capacities[k] == 0 ? nil : TransitCapacity.allCases[Int(capacities[k]) - 1],
                                         group: groups.flatMap { $0[k].isEmpty ? nil : $0[k] }))
        }
        guard sx.allSatisfy(isPlausible) && sy.allSatisfy(isPlausible) else { throw fail("a service position is not a finite UTM metre value") }
        let bx = try r.array("BPTX", Double.self), by = try r.array("BPTY", Double.self, count: bx.count)
        let footprint = try r.array("BFTP", Double.self, count: bx.count), levels = try r.array("BLVL", Double.self, count: bx.count)
        let tagged = try r.array("BTAG", UInt8.self, count: bx.count)
        let buildingRefs = try r.strings("BREF", count: bx.count), kinds = try r.strings("BKND", count: bx.count)
        guard bx.allSatisfy(isPlausible) && by.allSatisfy(isPlausible) && footprint.allSatisfy({ $0.isFinite && $0 >= 0 })
                && levels.allSatisfy({ $0.isFinite && $0 >= 0 }) && more[0].isFinite && more[1...].allSatisfy(isPlausible)
                && more[1] <= more[3] && more[2] <= more[4] else {
            throw fail("a building value is not finite, or the extent is not a box of finite UTM metres")
        }
        guard r.offset == r.source.count else { throw fail("\(r.source.count - r.offset) bytes after the last section") }

        var city = City(projection: projection, graph: graph, parks: parks, services: services,
                        extent: BoundingBox(minX: more[1], minY: more[2], maxX: more[3], maxY: more[4]))
        city.greenSpaces = greenSpaces
        city.residentialBuildings = bx.indices.map {
            ResidentialBuilding(osmReference: buildingRefs[$0], kind: kinds[$0], position: PlanarPoint(x: bx[$0], y: by[$0]),
                                footprintSquareMetres: footprint[$0], levels: levels[$0], levelsTagged: tagged[$0] != 0)
        }
        return (city, report)
    }

    /// Projected metres a UTM zone can hold (|v| < 10⁸), finite.
    static func isPlausible(_ v: Double) -> Bool { v.isFinite && abs(v) < 1e8 }

    static func readParks(_ tag: String, _ r: inout BinarySectionReader, version: UInt32) throws -> [Park] {
        let outer = try r.array(tag, Int32.self), inner = try r.array(tag, Int32.self, count: outer.count)
        let ringEnds = try r.array(tag, Int32.self), xs = try r.array(tag, Double.self), ys = try r.array(tag, Double.self, count: xs.count)
        let refs = try r.strings(tag, count: outer.count), kinds = try r.strings(tag, count: outer.count), names = try r.strings(tag, count: outer.count)
        let areas = version >= 3 ? try r.array(tag, Double.self, count: outer.count) : nil
        let clipped = version >= 3 ? try r.array(tag, UInt8.self, count: outer.count) : nil
        guard areas?.allSatisfy({ $0.isFinite && $0 >= 0 }) ?? true, clipped?.allSatisfy({ $0 <= 1 }) ?? true else {
            throw NetworkFileError(path: r.path, offset: r.offset, message: "section '\(tag)' has an area that is negative or not finite, or a clipped flag that is not 0 or 1")
        }
        guard xs.allSatisfy(isPlausible) && ys.allSatisfy(isPlausible), zip(outer, inner).allSatisfy({ $0 >= 0 && $1 >= 0 }), outer.reduce(0, { $0 + Int($1) }) + inner.reduce(0, { $0 + Int($1) }) == ringEnds.count,
              ringEnds.last.map({ Int($0) == xs.count }) ?? xs.isEmpty, zip([0] + ringEnds, ringEnds).allSatisfy({ Int($1) - Int($0) >= 3 }) else {
            throw NetworkFileError(path: r.path, offset: r.offset, message: "section '\(tag)' has ring counts that do not add up or a ring of fewer than 3 points")
        }
        var parks: [Park] = []
        var ring = 0, start = 0
        func nextRing() -> [PlanarPoint] {
            let end = Int(ringEnds[ring])
            defer { ring += 1; start = end }
            return (start..<end).map { PlanarPoint(x: xs[$0], y: ys[$0]) }
        }
        for k in outer.indices {
            let outers = (0..<Int(outer[k])).map { _ in nextRing() }, inners = (0..<Int(inner[k])).map { _ in nextRing() }
            parks.append(Park(osmReference: refs[k], kind: kinds[k], name: names[k], polygon: PlanarPolygon(outerRings: outers, innerRings: inners),
                              areaSquareMetres: areas?[k], clipped: clipped?[k] == 1))
        }
        return parks
    }
}
