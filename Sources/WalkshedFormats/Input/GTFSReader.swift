import Walkshed

/// A transit stop of a GTFS feed, with the capacity of the routes that serve it.
public struct GTFSStop: Sendable, Equatable {
    public var id: String
    public var name: String
    public var coordinate: GeoCoordinate
    public var capacity: TransitCapacity
}

/// Stops of a GTFS feed and what was left out.
public struct GTFSFeed: Sendable {
    public var path: String
    public var stops: [GTFSStop]
    /// Stops (location_type 0 or empty) that no trip in `stop_times.txt` serves; not in `stops`.
    public var unservedStops = 0
    /// Stations, entrances and other non-boarding locations (location_type ≥ 1); not in `stops`.
    public var otherLocations = 0
}

/// Reads the stops of a GTFS zip (`stops.txt`), and from `routes.txt`, `trips.txt` and
/// `stop_times.txt` which stops are served and by what: a stop served by a rail, metro or
/// ferry route (`route_type` 1, 2, 4, 12 and the extended 100–199, 400–699, 1000–1299, 1400)
/// is high capacity, any other served stop low capacity (SDG 11.2.1). Without `stop_times.txt`
/// every stop counts, as low capacity.
public enum GTFSReader {
    /// Whether a GTFS `route_type` is high-capacity transit.
    public static func isHighCapacity(routeType: Int) -> Bool {
        switch routeType {
        case 1, 2, 4, 12, 100...199, 400...699, 1000...1299, 1400: true
        default: false
        }
    }

    /// Reads the feed at `path`. - Throws: `InputFileError`, `ZipError` or `CSVError`
    /// (its path is `<zip>:<member>`).
    public static func read(_ path: String) throws -> GTFSFeed {
        try read(ZipArchive(path: path))
    }

    public static func read(_ archive: ZipArchive) throws -> GTFSFeed {
        guard let stopsEntry = archive.entry(named: "stops.txt") else {
            throw InputFileError(path: archive.path, message: "no stops.txt in the archive; not a GTFS feed")
        }
        var highRoutes: Set<String> = []
        if let entry = archive.entry(named: "routes.txt") {
            try forEachRecord(archive, entry, columns: ["route_id", "route_type"]) { fields, line, name in
                guard let type = Int(fields[1]) else {
                    throw CSVError(path: name, line: line, message: "route_type '\(fields[1])' is not an integer")
                }
                if isHighCapacity(routeType: type) { highRoutes.insert(fields[0]) }
            }
        }
        var tripIsHigh: [String: Bool] = [:]
        if let entry = archive.entry(named: "trips.txt") {
            try forEachRecord(archive, entry, columns: ["trip_id", "route_id"]) { fields, _, _ in
                tripIsHigh[fields[0]] = highRoutes.contains(fields[1])
            }
        }
        var served: [String: TransitCapacity]? = nil
        if let entry = archive.entry(named: "stop_times.txt") {
            var map: [String: TransitCapacity] = [:]
            try forEachRecord(archive, entry, columns: ["trip_id", "stop_id"]) { fields, _, _ in
                let high = tripIsHigh[fields[0]] ?? false
                if high { map[fields[1]] = .high } else if map[fields[1]] == nil { map[fields[1]] = .low }
            }
            served = map
        }
        var feed = GTFSFeed(path: archive.path, stops: [])
        try forEachRecord(archive, stopsEntry, columns: ["stop_id", "stop_lat", "stop_lon"],
                          optional: ["stop_name", "location_type"]) { fields, line, name in
            let locationType = fields[4].isEmpty ? 0 : Int(fields[4]) ?? -1
            guard locationType == 0 else {
                if locationType < 0 { throw CSVError(path: name, line: line, message: "location_type '\(fields[4])' is not an integer") }
                feed.otherLocations += 1
                return
            }
            guard let lat = Double(fields[1]), let lon = Double(fields[2]), abs(lat) <= 90, abs(lon) <= 180 else {
                throw CSVError(path: name, line: line, message: "stop \(fields[0]): coordinates (\(fields[2]), \(fields[1])) are not a longitude and latitude")
            }
            let capacity: TransitCapacity
            if let served {
                guard let found = served[fields[0]] else { feed.unservedStops += 1; return }
                capacity = found
            } else {
                capacity = .low
            }
            feed.stops.append(GTFSStop(id: fields[0], name: fields[3], coordinate: GeoCoordinate(longitude: lon, latitude: lat),
                                       capacity: capacity))
        }
        return feed
    }

    /// Calls `body` with the `columns` (then `optional` ones, empty when absent) of each record
    /// of `entry`, the record's line, and the member's name for messages.
    static func forEachRecord(_ archive: ZipArchive, _ entry: ZipArchive.Entry, columns: [String], optional: [String] = [],
                              _ body: ([String], Int, String) throws -> Void) throws {
        let name = "\(archive.path):\(entry.name)"
        var reader = CSVRecordReader(bytes: try archive.contents(of: entry), name: name)
        guard let (header, headerLine) = try reader.next() else {
            throw CSVError(path: name, line: 1, message: "empty file; expected a header with \(columns.joined(separator: ", "))")
        }
        let names = header.map { $0.trimmingSpaces().replacingBOM() }
        var index: [Int?] = []
        for column in columns {
            guard let i = names.firstIndex(of: column) else {
                throw CSVError(path: name, line: headerLine, message: "header has no \(column) column")
            }
            index.append(i)
        }
        index += optional.map { names.firstIndex(of: $0) }
        var fields = [String](repeating: "", count: index.count)
        while let (record, line) = try reader.next() {
            for (k, i) in index.enumerated() {
                guard let i else { fields[k] = ""; continue }
                guard i < record.count else {
                    throw CSVError(path: name, line: line, message: "\(record.count) fields, the header has \(header.count)")
                }
                fields[k] = record[i].trimmingSpaces()
            }
            try body(fields, line, name)
        }
    }
}
