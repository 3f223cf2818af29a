import Foundation
import Walkshed

/// Opens any city input the commands accept: a `.wsn` network file (recognised by its magic
/// bytes, whatever its name) or an OpenStreetMap extract, PBF or XML.
public enum CityFile {
    /// - Throws: the errors of `NetworkFile.read` or `OSMCityLoader.load`.
    public static func load(_ path: String, options: OSMLoadOptions = OSMLoadOptions(),
                            stage: (String) -> Void = { _ in }) throws -> (city: City, report: OSMLoadReport) {
        if OSMFile.isStream(path) {
            // A pipe is read once: its bytes decide what it holds.
            let bytes = try OSMFile.readStream(path)
            if bytes.starts(with: NetworkFile.magic) {
                stage("reading network file")
                var (city, report) = try NetworkFile.read(data: Data(bytes), name: path)
                if !options.keepResidentialBuildings { city.residentialBuildings = [] }
                return (city, report)
            }
            return try OSMCityLoader.load(OSMFile.fromBytes(bytes, name: path), options: options, stage: stage)
        }
        guard NetworkFile.isNetworkFile(path) else { return try OSMCityLoader.load(path, options: options, stage: stage) }
        stage("reading network file")
        var (city, report) = try NetworkFile.read(path)
        if !options.keepResidentialBuildings { city.residentialBuildings = [] }
        return (city, report)
    }
}
