import Foundation
import Walkshed

/// A batch folder's completed units read back and checked: all made by one Walkshed version
/// with one set of options (those of `batch.json`), in the plan's order whatever shard ran them.
public struct MergedBatch: Sendable {
    public var batch: BatchDocument
    /// The completed units, in plan order.
    public var units: [UnitFiguresDocument]
    /// Units with no completed folder: not run yet, running, or failed (`failures`).
    public var missing: [String]
    /// Failed units and their errors, from `failed/`.
    public var failures: [UnitFailureDocument]

    /// Reads `folder` (the `--out` of `walkshed batch`).
    /// - Throws: `InputFileError` for a folder that is not a batch, or a unit made by another
    ///   Walkshed version, with other options, or of a unit the plan does not have.
    public static func read(_ folder: String) throws -> MergedBatch {
        let layout = BatchFolder(folder)
        guard FileManager.default.fileExists(atPath: layout.batchDocument) else {
            throw InputFileError(path: folder, message: "is not a batch folder (no batch.json); run walkshed batch first")
        }
        let batch = try BatchJSON.decode(BatchDocument.self, from: layout.batchDocument)
        var units: [UnitFiguresDocument] = [], missing: [String] = [], failures: [UnitFailureDocument] = []
        for unit in batch.units {
            let path = layout.figures(of: unit.id)
            guard FileManager.default.fileExists(atPath: layout.completion(of: unit.id)) else {
                missing.append(unit.id)
                if FileManager.default.fileExists(atPath: layout.failure(of: unit.id)) {
                    failures.append(try BatchJSON.decode(UnitFailureDocument.self, from: layout.failure(of: unit.id)))
                }
                continue
            }
            let document = try BatchJSON.decode(UnitFiguresDocument.self, from: path)
            if document.walkshedVersion != batch.walkshedVersion {
                throw InputFileError(path: path, message: "was made by Walkshed \(document.walkshedVersion), the batch by \(batch.walkshedVersion); refusing to mix versions (rerun the unit: delete its folder and run its shard again)")
            }
            if document.options != batch.options {
                throw InputFileError(path: path, message: "was made with other options than batch.json's; refusing to mix them (rerun the unit: delete its folder and run its shard again)")
            }
            if !document.unit.isSameWork(as: unit) {
                throw InputFileError(path: path, message: "describes another unit than batch.json's '\(unit.id)'")
            }
            units.append(document)
        }
        return MergedBatch(batch: batch, units: units, missing: missing, failures: failures)
    }

    /// The indicator ids of the table, in the order first met.
    var indicatorIDs: [String] {
        var ids: [String] = []
        for unit in units { for row in unit.rows { for i in row.indicators where !ids.contains(i.id) { ids.append(i.id) } } }
        return ids
    }

    /// One row per unit, scenario and budget: shares of cells and residents within the budget,
    /// population-weighted medians, the standard indicators and the targets met.
    public func csv() -> TextBuffer {
        let measures = AccessFigures.measureNames, ids = indicatorIDs
        var out = TextBuffer(capacity: 1 << 16)
        let header = ["study", "boundary", "profile", "scenario", "budget_minutes", "cells"] + measures.map { "cell_share_\($0)" }
            + ["residents"] + measures.map { "resident_share_\($0)" } + measures.map { "median_\($0)" } + ids + ["targets_met", "targets_total"]
        out.append(header.joined(separator: ",") + "\n")
        func number(_ v: Double?, _ decimals: Int) -> String { v.map { FixedPoint.format($0, decimals: decimals) } ?? "" }
        for unit in units {
            for row in unit.rows {
                var fields = [PopulationTableWriter.quoted(unit.unit.study), PopulationTableWriter.quoted(unit.unit.boundary ?? ""), unit.unit.profile,
                              PopulationTableWriter.quoted(row.scenario), number(row.budgetMinutes, 2), "\(row.cells)"]
                fields += row.cellShares.map { number($0, 4) }
                fields.append(number(row.residents, 1))
                fields += row.residentShares.map { $0.map { number($0, 4) } } ?? measures.map { _ in "" }
                fields += row.residentMedians.map { $0.map { number($0, 2) } } ?? measures.map { _ in "" }
                for id in ids {
                    let indicator = row.indicators.first { $0.id == id }
                    fields.append(number(indicator?.value, indicator?.unit == "minutes" ? 2 : 4))
                }
                fields += ["\(row.targets.filter(\.met).count)", "\(row.targets.count)"]
                out.append(fields.joined(separator: ",") + "\n")
            }
        }
        return out
    }

    /// The same table as JSON: the batch's version and options, then one object per row.
    public func json() throws -> Data {
        struct Row: Encodable {
            var study: String, boundary: String?, profile: String, scenario: String, budgetMinutes: Double, cells: Int
            var cellShares: [String: Double], residents: Double?, residentShares: [String: Double]?, residentMedians: [String: Double?]?
            var indicators: [String: Double?], targets: [UnitFiguresDocument.Target]
        }
        struct Table: Encodable {
            var format = "walkshed-merged/1", walkshedVersion: String, options: BatchOptions, units: Int, rows: [Row]
        }
        let measures = AccessFigures.measureNames
        func keyed<T>(_ values: [T]) -> [String: T] { Dictionary(uniqueKeysWithValues: zip(measures, values)) }
        let rows = units.flatMap { unit in
            unit.rows.map { row in
                Row(study: unit.unit.study, boundary: unit.unit.boundary, profile: unit.unit.profile, scenario: row.scenario,
                    budgetMinutes: row.budgetMinutes, cells: row.cells, cellShares: keyed(row.cellShares), residents: row.residents,
                    residentShares: row.residentShares.map(keyed), residentMedians: row.residentMedians.map(keyed),
                    indicators: Dictionary(uniqueKeysWithValues: row.indicators.map { ($0.id, $0.value) }), targets: row.targets)
            }
        }
        return try BatchJSON.encode(Table(walkshedVersion: batch.walkshedVersion, options: batch.options, units: units.count, rows: rows))
    }
}

/// Where a batch keeps its files under its `--out` folder.
public struct BatchFolder: Sendable {
    public let root: String
    public init(_ root: String) { self.root = root }

    func path(_ parts: String...) -> String { parts.reduce(root) { ($0 as NSString).appendingPathComponent($1) } }
    public var batchDocument: String { path("batch.json") }
    public var unitsFolder: String { path("units") }
    public var failedFolder: String { path("failed") }
    public func unit(_ id: String) -> String { path("units", id) }
    public func figures(of id: String) -> String { path("units", id, "figures.json") }
    /// Written last into a unit's folder: the folder is complete exactly when it exists.
    public func completion(of id: String) -> String { path("units", id, "complete.json") }
    public func failure(of id: String) -> String { path("failed", "\(id).json") }
    /// A unit's folder while it is written: renamed to `unit(id)` once complete.
    public func partial(of id: String) -> String { path("units", ".partial-\(id)-\(getpid())") }
}
