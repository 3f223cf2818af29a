import Walkshed

/// Opens any city input the commands accept: a `.wsn` network file (recognised by its magic
/// bytes, whatever its name) or an OpenStreetMap extract, PBF or XML.
public enum CityFile {
    /// - Throws: the errors of `NetworkFile.read` or `OSMCityLoader.load`.
    public static func load(_ path: String, options: OSMLoadOptions = OSMLoadOptions(),
                            stage: (String) -> Void = { _ in }) throws -> (city: City, report: OSMLoadReport) {
        guard NetworkFile.isNetworkFile(path) else { return try OSMCityLoader.load(path, options: options, stage: stage) }
        stage("reading network file")
        var (city, report) = try NetworkFile.read(path)
        if !options.keepResidentialBuildings { city.residentialBuildings = [] }
        return (city, report)
    }
}
