#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tobler's hiking function (1993): walking speed W = 6 · e^(−3.5 · |S + 0.05|) km/h on a
/// slope S = rise ÷ run, fastest slightly downhill (S = −0.05). Walkshed keeps each profile's
/// flat speed and scales it by W(S) ÷ W(0), so the slope changes only the ratio.
public enum Tobler {
    /// The steepest slope the function is taken at (100 %, 45°): steeper segments of an
    /// elevation model (a surface model's building walls, a cliff) are walked as at 100 %,
    /// about 30 times slower than on the flat, not at an astronomically slow pace.
    public static let steepestSlope = 1.0

    /// Tobler's speed in km/h on slope `rise / run` (clamped to ±`steepestSlope`).
    public static func kilometresPerHour(slope: Double) -> Double {
        6 * exp(-3.5 * abs(min(max(slope, -steepestSlope), steepestSlope) + 0.05))
    }

    /// W(slope) ÷ W(0): 1 on the flat, above 1 gently downhill, below 1 uphill and steeply down.
    public static func speedFactor(slope: Double) -> Double { kilometresPerHour(slope: slope) / kilometresPerHour(slope: 0) }
}

extension ProfileCosts {
    /// Costs on sloped ground: each geometry segment of each usable edge is walked at the
    /// profile's speed times `Tobler.speedFactor` of its slope, so uphill and downhill differ.
    /// Segment lengths are the edge's metres shared in proportion to its projected segments;
    /// a segment with an end outside the elevation model counts as flat. With the profile's
    /// `maxSlope`, an edge with a steeper segment is unusable (a wheelchair's 8 %).
    public init(graph: StreetGraph, profile: TravelProfile, elevation: (PlanarPoint) -> Double?) {
        let maxSlope = profile.maxSlope
        let speed = profile.metresPerSecond
        var forward = [Float](repeating: .infinity, count: graph.edgeCount)
        var backward = forward
        for e in 0..<graph.edgeCount where profile.allows(graph, edge: e) {
            let points = graph.points(ofEdge: e)
            var planar = 0.0
            for k in 0..<(points.count - 1) { planar += points[k].distance(to: points[k + 1]) }
            let metres = Double(graph.edgeMetres[e])
            guard planar > 0 else {
                forward[e] = Float(metres / speed); backward[e] = forward[e]
                continue
            }
            let heights = points.map(elevation)
            var up = 0.0, down = 0.0, tooSteep = false
            for k in 0..<(points.count - 1) {
                let run = points[k].distance(to: points[k + 1])
                let length = metres * run / planar
                var slope = 0.0
                if run > 0, let a = heights[k], let b = heights[k + 1] { slope = (b - a) / run }
                if let maxSlope, abs(slope) > maxSlope { tooSteep = true }
                up += length / (speed * Tobler.speedFactor(slope: slope))
                down += length / (speed * Tobler.speedFactor(slope: -slope))
            }
            guard !tooSteep else { continue }
            forward[e] = Float(up)
            backward[e] = Float(down)
        }
        self.init(graph: graph, profile: profile, forwardSeconds: forward, backwardSeconds: backward)
    }
}
