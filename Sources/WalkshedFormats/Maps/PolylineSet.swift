import Walkshed

/// Many polylines in two flat arrays (the points, and where each line starts), so a map of a
/// million edges is two allocations rather than a million: line `i` is
/// `points[starts[i] ..< starts[i + 1]]`. Reads as a collection of lines.
public struct PolylineSet: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    public private(set) var points: [PlanarPoint] = []
    /// `starts[0] == 0`; one more entry than there are lines.
    public private(set) var starts: [Int] = [0]

    public init() {}

    public init(arrayLiteral lines: [PlanarPoint]...) {
        for line in lines { append(line) }
    }

    public init(_ lines: [[PlanarPoint]]) {
        for line in lines { append(line) }
    }

    public mutating func append<Line: Sequence<PlanarPoint>>(_ line: Line) {
        points.append(contentsOf: line)
        starts.append(points.count)
    }

    /// Appends the lines `more[starts[i] ..< starts[i + 1]]` (`starts[0] == 0`, the last
    /// `more.count`).
    mutating func append(lines more: [PlanarPoint], starts lineStarts: [Int]) {
        precondition(lineStarts.first == 0 && lineStarts.last == more.count, "line starts must span the points")
        let base = points.count
        if points.isEmpty { points = more } else { points.append(contentsOf: more) }
        starts.append(contentsOf: lineStarts.dropFirst().lazy.map { base + $0 })
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts.count - 1 }
    public subscript(i: Int) -> ArraySlice<PlanarPoint> { points[starts[i]..<starts[i + 1]] }
}
