import Walkshed

/// A read pass that can be split by blob: each blob is decoded into an empty copy of the pass,
/// and the copies are appended in file order, so the result equals one sequential pass over the
/// file whatever the thread count.
protocol OSMBlobPass: OSMEntityHandler, Sendable {
    /// A pass with this one's settings and nothing found yet.
    func emptyCopy() -> Self
    /// Adds what `later`, which read the next stretch of the file, found.
    mutating func append(_ later: Self)
}

/// How much of a PBF file was inflated, for `walkshed info`: in a sorted file every data blob
/// is inflated whole once, by the pass that needs it, plus prefixes of the probed blobs.
public struct PBFInflationReport: Sendable, Equatable {
    public var dataBlobs = 0
    /// Whole-blob inflations by the passes, and the bytes they produced.
    public var blobInflations = 0
    public var inflatedBytes = 0
    /// Blobs the layout probe peeked at, and the bytes those peeks inflated.
    public var probedBlobs = 0
    public var probeBytes = 0
}

/// Runs the loader's passes over an extract: for PBF, the blobs holding the wanted kinds are
/// inflated and decoded on `threads` workers, their results appended in file order as they come
/// (memory holds at most 16 blobs per thread not yet appended and at most `maxKeptBytes` of
/// blocks kept for a later pass, besides what the pass keeps); XML streams through one thread.
struct OSMPassRunner {
    private enum Source {
        case pbf(PBFBlockSource)
        case xml(OSMXMLReader)
    }
    private let source: Source
    /// For PBF: which blobs hold which kinds, narrowed by every pass to what it found.
    private var layout: PBFKindLayout?
    let threads: Int
    /// For PBF: what the probe and the passes so far inflated.
    private(set) var inflation: PBFInflationReport?
    /// Kinds whose passes have run.
    private var kindsRead: OSMEntityKinds = []
    /// Inflated blocks a later pass will decode again (a block holding two kinds), so each
    /// blob is inflated once; at most `maxKeptBytes` in all, beyond which blocks are inflated
    /// again.
    private var kept: [Int: [UInt8]] = [:]
    private var keptBytes = 0
    static let maxKeptBytes = 64 << 20

    /// Opens `file`; for PBF, lists its blobs and finds where each kind lies (`PBFKindLayout`).
    init(_ file: OSMFile, threads: Int) throws {
        self.threads = max(1, threads)
        switch file {
        case .xml(let reader): source = .xml(reader)
        case .pbf(let reader):
            let blocks = try reader.blockSource()
            let probed = try PBFKindLayout.probe(blocks)
            source = .pbf(blocks)
            layout = probed
            inflation = PBFInflationReport(dataBlobs: blocks.dataBlobs.count,
                                           probedBlobs: probed.probedBlobs, probeBytes: probed.probeBytes)
        }
    }

    /// The box the file's header declares (PBF `bbox`), if any.
    var declaredBounds: GeoBox? {
        if case .pbf(let blocks) = source { return blocks.declaredBounds }
        return nil
    }

    /// The same file after a `PBFKindLayout.Mismatch`: the kinds of blobs decoded so far are
    /// known, the others assumed to hold anything. Counts of what was inflated carry over.
    func forgettingGuesses() -> OSMPassRunner {
        var copy = self
        copy.layout = layout?.forgettingGuesses()
        copy.kindsRead = []
        return copy
    }

    /// Reads the objects of `kinds` into `pass`.
    /// - Throws: the format errors of the file, or `PBFKindLayout.Mismatch` when a blob holds
    ///   kinds its layout did not predict (retry with `forgettingGuesses()`).
    /// `pass` is consumed: what it holds (a node pass's slot array) is filled in place, never copied.
    mutating func run<P: OSMBlobPass>(_ kinds: OSMEntityKinds, _ pass: consuming P) throws -> P {
        switch source {
        case .xml(let reader):
            var result = pass
            try reader.read(kinds, into: &result)
            return result
        case .pbf(let blocks):
            guard var layout, var inflation else { preconditionFailure("a PBF runner has a layout") }
            defer {
                self.layout = layout
                self.inflation = inflation
            }
            let wanted = layout.blobs(holding: kinds)
            let template = pass.emptyCopy()
            var result = pass
            // Blocks an earlier pass inflated for this one, each decoded from here.
            var early: [Int: [UInt8]] = [:]
            for blob in wanted {
                if let block = kept.removeValue(forKey: blob) {
                    keptBytes -= block.count
                    early[blob] = block
                }
            }
            let inflatedEarlier = early
            try ParallelSearch.inOrder(itemCount: wanted.count, threads: threads, window: threads * 16) { k in
                var part = template.emptyCopy()
                let known = inflatedEarlier[wanted[k]]
                let block = try known ?? blocks.block(wanted[k])
                let seen = try blocks.decode(blob: wanted[k], block: block, kinds, into: &part)
                return (found: part, seen: seen, block: block, inflated: known == nil)
            } consume: { k, part in
                let blob = wanted[k]
                if part.inflated {
                    inflation.blobInflations += 1
                    inflation.inflatedBytes += part.block.count
                }
                let expected = layout.expects(blob: blob, toHold: part.seen)
                layout.learn(blob: blob, holds: part.seen)
                guard expected else { throw PBFKindLayout.Mismatch() }
                keep(part.block, of: blob, ifNeededAfter: kindsRead.union(kinds), holding: part.seen)
                result.append(part.found)
            }
            kindsRead.formUnion(kinds)
            return result
        }
    }

    /// Keeps `block` while a pass not yet run (not in `read`) needs it, within `maxKeptBytes`.
    private mutating func keep(_ block: [UInt8], of blob: Int, ifNeededAfter read: OSMEntityKinds, holding seen: OSMEntityKinds) {
        let neededLater = !seen.subtracting(read).isEmpty
        if !neededLater {
            if let dropped = kept.removeValue(forKey: blob) { keptBytes -= dropped.count }
        } else if kept[blob] == nil && keptBytes + block.count <= Self.maxKeptBytes {
            kept[blob] = block
            keptBytes += block.count
        }
    }
}
