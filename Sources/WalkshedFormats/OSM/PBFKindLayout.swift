import Walkshed

/// Which kinds of object each data blob of a PBF file holds, so a pass inflates only the blobs
/// it needs.
///
/// Files written by osmium, Osmosis and the download services are sorted nodes → ways →
/// relations, so each kind fills one run of blobs. `probe` finds the run boundaries by binary
/// search, inflating about 4 × log₂(blobs) blobs. It assumes that order; `verify` checks each
/// decoded blob against it, and since every blob is decoded by some pass, an unsorted file is
/// always caught (`Mismatch`), after which the loader classifies every blob (`classify`).
struct PBFKindLayout: Sendable {
    /// Kinds of each data blob, by data-blob index.
    let kinds: [OSMEntityKinds]

    /// Thrown when a decoded blob holds kinds the layout did not expect.
    struct Mismatch: Error {}

    /// The data blobs that may hold any of `wanted`, in file order.
    func blobs(holding wanted: OSMEntityKinds) -> [Int] {
        kinds.indices.filter { !kinds[$0].isDisjoint(with: wanted) }
    }

    func verify(blob i: Int, holds seen: OSMEntityKinds) throws {
        guard seen.isSubset(of: kinds[i]) else { throw Mismatch() }
    }

    /// The layout of a sorted file, from a binary search over the blobs' kinds. A probed blob
    /// with no objects or out of order makes the layout the conservative "anything anywhere".
    static func probe(_ source: PBFBlockSource) throws -> PBFKindLayout {
        let count = source.dataBlobs.count
        var probed: [Int: OSMEntityKinds] = [:]
        var ordered = true
        func kinds(_ i: Int) throws -> OSMEntityKinds {
            if let known = probed[i] { return known }
            let k = try source.kinds(ofBlob: i)
            probed[i] = k
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
        let firstWithWays = try firstBlob { $0.rank.max >= 1 }
        let firstWithoutNodes = try firstBlob { $0.rank.min >= 1 }
        let firstWithRelations = try firstBlob { $0.rank.max >= 2 }
        let firstWithoutWays = try firstBlob { $0.rank.min >= 2 }
        let sortedProbes = probed.sorted { $0.key < $1.key }.map(\.value)
        for (a, b) in zip(sortedProbes, sortedProbes.dropFirst()) where a.rank.max > b.rank.min { ordered = false }
        let layout: [OSMEntityKinds] = (0..<count).map { i in
            var k: OSMEntityKinds = []
            if i < firstWithoutNodes { k.insert(.nodes) }
            if i >= firstWithWays && i < firstWithoutWays { k.insert(.ways) }
            if i >= firstWithRelations { k.insert(.relations) }
            return k
        }
        // A blob no pass would read could not be verified: then nothing is assumed.
        guard ordered, !layout.contains(where: \.isEmpty) else { return PBFKindLayout(kinds: Array(repeating: .all, count: count)) }
        return PBFKindLayout(kinds: layout)
    }

    /// The exact layout, from inflating every blob (for unsorted files).
    static func classify(_ source: PBFBlockSource, threads: Int) throws -> PBFKindLayout {
        let results = ParallelSearch.map(itemCount: source.dataBlobs.count, threads: threads) { i in
            Result { try source.kinds(ofBlob: i) }
        }
        return PBFKindLayout(kinds: try results.map { try $0.get() })
    }
}

extension OSMEntityKinds {
    /// Ranks of the kinds present in file order (nodes 0, ways 1, relations 2): lowest and
    /// highest; an empty set ranks (3, -1) so it fits no sorted run.
    var rank: (min: Int, max: Int) {
        let ranks = [(OSMEntityKinds.nodes, 0), (.ways, 1), (.relations, 2)].filter { contains($0.0) }.map(\.1)
        return (ranks.min() ?? 3, ranks.max() ?? -1)
    }
}
