import Foundation

/// rasterio (GDAL inside its wheel) as an independent GeoTIFF reader for tests: a Python with
/// rasterio at `$WALKSHED_RASTERIO_PYTHON`, else in `.build/rasterio-venv` (which `.ci/run`
/// creates). The product never needs it.
public enum RasterioOracle {
    public static var python: String? {
        let candidates = [ProcessInfo.processInfo.environment["WALKSHED_RASTERIO_PYTHON"]].compactMap { $0 }
            + [RepositoryPaths.root.appendingPathComponent(".build/rasterio-venv/bin/python").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether a missing rasterio must fail the test run (on CI) rather than skip the test.
    public static var required: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// Runs `script` with `arguments`; returns its standard output, or throws with its errors.
    public static func run(_ python: String, script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OracleFailure(message: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }

    public struct OracleFailure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { "rasterio script failed: \(message)" }
    }
}
