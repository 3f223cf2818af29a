import Walkshed

/// Residents as points, read from CSV.
public struct PopulationTable: Sendable {
    /// Column names of the file, in order (extra columns are kept).
    public var header: [String]
    /// Every record's fields, in file order.
    public var rows: [[String]]
    public var coordinates: [GeoCoordinate]
    /// Residents at each point; finite and ≥ 0.
    public var residents: [Double]

    public init(header: [String], rows: [[String]], coordinates: [GeoCoordinate], residents: [Double]) {
        self.header = header
        self.rows = rows
        self.coordinates = coordinates
        self.residents = residents
    }

    /// Sum of `residents`, added in file order.
    public var total: Double { residents.reduce(0, +) }
}

/// Reads population points from CSV with a header naming `lon`, `lat` and `population`
/// (also `longitude`, `latitude`, `pop`; any case). Other columns are kept. Each row must have
/// as many fields as the header; coordinates must lie within ±180/±90 and counts be finite
/// and ≥ 0 (an empty count is 0).
public enum PopulationCSVReader {
    static let aliases: [(role: String, names: Set<String>)] = [
        ("lon", ["lon", "lng", "longitude", "x"]),
        ("lat", ["lat", "latitude", "y"]),
        ("population", ["population", "pop", "residents"]),
    ]

    /// Reads `path`. - Throws: `InputFileError` or `CSVError` naming the line.
    public static func read(_ path: String) throws -> PopulationTable {
        var reader = try CSVRecordReader(path: path)
        defer { reader.close() }
        return try read(&reader)
    }

    /// Reads CSV bytes held in memory; `name` stands for the file in messages.
    public static func read(bytes: [UInt8], name: String) throws -> PopulationTable {
        var reader = CSVRecordReader(bytes: bytes, name: name)
        return try read(&reader)
    }

    static func read(_ reader: inout CSVRecordReader) throws -> PopulationTable {
        guard let (header, headerLine) = try reader.next() else {
            throw CSVError(path: reader.path, line: 1, message: "empty file; expected a header with lon, lat and population")
        }
        let normalised = header.map { $0.trimmingSpaces().lowercased().replacingBOM() }
        var column: [String: Int] = [:]
        for (role, names) in aliases {
            guard let index = normalised.firstIndex(where: names.contains) else {
                throw CSVError(path: reader.path, line: headerLine,
                               message: "header has no \(role) column (accepted names: \(names.sorted().joined(separator: ", ")))")
            }
            column[role] = index
        }
        var table = PopulationTable(header: header, rows: [], coordinates: [], residents: [])
        while let (fields, line) = try reader.next() {
            guard fields.count == header.count else {
                throw CSVError(path: reader.path, line: line, message: "\(fields.count) fields, the header has \(header.count)")
            }
            func number(_ role: String) throws -> Double {
                let text = fields[column[role]!].trimmingSpaces()
                if role == "population" && text.isEmpty { return 0 }
                guard let value = Double(text), value.isFinite else {
                    throw CSVError(path: reader.path, line: line, message: "\(header[column[role]!]) '\(text)' is not a number")
                }
                return value
            }
            let lon = try number("lon"), lat = try number("lat"), residents = try number("population")
            guard abs(lon) <= 180, abs(lat) <= 90 else {
                throw CSVError(path: reader.path, line: line, message: "coordinates (\(lon), \(lat)) are outside ±180, ±90")
            }
            guard residents >= 0 else {
                throw CSVError(path: reader.path, line: line, message: "population \(residents) is negative")
            }
            guard ValidRange.residents.contains(residents) else {
                throw CSVError(path: reader.path, line: line, message: "population \(residents) is beyond \(ValidRange.text(ValidRange.residents)) at one point")
            }
            table.rows.append(fields)
            table.coordinates.append(GeoCoordinate(longitude: lon, latitude: lat))
            table.residents.append(residents)
        }
        return table
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }

    func replacingBOM() -> String { hasPrefix("\u{FEFF}") ? String(dropFirst()) : self }
}
