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

/// Runs the loader's passes over an extract: for PBF, the blobs holding the wanted kinds are
/// inflated and decoded on `threads` workers, in batches whose results are appended in file
/// order (memory holds one batch of blobs besides what the pass keeps); XML streams through
/// one thread.
struct OSMPassRunner {
    private enum Source {
        case pbf(PBFBlockSource, PBFKindLayout)
        case xml(OSMXMLReader)
    }
    private let source: Source
    let threads: Int

    /// Opens `file`; for PBF, lists its blobs and finds where each kind lies (`PBFKindLayout`).
    init(_ file: OSMFile, threads: Int) throws {
        self.threads = max(1, threads)
        switch file {
        case .xml(let reader): source = .xml(reader)
        case .pbf(let reader):
            let blocks = try reader.blockSource()
            source = .pbf(blocks, try PBFKindLayout.probe(blocks))
        }
    }

    /// The same file with every blob classified by inflating it: for files that are not sorted.
    func classifyingEveryBlob() throws -> OSMPassRunner {
        guard case .pbf(let blocks, _) = source else { return self }
        return OSMPassRunner(source: .pbf(blocks, try PBFKindLayout.classify(blocks, threads: threads)), threads: threads)
    }

    private init(source: Source, threads: Int) {
        self.source = source
        self.threads = threads
    }

    /// Reads the objects of `kinds` into `pass`.
    /// - Throws: the format errors of the file, or `PBFKindLayout.Mismatch` when a blob holds
    ///   kinds its layout did not predict (retry with `classifyingEveryBlob()`).
    func run<P: OSMBlobPass>(_ kinds: OSMEntityKinds, _ pass: P) throws -> P {
        switch source {
        case .xml(let reader):
            var result = pass
            try reader.read(kinds, into: &result)
            return result
        case .pbf(let blocks, let layout):
            let wanted = layout.blobs(holding: kinds)
            let batchSize = threads * 16
            var result = pass
            for batchStart in stride(from: 0, to: wanted.count, by: batchSize) {
                let batch = Array(wanted[batchStart..<min(wanted.count, batchStart + batchSize)])
                let parts = ParallelSearch.map(itemCount: batch.count, threads: threads) { k in
                    Result { () throws -> P in
                        var part = pass.emptyCopy()
                        let seen = try blocks.decode(blob: batch[k], kinds, into: &part)
                        try layout.verify(blob: batch[k], holds: seen)
                        return part
                    }
                }
                for part in parts { result.append(try part.get()) }
            }
            return result
        }
    }
}
