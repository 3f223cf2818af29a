import Foundation
import Walkshed

/// How one unit of a shard ended.
public enum BatchUnitOutcome: Sendable, Equatable {
    /// Ran and committed its folder, in `seconds`.
    case done(seconds: Double)
    /// An earlier run had completed it.
    case skipped
    /// Failed with this message (recorded in `failed/<id>.json`); the others went on.
    case failed(String)
}

/// Runs the units of one shard of a batch into its folder. Each unit is written into a
/// hidden `units/.partial-<id>-<pid>` folder and renamed to `units/<id>` once complete
/// (`complete.json` last), so a unit is either absent or whole: a killed or preempted shard
/// run again skips what it finished and redoes the rest. A study's extract is read once per
/// shard, however many boundaries and profiles of it the shard runs.
public final class BatchRunner {
    /// What each unit folder holds: the ASCII grids the cross-city page draws from, and the cell
    /// table as CSV and GeoJSON.
    static let unitFormats: OutputFormats = [.asc, .csv, .geojson]

    public let manifest: BatchManifest
    public private(set) var plan: BatchPlan
    public let folder: BatchFolder
    /// The boundaries of each study that has them, by label.
    public let boundaries: [String: [NamedBoundary]]
    public let threads: Int
    /// The most memory a unit's study may need to read, in bytes, and what set it.
    public var memory: (bytes: Double, source: String) = (.infinity, "no limit")
    private var loaded: (index: Int, study: Result<PreparedStudy, Error>)?

    /// A study read for its units: the city with residents, its scenarios and targets.
    struct PreparedStudy {
        var loaded: LoadedStudy
        var scenarios: [Scenario]
        var targets: [AccessTarget]
    }

    /// Reads the manifest's boundary files and plans the units.
    /// - Throws: a boundary file's error (the plan needs its names).
    public init(manifest: BatchManifest, folder: String, threads: Int) throws {
        var boundaries: [String: [NamedBoundary]] = [:]
        for study in manifest.studies {
            guard let file = study.boundaries else { continue }
            boundaries[study.label] = try BoundaryReader.read(file, nameProperty: study.boundaryNameProperty)
        }
        self.manifest = manifest
        self.boundaries = boundaries
        self.folder = BatchFolder(folder)
        self.threads = threads
        plan = BatchPlan(manifest: manifest, boundaries: boundaries) { path in
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.doubleValue ?? 0
        }
    }

    /// `batch.json` as this run would write it.
    public var document: BatchDocument {
        BatchDocument(walkshedVersion: WalkshedVersion.current, options: manifest.options, units: plan.units)
    }

    /// The plan `batch.json` recorded, when the folder holds this batch: shards started later
    /// (or run again after an input file was fixed) split the units as the first one did.
    /// - Throws: `InputFileError` when the folder holds another batch (manifest, version or options).
    public func adoptRecordedPlan() throws {
        guard FileManager.default.fileExists(atPath: folder.batchDocument) else { return }
        let recorded = try BatchJSON.decode(BatchDocument.self, from: folder.batchDocument)
        if let why = recorded.difference(from: document) {
            throw InputFileError(path: folder.root, message: "holds a batch made with \(why); pass another --out, or delete the folder to start over")
        }
        plan.units = recorded.units
    }

    /// Creates the folder and writes `batch.json`, or adopts the plan of the one there.
    /// - Throws: `InputFileError` when the folder holds another batch.
    public func prepareFolder() throws {
        try OutputFolder.create(folder.root)
        try OutputFolder.create(folder.unitsFolder)
        if FileManager.default.fileExists(atPath: folder.batchDocument) { return try adoptRecordedPlan() }
        try AtomicFile.write(BatchJSON.encode(document), to: folder.batchDocument)
    }

    /// Runs `units` in order; a failing unit is recorded and the next one starts.
    /// - Parameters:
    ///   - progress: the progress sink of a unit's stages.
    ///   - finished: called after each unit with its outcome.
    public func run(_ units: [BatchUnit], progress: (BatchUnit) -> any StudyProgress,
                    finished: (BatchUnit, BatchUnitOutcome) -> Void) {
        for unit in units {
            if FileManager.default.fileExists(atPath: folder.completion(of: unit.id)) {
                finished(unit, .skipped)
                continue
            }
            removeStalePartials(of: unit.id)
            let started = Date()
            do {
                let sink = progress(unit)
                try runUnit(unit, progress: sink)
                try? FileManager.default.removeItem(atPath: folder.failure(of: unit.id))
                finished(unit, .done(seconds: Date().timeIntervalSince(started)))
            } catch {
                try? FileManager.default.removeItem(atPath: folder.partial(of: unit.id))
                let message = "\(error)"
                try? OutputFolder.create(folder.failedFolder)
                try? AtomicFile.write(BatchJSON.encode(UnitFailureDocument(unit: unit.id, error: message, walkshedVersion: WalkshedVersion.current)),
                                      to: folder.failure(of: unit.id))
                finished(unit, .failed(message))
            }
        }
    }

    /// The unit's study, read once per shard and kept while the next units are of it.
    private func prepared(_ unit: BatchUnit, progress: any StudyProgress) throws -> PreparedStudy {
        if let loaded, loaded.index == unit.studyIndex { return try loaded.study.get() }
        loaded = nil
        let study = manifest.studies[unit.studyIndex]
        let result = Result {
            var request = study.request
            request.threads = threads
            (request.maxMemoryBytes, request.memoryLimitSource) = memory
            let city = try StudyLoader.load(request, progress: progress)
            let scenarios = try study.scenarios.map { try ScenarioReader.read($0) }
            let targets = try study.targets.map { try TargetsReader.read($0) } ?? []
            return PreparedStudy(loaded: city, scenarios: scenarios, targets: targets)
        }
        loaded = (unit.studyIndex, result)
        return try result.get()
    }

    private func runUnit(_ unit: BatchUnit, progress: any StudyProgress) throws {
        let prepared = try prepared(unit, progress: progress)
        let study = manifest.studies[unit.studyIndex]
        let city = prepared.loaded.study
        let boundary = unit.boundaryIndex.map { boundaries[unit.study]![$0].polygon.projected(city.city.projection) }
        guard let profile = TravelProfile.preset(unit.profile) else { throw StudyError.unknownProfile(unit.profile) }
        var options = CoverageOptions()
        options.cellMetres = manifest.options.cellMetres
        options.snapLimitMetres = manifest.options.snapLimitMetres
        options.threads = threads
        var indicatorOptions = IndicatorOptions()
        indicatorOptions.nearestK = manifest.options.nearestK
        indicatorOptions.snapLimitMetres = manifest.options.snapLimitMetres
        indicatorOptions.threads = threads
        let run = try city.figures(profile: profile, scenarios: prepared.scenarios, budgets: study.budgets, options: options,
                                   indicatorOptions: indicatorOptions, targets: prepared.targets, boundary: boundary, progress: progress)
        progress.begin("writing \(unit.id)")
        let partial = folder.partial(of: unit.id)
        try OutputFolder.create(partial)
        let transaction = OutputTransaction()
        try transaction.stagingAll {
            _ = try AnalysisFiles.stage(run.baseline.result.keepingCells(run.cellsInside), projection: city.city.projection, in: partial,
                                        transaction: transaction, formats: Self.unitFormats)
            try transaction.stage(Self.warningsText(run.diagnostics), at: (partial as NSString).appendingPathComponent("warnings.txt"))
            let source = city.residents.map { ($0.source as NSString).lastPathComponent }
            try transaction.stage(BatchJSON.encode(UnitFiguresDocument(unit: unit, options: manifest.options, run: run, residentsSource: source,
                                                                       walkshedVersion: WalkshedVersion.current)),
                                  at: (partial as NSString).appendingPathComponent("figures.json"))
        }
        let completion = "{\"unit\": \(JSONValue.quoted(unit.id)), \"host\": \(JSONValue.quoted(ProcessInfo.processInfo.hostName)), \"pid\": \(getpid())}\n"
        try AtomicFile.write(completion, to: (partial as NSString).appendingPathComponent("complete.json"))
        let final = folder.unit(unit.id)
        if FileManager.default.fileExists(atPath: final) { try FileManager.default.removeItem(atPath: final) }
        guard rename(partial, final) == 0 else {
            throw InputFileError(path: final, message: "cannot rename the finished unit into place: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes folders a killed earlier run of `id` left half-written (any but this process's).
    private func removeStalePartials(of id: String) {
        let prefix = ".partial-\(id)-"
        let mine = (folder.partial(of: id) as NSString).lastPathComponent
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.unitsFolder)) ?? []
        where name.hasPrefix(prefix) && name != mine && Int(name.dropFirst(prefix.count)) != nil {
            try? FileManager.default.removeItem(atPath: (folder.unitsFolder as NSString).appendingPathComponent(name))
        }
    }

    /// Every warning kind with its count and first examples, one per line.
    static func warningsText(_ diagnostics: Diagnostics) -> String {
        diagnostics.kinds.map { kind in
            "\(kind): \(diagnostics.count(kind))\n" + (diagnostics.examples[kind] ?? []).map { "  \($0)\n" }.joined()
        }.joined()
    }
}
