import Foundation
import Walkshed

/// A malformed or unsupported GeoTIFF, with the byte offset where the problem was found.
public struct GeoTIFFError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let byteOffset: Int
    public let message: String
    public var description: String { "\(path): byte \(byteOffset): error: \(message)" }
}

/// Reads band 1 of a GeoTIFF (TIFF 6.0, classic, either byte order): stripped or tiled;
/// uncompressed, deflate (8, 32946) or LZW (5); horizontal (2) or floating-point (3) predictor;
/// 8 to 64-bit integers or floats. The georeference must be a north-up pixel scale and tiepoint
/// in WGS 84 degrees (EPSG 4326) or a WGS 84 UTM zone (EPSG 326xx/327xx); anything else is
/// refused by name. Values equal to `GDAL_NODATA` become NaN.
public enum GeoTIFFReader {
    /// - Throws: `InputFileError`, `GeoTIFFError`.
    public static func read(_ path: String, maxCells: Int) throws -> GeoRaster {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError(path: path, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file or directory")
        }
        return try read(bytes: [UInt8](data), name: path, maxCells: maxCells)
    }

    /// Reads a GeoTIFF held in memory; `name` stands for the file in messages.
    public static func read(bytes: [UInt8], name: String, maxCells: Int) throws -> GeoRaster {
        var file = TIFFBytes(bytes: bytes, name: name)
        guard bytes.count >= 8 else { throw file.error(at: 0, "not a TIFF file: \(bytes.count) bytes") }
        switch (bytes[0], bytes[1]) {
        case (0x49, 0x49): file.bigEndian = false
        case (0x4D, 0x4D): file.bigEndian = true
        default: throw file.error(at: 0, "not a TIFF file: it does not start with II or MM")
        }
        let magic = try file.uint(at: 2, size: 2)
        if magic == 43 { throw file.error(at: 2, "BigTIFF is not supported; write a classic GeoTIFF (under 4 GiB)") }
        guard magic == 42 else { throw file.error(at: 2, "not a TIFF file: magic number \(magic), expected 42") }
        let ifdOffset = Int(try file.uint(at: 4, size: 4))
        let tags = try file.directory(at: ifdOffset)
        func required(_ tag: Int, _ name: String) throws -> [Double] {
            guard let values = tags[tag]?.numbers, !values.isEmpty else { throw file.error(at: ifdOffset, "missing tag \(tag) (\(name))") }
            return values
        }
        /// The tag's first value as a whole number in 0...2³²−1 (`fallback` when absent); a
        /// fraction, a negative or an enormous value is an error, never a trap.
        func whole(_ tag: Int, _ name: String, _ fallback: Int? = nil) throws -> Int {
            guard let value = tags[tag]?.numbers.first else {
                if let fallback { return fallback }
                throw file.error(at: ifdOffset, "missing tag \(tag) (\(name))")
            }
            guard let n = Self.whole(value) else { throw file.error(at: ifdOffset, "tag \(tag) (\(name)) is \(value), not a whole number") }
            return n
        }
        let columns = try whole(256, "ImageWidth"), rows = try whole(257, "ImageLength")
        guard columns > 0, rows > 0 else { throw file.error(at: ifdOffset, "image of \(columns) × \(rows) pixels") }
        guard columns.multipliedReportingOverflow(by: rows).partialValue <= maxCells, columns <= maxCells, rows <= maxCells else {
            throw file.error(at: ifdOffset, "\(columns) × \(rows) cells is more than the \(maxCells) accepted")
        }
        let samples = try whole(277, "SamplesPerPixel", 1)
        guard (1...64).contains(samples) else { throw file.error(at: ifdOffset, "\(samples) samples per pixel") }
        let planar = try whole(284, "PlanarConfiguration", 1)
        guard samples == 1 || planar == 1 else {
            throw file.error(at: ifdOffset, "separate planes (PlanarConfiguration 2) are not supported")
        }
        let bits = try whole(258, "BitsPerSample", 1)
        let format = try whole(339, "SampleFormat", 1)
        guard [8, 16, 32, 64].contains(bits), [1, 2, 3].contains(format), format != 3 || bits >= 32 else {
            throw file.error(at: ifdOffset, "\(bits)-bit samples of SampleFormat \(format) are not supported (8–64-bit integers, 32/64-bit floats)")
        }
        let compression = try whole(259, "Compression", 1)
        guard [1, 5, 8, 32946].contains(compression) else {
            throw file.error(at: ifdOffset, "compression \(compression) is not supported (none, LZW, deflate)")
        }
        let predictor = try whole(317, "Predictor", 1)
        guard [1, 2, 3].contains(predictor) else { throw file.error(at: ifdOffset, "predictor \(predictor) is not supported") }
        let georeference = try Self.georeference(tags, file: file, at: ifdOffset)
        let noData = tags[42113]?.text.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }

        // Pieces: tiles, or strips as tiles the width of the image.
        let tiled = tags[322] != nil
        let pieceWidth = tiled ? try whole(322, "TileWidth") : columns
        let pieceHeight = tiled ? try whole(323, "TileLength") : min(rows, try whole(278, "RowsPerStrip", rows))
        guard pieceWidth > 0, pieceHeight > 0, pieceWidth <= 1 << 16, pieceHeight <= 1 << 24 else {
            throw file.error(at: ifdOffset, "tile or strip of \(pieceWidth) × \(pieceHeight) pixels")
        }
        let offsets = try required(tiled ? 324 : 273, tiled ? "TileOffsets" : "StripOffsets")
        let counts = try required(tiled ? 325 : 279, tiled ? "TileByteCounts" : "StripByteCounts")
        let across = (columns + pieceWidth - 1) / pieceWidth, down = (rows + pieceHeight - 1) / pieceHeight
        guard offsets.count >= across * down, counts.count >= across * down else {
            throw file.error(at: ifdOffset, "\(offsets.count) pieces for an image of \(across * down) \(tiled ? "tiles" : "strips")")
        }
        let bytesPerSample = bits / 8
        let pieceBytes = pieceWidth * pieceHeight * samples * bytesPerSample
        guard pieceBytes <= 1 << 28 else {
            throw file.error(at: ifdOffset, "a tile or strip of \(pieceBytes) bytes is more than the 256 MiB accepted")
        }
        var values = [Float](repeating: .nan, count: columns * rows)
        for p in 0..<(across * down) {
            guard let start = Self.whole(offsets[p]), let count = Self.whole(counts[p]), start <= bytes.count, count <= bytes.count - start else {
                throw file.error(at: ifdOffset, "piece \(p) at byte \(offsets[p]) of \(counts[p]) bytes runs past the end of the file (\(bytes.count) bytes)")
            }
            var raw: [UInt8]
            switch compression {
            case 1: raw = Array(bytes[start..<start + count])
            case 5: raw = try LZWDecoder.decode(bytes[start..<start + count], expected: pieceBytes, error: { file.error(at: start, $0) })
            default:
                guard let inflated = Zlib.inflateStream(Array(bytes[start..<start + count]), limit: pieceBytes) else {
                    throw file.error(at: start, "piece \(p): corrupt deflate data")
                }
                raw = inflated
            }
            // A last strip may be shorter; pad so every piece is whole.
            if raw.count < pieceBytes { raw += Array(repeating: 0, count: pieceBytes - raw.count) }
            let rowBytes = pieceWidth * samples * bytesPerSample
            try Predictor.undo(predictor, &raw, rows: pieceHeight, rowBytes: rowBytes, bytesPerSample: bytesPerSample,
                               samples: samples, bigEndian: file.bigEndian, error: { file.error(at: start, $0) })
            let top = (p / across) * pieceHeight, left = (p % across) * pieceWidth
            for r in 0..<pieceHeight where top + r < rows {
                for c in 0..<pieceWidth where left + c < columns {
                    let at = (r * pieceWidth + c) * samples * bytesPerSample
                    let v = file.sample(raw, at: at, bits: bits, format: format, predictorBigEndian: predictor == 3)
                    guard v != noData, !v.isNaN else { continue }
                    guard v.isFinite, abs(v) <= Double(Float.greatestFiniteMagnitude) else {
                        throw file.error(at: start, "row \(top + r + 1), column \(left + c + 1): value \(v) is beyond the float32 range")
                    }
                    values[(top + r) * columns + left + c] = Float(v)
                }
            }
        }
        return GeoRaster(header: AsciiGridHeader(columns: columns, rows: rows, xLowerLeft: georeference.west,
                                                 yLowerLeft: georeference.north - Double(rows) * georeference.cell,
                                                 cellSize: georeference.cell, noData: noData),
                         values: values, projection: georeference.projection)
    }

    /// West and north edges and the cell size from ModelPixelScale and ModelTiepoint, and the
    /// CRS from the GeoKeys.
    private static func georeference(_ tags: [Int: TIFFBytes.TagValue], file: TIFFBytes, at offset: Int) throws
        -> (west: Double, north: Double, cell: Double, projection: UTMProjection?) {
        if tags[34264] != nil { throw file.error(at: offset, "a ModelTransformation (rotated or sheared grid) is not supported") }
        guard let scale = tags[33550]?.numbers, scale.count >= 2, let tie = tags[33922]?.numbers, tie.count >= 6 else {
            throw file.error(at: offset, "no georeference: ModelPixelScale and ModelTiepoint tags are missing")
        }
        guard scale[0] > 0, abs(scale[0] - scale[1]) <= 1e-9 * scale[0] else {
            throw file.error(at: offset, "cells are \(scale[0]) × \(scale[1]): only square cells are supported")
        }
        guard let keys = tags[34735]?.numbers, keys.count >= 4 else { throw file.error(at: offset, "no GeoKeyDirectory: the CRS is unknown") }
        var geoKeys: [Int: Double] = [:]
        for k in 0..<min(Self.whole(keys[3]) ?? 0, keys.count / 4) where 4 + 4 * k + 3 < keys.count {
            let entry = Array(keys[(4 + 4 * k)...(4 + 4 * k + 3)])
            if entry[1] == 0, let key = Self.whole(entry[0]) { geoKeys[key] = entry[3] }
        }
        let isPoint = geoKeys[1025] == 2   // PixelIsPoint: the tiepoint is a cell centre
        let west = tie[3] - tie[0] * scale[0] - (isPoint ? scale[0] / 2 : 0)
        let north = tie[4] + tie[1] * scale[1] + (isPoint ? scale[1] / 2 : 0)
        switch geoKeys[1024] {
        case 2:
            let code = geoKeys[2048].flatMap(whole) ?? 0
            guard code == 4326 else { throw file.error(at: offset, "geographic CRS EPSG:\(code) is not supported (WGS 84, EPSG:4326, is)") }
            return (west, north, scale[0], nil)
        case 1:
            let code = geoKeys[3072].flatMap(whole) ?? 0
            guard (32601...32660).contains(code) || (32701...32760).contains(code) else {
                throw file.error(at: offset, "projected CRS EPSG:\(code) is not supported (WGS 84 UTM zones, EPSG:326xx and 327xx, are)")
            }
            return (west, north, scale[0], UTMProjection(zone: code % 100, isNorth: code < 32700))
        default:
            throw file.error(at: offset, "GTModelTypeGeoKey \(geoKeys[1024].map { "\($0)" } ?? "missing"): the CRS is unknown")
        }
    }
}

extension GeoTIFFReader {
    /// `value` as an Int when it is a whole number in 0...2³²−1, else nil.
    static func whole(_ value: Double) -> Int? {
        value.isFinite && value >= 0 && value <= 4_294_967_295 && value == value.rounded() ? Int(value) : nil
    }
}

/// A georeferenced grid read from a file: values row by row from the top (NaN: no data), in
/// longitude/latitude degrees (`projection` nil) or in the metres of a UTM zone.
public struct GeoRaster: Sendable {
    public var header: AsciiGridHeader
    public var values: [Float]
    public var projection: UTMProjection?
}
