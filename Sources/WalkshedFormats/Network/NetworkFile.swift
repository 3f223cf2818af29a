import Foundation
import Walkshed

/// The compact binary network file (`.wsn`): a loaded city — the walk graph's arrays, parks,
/// green spaces, services, residential buildings and the UTM zone — written so a later run
/// reads it with one copy per array instead of parsing an extract again.
///
/// Layout: `WSN1`, UInt32 version (4), 8 zero bytes, then `BinarySectionWriter` sections in a fixed order
/// (see `bytes`). Every array is stored as it sits in memory, little-endian; enums and flags as
/// their UInt8 raw values, checked on reading. Version 2 stores edge geometry as interior points
/// (`IFST`, `IPTX`, `IPTY`); version 1 files, with whole polylines (`GFST`, `GPTX`, `GPTY`), are
/// still read. Version 3 adds to each park its area within the extract and whether the
/// extract's edge cut it; in older files a park's area is its polygon's and it is not clipped.
/// Version 4 adds each service's group (`SGRP`, empty for none: a stop area, a line platform).
public enum NetworkFile {
    public static let magic = Array("WSN1".utf8)
    public static let version: UInt32 = 4
    /// Versions `read` accepts.
    public static let readableVersions: ClosedRange<UInt32> = 1...4

    /// True when `path` starts with the `.wsn` magic bytes.
    public static func isNetworkFile(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)).map { [UInt8]($0) == magic } ?? false
    }

    /// The file's bytes for `city`, read from the extract `report` describes.
    public static func bytes(_ city: City, report: OSMLoadReport) -> [UInt8] {
        var w = BinarySectionWriter()
        let g = city.graph
        w.append("META", [Int64(city.projection.zone), city.projection.isNorth ? 1 : 0,
                          Int64(report.fileNodes), Int64(report.fileWays), Int64(report.fileRelations), Int64(report.walkableWays),
                          Int64(report.nodesBeforeFilter), Int64(report.edgesBeforeFilter), Int64(report.components.componentCount),
                          Int64(report.components.droppedNodes), Int64(report.components.droppedEdges), Int64(report.greenwayEdges),
                          Int64(report.greenAreas), Int64(report.highwayNodeReferences), Int64(report.missingHighwayNodeReferences)])
        w.append("MEXT", [report.components.droppedMetres, city.extent.minX, city.extent.minY, city.extent.maxX, city.extent.maxY])
        w.append("SRCE", strings: [report.path, report.format])
        w.append("NODX", g.nodeX); w.append("NODY", g.nodeY)
        w.append("ETAI", g.edgeTail); w.append("EHEA", g.edgeHead); w.append("EMET", g.edgeMetres)
        w.append("ECLS", g.edgeClass.map(\.rawValue)); w.append("EFLG", g.edgeFlags.map(\.rawValue)); w.append("EWAY", Array(g.edgeWayID))
        w.append("IFST", g.interiorFirst); w.append("IPTX", g.interiorX); w.append("IPTY", g.interiorY)
        for (tag, parks) in [("PARK", city.parks), ("GRNS", city.greenSpaces)] { appendParks(tag, parks, to: &w) }
        let services = city.services
        w.append("SCAT", services.map(\.category.code))
        w.append("SCAP", services.map { s in s.transitCapacity.map { UInt8(TransitCapacity.allCases.firstIndex(of: $0)! + 1) } ?? 0 })
        w.append("SPTX", services.map(\.position.x)); w.append("SPTY", services.map(\.position.y))
        w.append("SREF", strings: services.map(\.osmReference)); w.append("SNAM", strings: services.map(\.name))
        w.append("SGRP", strings: services.map { $0.group ?? "" })
        let buildings = city.residentialBuildings
        w.append("BPTX", buildings.map(\.position.x)); w.append("BPTY", buildings.map(\.position.y))
        w.append("BFTP", buildings.map(\.footprintSquareMetres)); w.append("BLVL", buildings.map(\.levels))
        w.append("BTAG", buildings.map { UInt8($0.levelsTagged ? 1 : 0) })
        w.append("BREF", strings: buildings.map(\.osmReference)); w.append("BKND", strings: buildings.map(\.kind))
        var header = magic
        withUnsafeBytes(of: version.littleEndian) { header += $0 }
        return header + [UInt8](repeating: 0, count: 8) + w.bytes   // 16 header bytes keep sections 8-byte aligned
    }

    /// Parks as counts of outer and inner rings per park, ring ends, points and strings.
    static func appendParks(_ tag: String, _ parks: [Park], to w: inout BinarySectionWriter) {
        var outer: [Int32] = [], inner: [Int32] = [], ringEnds: [Int32] = [], xs: [Double] = [], ys: [Double] = []
        for park in parks {
            outer.append(Int32(park.polygon.outerRings.count)); inner.append(Int32(park.polygon.innerRings.count))
            for ring in park.polygon.outerRings + park.polygon.innerRings {
                xs += ring.map(\.x); ys += ring.map(\.y); ringEnds.append(Int32(xs.count))
            }
        }
        w.append(tag, outer); w.append(tag, inner); w.append(tag, ringEnds); w.append(tag, xs); w.append(tag, ys)
        w.append(tag, strings: parks.map(\.osmReference)); w.append(tag, strings: parks.map(\.kind)); w.append(tag, strings: parks.map(\.name))
        w.append(tag, parks.map(\.areaSquareMetres)); w.append(tag, parks.map { UInt8($0.clipped ? 1 : 0) })
    }
}
