import Walkshed

/// What `walkshed info` prints about a loaded extract: objects, network, parks, services,
/// projection and warnings with examples.
public enum CityFacts {
    public static func text(city: City, report: OSMLoadReport) -> String {
        let g = city.graph
        func km(_ metres: Double) -> String { FixedPoint.format(metres / 1000, decimals: 1) + " km" }
        var out = "file:          \(report.path) (\(report.format))\n"
        out += "osm objects:   \(report.fileNodes) nodes, \(report.fileWays) ways, \(report.fileRelations) relations\n"
        if let inflation = report.inflation {
            func mb(_ bytes: Int) -> String { FixedPoint.format(Double(bytes) / 1_000_000, decimals: 1) + " MB" }
            out += "pbf blobs:     \(inflation.dataBlobs) data blobs, \(inflation.blobInflations) inflations (\(mb(inflation.inflatedBytes))), "
            out += "\(inflation.probedBlobs) probed by prefix (\(mb(inflation.probeBytes)))\n"
        }
        out += "walkable ways: \(report.walkableWays)\n"
        out += "highway refs:  \(report.highwayNodeReferences) node references, \(report.missingHighwayNodeReferences) to nodes not in the file"
        out += report.missingHighwayNodeReferences > 0 ? " (clipped extract: walkable ways are cut at each gap)\n" : "\n"
        out += "walk network:  \(g.nodeCount) nodes, \(g.edgeCount) edges"
        if report.components.componentCount > 1 {
            out += " (largest of \(report.components.componentCount) components; dropped \(report.components.droppedNodes) nodes, "
            out += "\(report.components.droppedEdges) edges, \(km(report.components.droppedMetres)))"
        }
        out += "\n"
        out += "walkable:      \(km(g.totalMetres())), greenway \(km(g.totalMetres { g.edgeFlags[$0].contains(.greenway) })) "
        out += "(\(report.greenwayEdges) edges; \(report.greenAreas) green or water areas)\n"
        let across = (0..<g.edgeCount).filter { g.edgeFlags[$0].contains(.acrossArea) }
        if !across.isEmpty {
            out += "squares:       \(across.count) straight edges across pedestrian squares (\(km(across.reduce(0) { $0 + Double(g.edgeMetres[$1]) }))), "
            out += "not counted as walkable length\n"
        }
        // Metres by class (by raw value: a regional graph's edges are not hashed one by one), summed in edge order.
        var byClass = [Double?](repeating: nil, count: Int(EdgeClass.allCases.map(\.rawValue).max()!) + 1)
        for e in 0..<g.edgeCount where !g.edgeFlags[e].contains(.acrossArea) {
            let c = Int(g.edgeClass[e].rawValue)
            byClass[c] = (byClass[c] ?? 0) + Double(g.edgeMetres[e])
        }
        out += "edge classes:  " + EdgeClass.allCases.sorted().compactMap { edgeClass in
            byClass[Int(edgeClass.rawValue)].map { "\(edgeClass.name) \(km($0))" }
        }.joined(separator: ", ") + "\n"
        let hectares = city.parks.reduce(0) { $0 + $1.areaSquareMetres } / 10_000
        var kinds: [String: Int] = [:]
        for p in city.parks { kinds[p.kind, default: 0] += 1 }
        out += "parks:         \(city.parks.count), \(FixedPoint.format(hectares, decimals: 1)) ha within the extract"
        if !kinds.isEmpty { out += " (" + kinds.keys.sorted().map { "\($0) \(kinds[$0]!)" }.joined(separator: ", ") + ")" }
        let clipped = city.parks.filter(\.clipped).count
        if clipped > 0 { out += "; \(clipped) cut by the extract's edge" }
        out += "\n"
        let counts = city.serviceCounts()
        out += "services:      " + ServiceCategory.allCases.map { "\($0.rawValue) \(counts[$0]!)" }.joined(separator: ", ") + "\n"
        out += "projection:    UTM zone \(city.projection.zone)\(city.projection.isNorth ? "N" : "S") (EPSG:\(city.projection.epsgCode))\n"
        let d = report.diagnostics
        if d.total == 0 {
            out += "warnings:      none\n"
        } else {
            out += "warnings:\n"
            for kind in d.kinds {
                out += "  \(d.count(kind)) \(kind)\n"
                for example in d.examples[kind] ?? [] { out += "      e.g. \(example)\n" }
            }
        }
        return out
    }
}
