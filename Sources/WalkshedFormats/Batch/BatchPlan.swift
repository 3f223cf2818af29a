import Foundation
import Walkshed

/// One unit of a batch's work: a study (or one boundary of it) with one profile, run with
/// the study's scenarios at its budgets. A unit writes `units/<id>/` of the batch folder.
public struct BatchUnit: Sendable, Equatable, Codable {
    /// `<label>--<profile>`, or `<label>--<boundary slug>--<profile>`.
    public var id: String
    public var study: String
    public var studyIndex: Int
    public var boundary: String?
    public var boundaryIndex: Int?
    public var profile: String
    /// Relative work, to balance shards: the extract's bytes (a boundary's share of them, by
    /// area), times 1 + ½ per scenario.
    public var estimatedSize: Double

    /// Whether both are the same work (the size estimate aside, which follows the files).
    public func isSameWork(as other: BatchUnit) -> Bool {
        id == other.id && study == other.study && studyIndex == other.studyIndex && boundary == other.boundary
            && boundaryIndex == other.boundaryIndex && profile == other.profile
    }
}

/// The units of a manifest and their deterministic, size-balanced split over shards.
public struct BatchPlan: Sendable, Equatable {
    /// Every unit, in run order: study by study, boundary by boundary, profile by profile.
    public var units: [BatchUnit]

    /// - Parameters:
    ///   - boundaries: the boundaries of each study that has a file of them, by label.
    ///   - fileBytes: the size of a file (0 when it cannot be read: the unit will fail then).
    public init(manifest: BatchManifest, boundaries: [String: [NamedBoundary]], fileBytes: (String) -> Double) {
        var units: [BatchUnit] = []
        for (s, study) in manifest.studies.enumerated() {
            let bytes = max(1, fileBytes(study.request.extract)) * (1 + 0.5 * Double(study.scenarios.count))
            var parts: [(name: String?, slug: String?, index: Int?, share: Double)] = [(nil, nil, nil, 1)]
            if let list = boundaries[study.label] {
                let total = list.map(\.roughArea).reduce(0, +)
                var slugs: Set<String> = []
                parts = list.enumerated().map { k, boundary in
                    var slug = Self.slug(boundary.name, fallback: "boundary-\(k)")
                    if slugs.contains(slug) { slug += "-\(k)" }
                    slugs.insert(slug)
                    return (boundary.name, slug, k, total > 0 ? boundary.roughArea / total : 1 / Double(list.count))
                }
            }
            for part in parts {
                for profile in study.profiles {
                    let id = ([study.label] + (part.slug.map { [$0] } ?? []) + [profile]).joined(separator: "--")
                    units.append(BatchUnit(id: id, study: study.label, studyIndex: s, boundary: part.name, boundaryIndex: part.index,
                                           profile: profile, estimatedSize: (bytes * part.share).rounded()))
                }
            }
        }
        self.units = units
    }

    /// Per unit, the shard (0..<count) that runs it: largest first, each to the least loaded
    /// shard (the lower index on a tie). The same units give the same split on every machine.
    public func shardOfEachUnit(count: Int) -> [Int] {
        precondition(count >= 1)
        let order = units.indices.sorted { a, b in
            units[a].estimatedSize != units[b].estimatedSize ? units[a].estimatedSize > units[b].estimatedSize : units[a].id < units[b].id
        }
        var load = [Double](repeating: 0, count: count), shard = [Int](repeating: 0, count: units.count)
        for u in order {
            let least = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            shard[u] = least
            load[least] += units[u].estimatedSize
        }
        return shard
    }

    /// The units shard `index` of `count` runs, in run order (a study's units together, so
    /// its extract is read once).
    public func units(ofShard index: Int, count: Int) -> [BatchUnit] {
        precondition((0..<count).contains(index))
        let shard = shardOfEachUnit(count: count)
        return units.indices.filter { shard[$0] == index }.map { units[$0] }
    }

    /// Whether `label` can name a study: 1…64 of letters, digits, `-`, `_`, `.`, not starting with `.`.
    public static func isValidLabel(_ label: String) -> Bool {
        !label.isEmpty && label.utf8.count <= 64 && !label.hasPrefix(".") && !label.contains("--")
            && label.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    /// `name` as a folder-safe word: accents dropped, ASCII letters and digits lowercased,
    /// every other run of characters one `-`; `fallback` when nothing is left.
    static func slug(_ name: String, fallback: String) -> String {
        var out = ""
        for scalar in name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased().unicodeScalars {
            if scalar.isASCII && CharacterSet.alphanumerics.contains(scalar) { out.unicodeScalars.append(scalar) }
            else if !out.isEmpty && !out.hasSuffix("-") { out += "-" }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? fallback : String(out.prefix(48))
    }
}

/// Which shard of how many this process is: `--shard I/N`, or the array index a cluster's
/// scheduler gives (Slurm, Kubernetes Indexed Jobs, AWS Batch). Indices count from 0.
public struct ShardSelection: Sendable, Equatable {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `I/N` with 0 ≤ I < N.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 100_000, (0..<n).contains(i) else { return nil }
        self.init(index: i, count: n)
    }

    /// The shard a scheduler's environment names, with `count` (from `--shards`) where the
    /// environment does not give it; nil when no scheduler variable is set.
    /// - Slurm: `SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN` (0 if unset) of `SLURM_ARRAY_TASK_COUNT`;
    /// - Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` of `count`;
    /// - AWS Batch array job: `AWS_BATCH_JOB_ARRAY_INDEX` of `count`.
    /// - Throws: a message naming the variable when a value is malformed or the count is missing.
    public static func fromEnvironment(_ environment: [String: String], count: Int?) throws -> ShardSelection? {
        func integer(_ name: String) throws -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw ShardSelectionError("\(name)=\(text) is not an index ≥ 0")
            }
            return value
        }
        func selection(_ index: Int, _ count: Int?, _ variable: String) throws -> ShardSelection {
            guard let count else { throw ShardSelectionError("\(variable) is set; pass --shards <N> with the number of array tasks") }
            guard index < count else { throw ShardSelectionError("\(variable) gives index \(index), but there are \(count) shards") }
            return ShardSelection(index: index, count: count)
        }
        if let id = try integer("SLURM_ARRAY_TASK_ID") {
            let minimum = try integer("SLURM_ARRAY_TASK_MIN") ?? 0
            guard id >= minimum else { throw ShardSelectionError("SLURM_ARRAY_TASK_ID \(id) is below SLURM_ARRAY_TASK_MIN \(minimum)") }
            return try selection(id - minimum, try count ?? integer("SLURM_ARRAY_TASK_COUNT"), "SLURM_ARRAY_TASK_ID")
        }
        if let index = try integer("JOB_COMPLETION_INDEX") { return try selection(index, count, "JOB_COMPLETION_INDEX") }
        if let index = try integer("AWS_BATCH_JOB_ARRAY_INDEX") { return try selection(index, count, "AWS_BATCH_JOB_ARRAY_INDEX") }
        return nil
    }
}

/// A scheduler variable that cannot name a shard.
public struct ShardSelectionError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}
