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
        var points = ring.first == ring.last ? Array(ring.dropLast()) : ring
        for k in corners.indices {
            let a = corners[k], b = corners[(k + 1) % corners.count]
            func side(_ p: PlanarPoint) -> Double { (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) }
            var kept: [PlanarPoint] = []
            for i in points.indices {
                let p = points[i], q = points[(i + 1) % points.count]
                let sp = side(p), sq = side(q)
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
