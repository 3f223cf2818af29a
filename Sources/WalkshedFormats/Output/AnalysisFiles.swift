import Foundation
import Walkshed

/// The files of an analysis in the chosen `formats`, each built and staged in turn so only one
/// file (one GeoTIFF per thread) is in memory at a time: per layer `<name>.tif` (Cloud-Optimized GeoTIFF), `<name>.asc`
/// and `<name>.prj`, then `cells.csv`, `cells.geojson` (these two streamed in 4 MB pieces).
public enum AnalysisFiles {
    /// Upper estimate of output text per grid cell: 8 grids of ≤ 8 bytes, a CSV row of ≤ 130
    /// bytes and a GeoJSON feature of ≤ 420 bytes (measured on Porto: 72 MB for 170,392 cells).
    public static let bytesPerCell = 64.0 + 130 + 420

    /// Upper estimate of the bytes written per cell in `formats`: GeoTIFF 8 float32 grids
    /// before compression (32), ASCII grids 64, the CSV row 130, the GeoJSON feature 420.
    public static func estimatedBytesPerCell(formats: OutputFormats) -> Double {
        (formats.contains(.geotiff) ? 32 : 0) + (formats.contains(.asc) ? 64 : 0)
            + (formats.contains(.csv) ? 130 : 0) + (formats.contains(.geojson) ? 420 : 0)
    }

    /// Stages every file of `result` in `folder`; returns how many.
    @discardableResult
    public static func stage(_ result: CoverageResult, projection: UTMProjection, in folder: String,
                             transaction: OutputTransaction, formats: OutputFormats, threads: Int = 1) throws -> Int {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        var count = 0
        if formats.contains(.geotiff) {
            // Each layer's file made whole on one thread and staged in layer order as soon as it
            // and those before it are made, with no pause between batches: at most `threads`
            // files wait to be staged, and each file's bytes are the same for any thread count.
            let layers = result.layers, grid = result.grid
            try ParallelSearch.inOrder(itemCount: layers.count, threads: threads, window: max(1, threads)) { k in
                GeoTIFFWriter.bytes(GeoTIFFWriter.raster(layers[k], grid: grid, projection: projection))
            } consume: { k, bytes in
                try transaction.stage(Data(bytes), at: path("\(layers[k].name).tif"))
                count += 1
            }
        }
        if formats.contains(.asc) {
            let prj = AsciiGridWriter.projectionText(projection)
            for layer in result.layers {
                try transaction.stage(AsciiGridWriter.text(layer, grid: result.grid), at: path("\(layer.name).asc"))
                try transaction.stage(prj, at: path("\(layer.name).prj"))
                count += 2
            }
        }
        if formats.contains(.csv) {
            try transaction.stageStreaming(at: path("cells.csv")) { write in
                try CellTableWriter.writeCSV(result, projection: projection, flush: write)
            }
            count += 1
        }
        if formats.contains(.geojson) {
            try transaction.stageStreaming(at: path("cells.geojson")) { write in
                try CellTableWriter.writeGeoJSON(result, projection: projection, flush: write)
            }
            count += 1
        }
        return count
    }
}
