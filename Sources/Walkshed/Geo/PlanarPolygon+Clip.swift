extension PlanarPolygon {
    /// Area in square metres of the part of the polygon inside the convex polygon `window`
    /// (its corners in either order): each ring clipped to the window (Sutherland–Hodgman),
    /// outer areas less hole areas. Used to measure an area against an extract's bounds.
    public func areaSquareMetres(inside window: [PlanarPoint]) -> Double {
        func clippedArea(_ ring: [PlanarPoint]) -> Double { abs(Self.signedArea(Self.clip(ring, to: window))) }
        let outer = outerRings.reduce(0) { $0 + clippedArea($1) }
        let inner = innerRings.reduce(0) { $0 + clippedArea($1) }
        return max(0, outer - inner)
    }

    /// `ring` (closed) clipped to the convex `window`, as a closed ring (empty when outside).
    static func clip(_ ring: [PlanarPoint], to window: [PlanarPoint]) -> [PlanarPoint] {
        guard window.count >= 3 else { return [] }
        // Make the window counter-clockwise, so "inside" is left of every edge.
        let corners = signedArea(window + [window[0]]) < 0 ? Array(window.reversed()) : window
        /// Where `p` lies from the window's edge `k`: ≥ 0 on its inner side.
        func side(_ p: PlanarPoint, _ k: Int) -> Double {
            let a = corners[k], b = corners[(k + 1) % corners.count]
            return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
        }
        // A ring wholly inside (most areas of an extract) comes through every edge as it is.
        if ring.count >= 2 && ring.allSatisfy({ p in corners.indices.allSatisfy { side(p, $0) >= 0 } }) {
            return ring.first == ring.last ? ring : ring + [ring[0]]
        }
        var points = ring.first == ring.last ? Array(ring.dropLast()) : ring
        for k in corners.indices {
            var kept: [PlanarPoint] = []
            for i in points.indices {
                let p = points[i], q = points[(i + 1) % points.count]
                let sp = side(p, k), sq = side(q, k)
                if sp >= 0 { kept.append(p) }
                if (sp >= 0) != (sq >= 0) {
                    let t = sp / (sp - sq)
                    kept.append(PlanarPoint(x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y)))
                }
            }
            points = kept
            if points.isEmpty { return [] }
        }
        return points + [points[0]]
    }
}
