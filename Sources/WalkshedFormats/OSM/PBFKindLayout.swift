import Walkshed

/// Which kinds of object each data blob of a PBF file holds, so a pass inflates only the blobs
/// it needs.
///
/// Files written by osmium, Osmosis and the download services are sorted nodes → ways →
/// relations, so each kind fills one run of blobs. `probe` finds the run boundaries by binary
/// search over about 2 × log₂(blobs) blobs, peeking at the first group of each (a prefix of the
/// blob inflated). A blob is predicted to hold its first kind up to the next blob's first kind,
/// so a block at a run's boundary is read by both passes (the runner keeps it inflated between
/// them). The layout assumes that order; the runner checks each decoded blob against it
/// (`expects`), and since every blob is decoded by some pass, an unsorted file is always
/// caught (`Mismatch`). Every
/// decoded blob's kinds are learned, so the loader can start over knowing them and assuming
/// nothing of the blobs not yet decoded (`forgettingGuesses`): at most one restart.
struct PBFKindLayout: Sendable {
    /// Kinds of each data blob, by data-blob index: guessed by the probe, or learned.
    private(set) var kinds: [OSMEntityKinds]
    /// Whether each blob's kinds were learned from decoding it.
    private var learned: [Bool]
    /// Bytes the probe inflated (prefixes of the probed blobs).
    private(set) var probeBytes = 0
    private(set) var probedBlobs = 0

    /// Thrown when a decoded blob holds kinds its layout did not expect.
    struct Mismatch: Error {}

    init(kinds: [OSMEntityKinds]) {
        self.kinds = kinds
        learned = Array(repeating: false, count: kinds.count)
    }

    /// A layout assuming every blob may hold every kind.
    static func anything(blobs count: Int) -> PBFKindLayout {
        PBFKindLayout(kinds: Array(repeating: .all, count: count))
    }

    /// Whether blob `i` holds nothing the layout did not expect.
    func expects(blob i: Int, toHold seen: OSMEntityKinds) -> Bool {
        seen.isSubset(of: kinds[i])
    }

    /// Records what a pass found in blob `i`: later passes skip it unless it holds their kind.
    mutating func learn(blob i: Int, holds seen: OSMEntityKinds) {
        kinds[i] = seen
        learned[i] = true
    }

    /// The learned kinds kept, every guess replaced by "anything" (after a `Mismatch`).
    func forgettingGuesses() -> PBFKindLayout {
        var result = self
        for i in kinds.indices where !learned[i] { result.kinds[i] = .all }
        return result
    }

    /// The data blobs that may hold any of `wanted`, in file order.
    func blobs(holding wanted: OSMEntityKinds) -> [Int] {
        kinds.indices.filter { !kinds[$0].isDisjoint(with: wanted) }
    }

    /// The layout of a sorted file, from a binary search over the blobs' first kinds. A probed
    /// blob with no objects or out of order makes the layout the conservative "anything anywhere".
    static func probe(_ source: PBFBlockSource) throws -> PBFKindLayout {
        let count = source.dataBlobs.count
        var probed: [Int: OSMEntityKinds] = [:]
        var probeBytes = 0
        var ordered = true
        func kinds(_ i: Int) throws -> OSMEntityKinds {
            if let known = probed[i] { return known }
            let (k, inflated) = try source.firstKind(ofBlob: i)
            probed[i] = k
            probeBytes += inflated
            if k.isEmpty { ordered = false }
            return k
        }
        /// The first blob for which `test` holds (count if none); `test` must be monotone.
        func firstBlob(where test: (OSMEntityKinds) -> Bool) throws -> Int {
            var low = 0, high = count
            while low < high {
                let mid = (low + high) / 2
                if try test(kinds(mid)) { high = mid } else { low = mid + 1 }
            }
            return low
        }
        // Rank of each blob's first kind: 0 before `startsWays`, 1 before `startsRelations`, then 2.
        let startsWays = try firstBlob { $0.rank.min >= 1 }
        let startsRelations = try firstBlob { $0.rank.min >= 2 }
        let sortedProbes = probed.sorted { $0.key < $1.key }.map(\.value)
        for (a, b) in zip(sortedProbes, sortedProbes.dropFirst()) where a.rank.min > b.rank.min { ordered = false }
        func firstRank(_ i: Int) -> Int { i < startsWays ? 0 : i < startsRelations ? 1 : 2 }
        // A blob may hold its first kind and the kinds up to the next blob's first kind (the
        // last blob: up to relations); a blob of one kind between two of the same holds only it.
        let layout: [OSMEntityKinds] = (0..<count).map { i in
            let upper = i + 1 < count ? firstRank(i + 1) : 2
            return OSMEntityKinds(ranks: firstRank(i)...upper)
        }
        var result = ordered ? PBFKindLayout(kinds: layout) : anything(blobs: count)
        result.probeBytes = probeBytes
        result.probedBlobs = probed.count
        return result
    }
}

extension OSMEntityKinds {
    /// The kinds whose ranks lie in `ranks` (nodes 0, ways 1, relations 2).
    init(ranks: ClosedRange<Int>) {
        self = []
        if ranks.contains(0) { insert(.nodes) }
        if ranks.contains(1) { insert(.ways) }
        if ranks.contains(2) { insert(.relations) }
    }

    /// Ranks of the kinds present in file order (nodes 0, ways 1, relations 2): lowest and
    /// highest; an empty set ranks (3, -1) so it fits no sorted run.
    var rank: (min: Int, max: Int) {
        let ranks = [(OSMEntityKinds.nodes, 0), (.ways, 1), (.relations, 2)].filter { contains($0.0) }.map(\.1)
        return (ranks.min() ?? 3, ranks.max() ?? -1)
    }
}
