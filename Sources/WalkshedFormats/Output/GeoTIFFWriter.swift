import Walkshed

/// A single-band float32 raster in Cloud-Optimized GeoTIFF layout: little-endian TIFF 6.0,
/// 256 × 256 tiles compressed with deflate (TIFF compression 8, zlib streams) after the
/// floating-point predictor (3), overviews halving the size until one tile holds the whole
/// grid (each cell the mean of the values under it), every IFD at the start of the file and the
/// tiles after them, smallest overview first. The georeference (GeoTIFF 1.1: model tiepoint,
/// pixel scale, GeoKeys naming the EPSG code of the UTM zone, pixel is area) and GDAL's
/// `GDAL_NODATA` and `GDAL_METADATA` tags (band description and unit) are in the first IFD.
public enum GeoTIFFWriter {
    /// Written where a value is NaN, and named in `GDAL_NODATA`.
    public static let noData: Float = -9999
    static let tileSize = 256

    /// The raster to write: `values` row by row from the north-west corner, NaN for no data.
    public struct Raster: Sendable {
        public var values: [Float]
        public var columns: Int
        public var rows: Int
        /// West edge and south edge of the grid, and the side of a cell, in metres.
        public var west: Double
        public var south: Double
        public var cellMetres: Double
        public var epsgCode: Int
        /// The band's description and unit, as GDAL shows them.
        public var description: String
        public var unit: String

        public init(values: [Float], columns: Int, rows: Int, west: Double, south: Double, cellMetres: Double,
                    epsgCode: Int, description: String, unit: String) {
            precondition(values.count == columns * rows)
            self.values = values
            self.columns = columns
            self.rows = rows
            self.west = west
            self.south = south
            self.cellMetres = cellMetres
            self.epsgCode = epsgCode
            self.description = description
            self.unit = unit
        }
    }

    /// The raster of one layer of a grid result, each value rounded to the decimals the text
    /// formats print (minutes 2, counts 0), so every format holds the same numbers.
    public static func raster(_ layer: CoverageLayer, grid: GridGeometry, projection: UTMProjection) -> Raster {
        let decimals = layer.decimals
        let values = layer.values.map { $0.isNaN ? $0 : Float(FixedPoint.asWritten(Double($0), decimals: decimals)) }
        return Raster(values: values, columns: grid.columns, rows: grid.rows, west: grid.originX, south: grid.originY,
               cellMetres: grid.cellMetres, epsgCode: projection.epsgCode, description: layer.name, unit: layer.unit.rawValue)
    }

    /// libdeflate's level for tiles. On the 211 MB benchmark's ten grids level 1 writes
    /// 28.5 MB in 0.56–0.67 s where level 6 wrote 27.9 MB in 0.92–1.00 s (two threads).
    static let deflateLevel: Int32 = 1

    /// The file's bytes; tiles are compressed on `threads` threads, and the bytes are the same
    /// for any thread count.
    public static func bytes(_ raster: Raster, threads: Int = 1) -> [UInt8] {
        var levels = [Level(values: raster.values, columns: raster.columns, rows: raster.rows)]
        while max(levels.last!.columns, levels.last!.rows) > tileSize { levels.append(levels.last!.halved()) }
        // Every level's tiles in one parallel loop, in chunks that each keep one compressor
        // and one tile buffer.
        let tileList = levels.indices.flatMap { k in (0..<levels[k].tileCount).map { (level: k, tile: $0) } }
        let allLevels = levels
        let chunks = ParallelSearch.mapChunks(itemCount: tileList.count, threads: threads) { range in
            let compressor = Deflate.Compressor(level: deflateLevel)
            var tile = [UInt8](repeating: 0, count: tileSize * tileSize * 4)
            return tileList[range].map { item in
                allLevels[item.level].predictTile(item.tile, into: &tile)
                return tile.withUnsafeBufferPointer { compressor.compress($0, as: .zlib) }
            }
        }
        var tiles = levels.map { _ in [[UInt8]]() }
        for (item, bytes) in zip(tileList, chunks.joined()) { tiles[item.level].append(bytes) }
        // Lay out: header, IFDs (full resolution first), then tile data (smallest overview first).
        var ifds = levels.indices.map { k in ifd(level: levels[k], isOverview: k > 0, raster: raster) }
        var offset = 8
        var ifdOffsets: [Int] = []
        for ifd in ifds {
            ifdOffsets.append(offset)
            offset += ifd.size
        }
        var tileOffsets = Array(repeating: [Int](), count: levels.count)
        for k in levels.indices.reversed() {
            for tile in tiles[k] {
                tileOffsets[k].append(offset)
                offset += tile.count
            }
        }
        precondition(offset <= Int(UInt32.max), "GeoTIFF over 4 GiB needs BigTIFF")
        var out: [UInt8] = [0x49, 0x49, 42, 0]
        out.appendLittleEndian(UInt32(8))
        for k in levels.indices {
            ifds[k].set(324, .long(tileOffsets[k].map { UInt32($0) }))
            ifds[k].set(325, .long(tiles[k].map { UInt32($0.count) }))
            ifds[k].write(at: ifdOffsets[k], next: k + 1 < levels.count ? ifdOffsets[k + 1] : 0, into: &out)
        }
        for k in levels.indices.reversed() { for tile in tiles[k] { out += tile } }
        return out
    }

    private static func ifd(level: Level, isOverview: Bool, raster: Raster) -> IFD {
        var ifd = IFD()
        ifd.set(254, .long([isOverview ? 1 : 0]))
        ifd.set(256, .long([UInt32(level.columns)]))
        ifd.set(257, .long([UInt32(level.rows)]))
        ifd.set(258, .short([32]))
        ifd.set(259, .short([8]))
        ifd.set(262, .short([1]))
        ifd.set(277, .short([1]))
        ifd.set(284, .short([1]))
        ifd.set(317, .short([3]))
        ifd.set(322, .short([UInt16(tileSize)]))
        ifd.set(323, .short([UInt16(tileSize)]))
        ifd.set(324, .long(Array(repeating: 0, count: level.tileCount)))
        ifd.set(325, .long(Array(repeating: 0, count: level.tileCount)))
        ifd.set(339, .short([3]))
        if !isOverview {
            let north = raster.south + Double(raster.rows) * raster.cellMetres
            ifd.set(33550, .double([raster.cellMetres, raster.cellMetres, 0]))
            ifd.set(33922, .double([0, 0, 0, raster.west, north, 0]))
            // GeoKey directory: version 1.1.0, 4 keys: model type projected, raster type pixel is
            // area, projected CRS by EPSG code, linear unit metre (EPSG 9001).
            ifd.set(34735, .short([1, 1, 0, 4, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, UInt16(raster.epsgCode), 3076, 0, 1, 9001]))
            ifd.set(42112, .ascii(metadataXML(raster)))
        }
        ifd.set(42113, .ascii(FixedPoint.format(Double(noData), decimals: 0)))
        return ifd
    }

    /// GDAL's band metadata: description and unit of band 1.
    static func metadataXML(_ raster: Raster) -> String {
        func escaped(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        return "<GDALMetadata>\n"
            + "  <Item name=\"DESCRIPTION\" sample=\"0\" role=\"description\">\(escaped(raster.description))</Item>\n"
            + "  <Item name=\"UNITTYPE\" sample=\"0\" role=\"unittype\">\(escaped(raster.unit))</Item>\n"
            + "  <Item name=\"WALKSHED_VERSION\">\(escaped(WalkshedVersion.current))</Item>\n"
            + "</GDALMetadata>"
    }

    /// One resolution of the raster.
    struct Level: Sendable {
        var values: [Float]
        var columns: Int
        var rows: Int

        var tilesAcross: Int { (columns + GeoTIFFWriter.tileSize - 1) / GeoTIFFWriter.tileSize }
        var tileCount: Int { tilesAcross * ((rows + GeoTIFFWriter.tileSize - 1) / GeoTIFFWriter.tileSize) }

        /// Half the size (rounded up); each cell the mean of the values of the up to four cells
        /// under it, NaN when all are NaN.
        func halved() -> Level {
            let halfColumns = (columns + 1) / 2, halfRows = (rows + 1) / 2
            var out = [Float](repeating: .nan, count: halfColumns * halfRows)
            values.withUnsafeBufferPointer { values in
                for r in 0..<halfRows {
                    for c in 0..<halfColumns {
                        // The four cells in the order (0,0), (0,1), (1,0), (1,1): the sum's rounding is fixed.
                        var sum: Float = 0, count: Float = 0
                        for rr in (2 * r)...(2 * r + 1) where rr < rows {
                            for cc in (2 * c)...(2 * c + 1) where cc < columns {
                                let v = values[rr * columns + cc]
                                if !v.isNaN { sum += v; count += 1 }
                            }
                        }
                        if count > 0 { out[r * halfColumns + c] = sum / count }
                    }
                }
            }
            return Level(values: out, columns: halfColumns, rows: halfRows)
        }

        /// Tile `t` (row-major over tiles) as predicted bytes: each row of 256 samples split
        /// into four byte planes of the big-endian floats, then each byte minus the one before
        /// it (TIFF Technical Note 3, floating-point predictor). Cells past the grid hold NODATA.
        /// Written over `out`, which must hold a whole tile's bytes.
        func predictTile(_ t: Int, into out: inout [UInt8]) {
            let size = GeoTIFFWriter.tileSize
            let top = (t / tilesAcross) * size, left = (t % tilesAcross) * size
            precondition(out.count == size * size * 4)
            values.withUnsafeBufferPointer { values in
                out.withUnsafeMutableBufferPointer { out in
                    for r in 0..<size {
                        let rowStart = r * size * 4, row = top + r
                        for c in 0..<size {
                            let column = left + c
                            var v = GeoTIFFWriter.noData
                            if row < rows && column < columns, !values[row * columns + column].isNaN { v = values[row * columns + column] }
                            let bits = v.bitPattern
                            out[rowStart + c] = UInt8(truncatingIfNeeded: bits >> 24)
                            out[rowStart + size + c] = UInt8(truncatingIfNeeded: bits >> 16)
                            out[rowStart + 2 * size + c] = UInt8(truncatingIfNeeded: bits >> 8)
                            out[rowStart + 3 * size + c] = UInt8(truncatingIfNeeded: bits)
                        }
                        for j in stride(from: size * 4 - 1, to: 0, by: -1) { out[rowStart + j] = out[rowStart + j] &- out[rowStart + j - 1] }
                    }
                }
            }
        }
    }

    /// A TIFF image file directory: entries sorted by tag, values of more than 4 bytes stored
    /// right after the entries.
    struct IFD {
        enum Value {
            case short([UInt16]), long([UInt32]), double([Double]), ascii(String)

            var type: UInt16 {
                switch self {
                case .ascii: 2
                case .short: 3
                case .long: 4
                case .double: 12
                }
            }
            var bytes: [UInt8] {
                var out: [UInt8] = []
                switch self {
                case .short(let v): for x in v { out.appendLittleEndian(x) }
                case .long(let v): for x in v { out.appendLittleEndian(x) }
                case .double(let v): for x in v { out.appendLittleEndian(x.bitPattern) }
                case .ascii(let s): out = Array(s.utf8) + [0]
                }
                return out
            }
            var count: Int {
                switch self {
                case .short(let v): v.count
                case .long(let v): v.count
                case .double(let v): v.count
                case .ascii(let s): s.utf8.count + 1
                }
            }
        }
        private var entries: [(tag: UInt16, value: Value)] = []

        mutating func set(_ tag: UInt16, _ value: Value) {
            if let i = entries.firstIndex(where: { $0.tag == tag }) { entries[i].value = value } else { entries.append((tag, value)) }
            entries.sort { $0.tag < $1.tag }
        }

        /// Bytes of the directory and its out-of-line values (each padded to an even length).
        var size: Int {
            2 + entries.count * 12 + 4 + entries.reduce(0) { sum, e in
                let n = e.value.bytes.count
                return sum + (n > 4 ? n + n % 2 : 0)
            }
        }

        /// Appends the directory, which starts at `offset` (the current end of `out`).
        func write(at offset: Int, next: Int, into out: inout [UInt8]) {
            precondition(out.count == offset)
            var extra = offset + 2 + entries.count * 12 + 4
            var tail: [UInt8] = []
            out.appendLittleEndian(UInt16(entries.count))
            for (tag, value) in entries {
                out.appendLittleEndian(tag)
                out.appendLittleEndian(value.type)
                out.appendLittleEndian(UInt32(value.count))
                var bytes = value.bytes
                if bytes.count <= 4 {
                    bytes += Array(repeating: 0, count: 4 - bytes.count)
                    out += bytes
                } else {
                    out.appendLittleEndian(UInt32(extra))
                    if bytes.count % 2 == 1 { bytes.append(0) }
                    tail += bytes
                    extra += bytes.count
                }
            }
            out.appendLittleEndian(UInt32(next))
            out += tail
        }
    }
}

extension [UInt8] {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
    }
}
