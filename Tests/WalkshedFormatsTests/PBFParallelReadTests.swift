import Foundation
import Testing
import Walkshed
@testable import WalkshedFormats
import WalkshedTestSupport

/// Two loads of the same extract agree on every array of the graph, the parks, green spaces,
/// the services and the warnings.
private func expectSameCity(_ one: (city: City, report: OSMLoadReport), _ other: (city: City, report: OSMLoadReport)) {
    let a = one.city.graph, b = other.city.graph
    #expect(a.firstOut == b.firstOut && a.head == b.head && a.nodeX == b.nodeX && a.nodeY == b.nodeY)
    #expect(a.edgeMetres == b.edgeMetres && a.edgeClass == b.edgeClass && a.edgeFlags == b.edgeFlags && a.edgeWayID == b.edgeWayID)
    #expect(a.interiorFirst == b.interiorFirst && a.interiorX == b.interiorX && a.interiorY == b.interiorY)
    #expect(one.city.parks.map(\.osmReference) == other.city.parks.map(\.osmReference))
    #expect(one.city.parks.map(\.areaSquareMetres) == other.city.parks.map(\.areaSquareMetres))
    #expect(one.city.greenSpaces.map(\.osmReference) == other.city.greenSpaces.map(\.osmReference))
    #expect(one.city.services.map(\.osmReference) == other.city.services.map(\.osmReference))
    #expect(one.city.services.map(\.position) == other.city.services.map(\.position))
    #expect(one.report.diagnostics == other.report.diagnostics)
    #expect(one.report.fileNodes == other.report.fileNodes && one.report.fileWays == other.report.fileWays)
    #expect(one.report.missingHighwayNodeReferences == other.report.missingHighwayNodeReferences)
}

private func load(_ path: String, threads: Int) throws -> (city: City, report: OSMLoadReport) {
    var options = OSMLoadOptions()
    options.threads = threads
    options.keepResidentialBuildings = true
    return try OSMCityLoader.load(path, options: options)
}

@Test func everyThreadCountReadsTheSameCity() throws {
    let path = RepositoryPaths.sharedData("porto.osm.pbf")
    let one = try load(path, threads: 1)
    #expect(one.city.graph.nodeCount > 50_000)
    for threads in [2, 3, 8] { expectSameCity(one, try load(path, threads: threads)) }
}

/// Monaco's 520 area ways (parks, green spaces, services, some cut by the extract's edge) are
/// collected in chunks on several threads: the same parks, in the same order, with the same
/// warnings as one pass on one thread.
@Test func areasCollectedInChunksEqualOnePass() throws {
    let path = RepositoryPaths.sharedData("monaco.osm.pbf")
    let one = try load(path, threads: 1)
    #expect(one.city.parks.count > 20 && one.report.diagnostics.count("clipped area") > 0)
    for threads in [2, 3] { expectSameCity(one, try load(path, threads: threads)) }
}

/// The reader assumes the usual nodes → ways → relations order to skip blobs; a file whose
/// first way block comes before the nodes must still give the same city (every decoded block
/// is checked against the assumed order, and a mismatch makes the loader read again, assuming
/// nothing of the blobs not yet decoded).
@Test func blocksOutOfKindOrderGiveTheSameCity() throws {
    let path = RepositoryPaths.sharedData("porto.osm.pbf")
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let source = try PBFBlockSource(PBFBytes(bytes: bytes, name: "porto"))
    let kinds = try source.dataBlobs.indices.map { i in try source.block(i).withUnsafeBytes { try PrimitiveBlockDecoder.kinds(in: $0) } }
    #expect(kinds.first == .nodes && kinds.last == .relations)
    let firstWays = try #require(kinds.firstIndex { $0.contains(.ways) })
    // Frames: the header blob, then the data blobs with the first way block moved to the front.
    let blobs = source.dataBlobs
    var reordered = Array(bytes[0..<blobs[0].start])
    var order = Array(blobs.indices)
    order.remove(at: firstWays)
    order.insert(firstWays, at: 0)
    for i in order {
        let end = i + 1 < blobs.count ? blobs[i + 1].start : bytes.count
        reordered += bytes[blobs[i].start..<end]
    }
    let moved = write(reordered, "porto-unsorted.osm.pbf")
    var stages: [String] = []
    var options = OSMLoadOptions()
    options.keepResidentialBuildings = true
    let unsorted = try OSMCityLoader.load(moved, options: options) { stages.append($0) }
    expectSameCity(try load(path, threads: 2), unsorted)
    #expect(stages.contains { $0.contains("not sorted") })
    // One restart at most: the blobs decoded before it are not read again by passes that do not need them.
    let inflation = try #require(unsorted.report.inflation)
    #expect(inflation.blobInflations < 2 * blobs.count)
    // The probe of a sorted file skips blocks; this one cannot, one way or the other.
    let layout = try PBFKindLayout.probe(source)
    #expect(layout.blobs(holding: .relations).count < blobs.count / 4)
    #expect(layout.blobs(holding: .ways).count < blobs.count / 2)
}

/// Each blob is inflated whole once: the probe peeks at prefixes of a few blobs, a pass
/// inflates only the blobs holding its kind, and a block holding several kinds (the last block
/// of the Helsinki sample holds nodes, ways and relations) is kept for the later passes
/// instead of being inflated again.
@Test func eachBlobIsInflatedOnce() throws {
    for path in [RepositoryPaths.sharedData("porto.osm.pbf"), RepositoryPaths.network("helsinki.osm.pbf")] {
        var stages: [String] = []
        let (_, report) = try OSMCityLoader.load(path) { stages.append($0) }
        let inflation = try #require(report.inflation)
        let source = try PBFBlockSource(PBFBytes(path: path))
        let wholeSize = try source.dataBlobs.indices.reduce(0) { $0 + (try source.block($1).count) }
        #expect(inflation.dataBlobs == source.dataBlobs.count)
        #expect(inflation.blobInflations == inflation.dataBlobs, "\(path)")
        #expect(inflation.inflatedBytes == wholeSize)
        #expect(inflation.probedBlobs <= 4 * Int(log2(Double(inflation.dataBlobs)) + 2))
        #expect(inflation.probeBytes < wholeSize / 3, "\(path): the probe inflated \(inflation.probeBytes) of \(wholeSize) bytes")
        #expect(!stages.contains { $0.contains("not sorted") })
    }
}

@Test func sortedIDIndexFindsExactlyTheIDsItHolds() {
    var generator = SeededRandom(seed: 7)
    for round in 0..<40 {
        // Clustered ids, as in real extracts: runs of nearby ids far apart.
        var ids: [Int64] = []
        for _ in 0..<Int.random(in: 0...30, using: &generator) {
            // Every fourth round spans negative ids (files edited in JOSM) to far positive ones.
            let lowest: Int64 = round % 4 == 3 ? -(1 << 40) : 0
            let start = Int64.random(in: lowest...(round.isMultiple(of: 2) ? 1 << 40 : 10_000), using: &generator)
            for _ in 0..<Int.random(in: 1...200, using: &generator) { ids.append(start + Int64.random(in: 0...500, using: &generator)) }
        }
        let index = SortedIDIndex(unsorted: ids, threads: round % 3 + 1)
        let expected = Array(Set(ids)).sorted()
        #expect(index.ids == expected, "round \(round), \(round % 3 + 1) threads")
        for (position, id) in expected.enumerated() { #expect(index.slot(of: id) == Int32(position)) }
        let present = Set(ids)
        for _ in 0..<300 {
            let probe = (ids.randomElement(using: &generator) ?? 0) + Int64.random(in: -3...3, using: &generator)
            #expect((index.slot(of: probe) != nil) == present.contains(probe))
            #expect(index.firstPosition(notBelow: probe) == (expected.firstIndex { $0 >= probe } ?? expected.count))
            // Looked up beside any slot (or none), the same answer.
            let beside = Int32.random(in: -1...Int32(expected.count), using: &generator)
            #expect(index.slot(of: probe, besides: beside) == index.slot(of: probe), "probe \(probe) beside \(beside)")
            if let slot = index.slot(of: probe) {
                #expect(index.slot(of: probe, besides: slot - 1) == slot && index.slot(of: probe, besides: slot + 1) == slot)
            }
        }
        #expect(index.slot(of: .min) == nil && index.slot(of: .max) == nil)
    }
}

@Test func radixSortOrdersEveryKeySpan() {
    var generator = SeededRandom(seed: 11)
    for keys: [Int64] in [[], [5], [3, 3, 3], [.max, .min, 0, -1, 1, .max, .min],
                          (0..<5_000).map { _ in Int64.random(in: .min ... .max, using: &generator) },
                          (0..<5_000).map { _ in Int64.random(in: -2_000...2_000, using: &generator) }] {
        for threads in [1, 2, 3] {
            var sorted = keys
            SortedIDIndex.radixSort(&sorted, threads: threads)
            #expect(sorted == keys.sorted(), "\(threads) threads")
        }
    }
}

@Test func rankingGivesEveryReferenceTheSlotOfItsID() {
    var generator = SeededRandom(seed: 13)
    var cases: [[Int64]] = [[], [7], [5, 5, 5], [.max, .max], [-3, 9, -3, 9, 0],
                            // Spanning all 64 bits: too wide to pack beside positions, so searched.
                            [.min, .max, 0, .min, 1, .max]]
    for round in 0..<30 {
        // Clustered runs, as way references are; every third round far apart (ids spanning more
        // bits than fit beside the positions: the searched path).
        var refs: [Int64] = []
        for _ in 0..<Int.random(in: 1...20, using: &generator) {
            let start = round % 3 == 2 ? Int64.random(in: (Int64.min / 2)...(Int64.max / 2), using: &generator)
                                       : Int64.random(in: -(1 << 40)...(1 << 40), using: &generator)
            for _ in 0..<Int.random(in: 1...300, using: &generator) { refs.append(start + Int64.random(in: 0...400, using: &generator)) }
        }
        cases.append(refs)
    }
    for (k, refs) in cases.enumerated() {
        let threads = k % 3 + 1
        let (index, slots) = SortedIDIndex.ranking(refs, threads: threads)
        let expected = Array(Set(refs)).sorted()
        #expect(index.ids == expected, "case \(k), \(threads) threads")
        #expect(slots.count == refs.count)
        let wrong = refs.indices.filter { slots[$0] < 0 || Int(slots[$0]) >= expected.count || expected[Int(slots[$0])] != refs[$0] }
        #expect(wrong.isEmpty, "case \(k), \(threads) threads: \(wrong.count) references given another id's slot")
        for id in expected { #expect(index.slot(of: id) != nil) }
    }
}
