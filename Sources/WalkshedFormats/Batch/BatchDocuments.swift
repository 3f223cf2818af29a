import Foundation
import Walkshed

/// `batch.json` of a batch folder: what was asked, by which Walkshed, and every unit. Each
/// shard writes it; a shard whose plan differs (another manifest, version or options) refuses
/// the folder rather than mix its units in.
public struct BatchDocument: Codable, Equatable, Sendable {
    public var format = "walkshed-batch/1"
    public var walkshedVersion: String
    public var options: BatchOptions
    public var units: [BatchUnit]

    public init(walkshedVersion: String, options: BatchOptions, units: [BatchUnit]) {
        self.walkshedVersion = walkshedVersion
        self.options = options
        self.units = units
    }

    /// Why `other` is not the same batch (version, options, units; size estimates aside), or nil.
    public func difference(from other: BatchDocument) -> String? {
        if walkshedVersion != other.walkshedVersion { return "Walkshed \(walkshedVersion), this is \(other.walkshedVersion)" }
        if options != other.options { return "other options" }
        guard units.count == other.units.count, zip(units, other.units).allSatisfy({ $0.isSameWork(as: $1) }) else {
            return "another list of units (the manifest changed)"
        }
        return nil
    }
}

/// `units/<id>/figures.json`: one unit's figures, the table rows `walkshed merge` reads.
public struct UnitFiguresDocument: Codable, Equatable, Sendable {
    public var format = "walkshed-batch-unit/1"
    public var walkshedVersion: String
    public var options: BatchOptions
    public var unit: BatchUnit
    /// Residents' source (a file, `residential buildings`), when the study has residents.
    public var residentsSource: String?
    /// Warnings of loading and analysing (see the unit's `warnings.txt`).
    public var warnings: Int
    /// The measures of `cell_shares`, `resident_shares` and `resident_medians`, in order.
    public var measures: [String]
    public var rows: [Row]

    public struct Row: Codable, Equatable, Sendable {
        public var scenario: String
        public var budgetMinutes: Double
        public var cells: Int
        public var cellShares: [Double]
        public var residents: Double?
        public var residentShares: [Double]?
        public var residentMedians: [Double?]?
        public var indicators: [Indicator]
        public var targets: [Target]
    }

    public struct Indicator: Codable, Equatable, Sendable {
        public var id: String
        public var value: Double?
        public var unit: String
    }

    public struct Target: Codable, Equatable, Sendable {
        public var name: String
        public var share: Double
        public var minimumShare: Double
        public var met: Bool
    }

    public init(unit: BatchUnit, options: BatchOptions, run: FigureRun, residentsSource: String?, walkshedVersion: String) {
        self.walkshedVersion = walkshedVersion
        self.options = options
        self.unit = unit
        self.residentsSource = residentsSource
        warnings = run.diagnostics.total
        measures = AccessFigures.measureNames
        rows = run.figures.map { f in
            Row(scenario: f.scenario, budgetMinutes: f.budgetMinutes, cells: f.cells, cellShares: f.cellShares, residents: f.residents,
                residentShares: f.residentShares, residentMedians: f.residentMedians,
                indicators: f.indicators.map { Indicator(id: $0.id, value: $0.value, unit: $0.unit) },
                targets: f.targets.map { Target(name: $0.target.name, share: $0.share, minimumShare: $0.target.minimumShare,
                                                met: $0.share >= $0.target.minimumShare) })
        }
    }
}

/// `failed/<id>.json`: why a unit failed; removed when a later run completes it.
public struct UnitFailureDocument: Codable, Equatable, Sendable {
    public var unit: String
    public var error: String
    public var walkshedVersion: String
}

/// The JSON form every batch document is written in: keys sorted, snake_case, one line per
/// member, numbers in shortest round-trip form (so equal figures give equal bytes).
public enum BatchJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Decodes `path`, naming the file when it is not a document of this kind.
    public static func decode<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        let bytes = try JSONInput.contents(of: path)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return try decoder.decode(type, from: Data(bytes)) } catch {
            throw InputFileError(path: path, message: "not a Walkshed batch file of this version (\(error))")
        }
    }
}
