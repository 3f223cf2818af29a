extension Study {
    /// The study over `boundary` only (a municipality cut out of a regional extract): the grid
    /// covers the part of the boundary's box within the study's (the boundary's box when they
    /// do not meet) and residents are those inside it. The network, parks and services stay
    /// whole, so a resident near the border still reaches what lies across it.
    public func clipped(to boundary: PlanarPolygon) -> Study {
        var clipped = self
        let own = gridArea, box = boundary.bounds
        clipped.area = own.intersects(box)
            ? BoundingBox(minX: Swift.max(own.minX, box.minX), minY: Swift.max(own.minY, box.minY),
                          maxX: Swift.min(own.maxX, box.maxX), maxY: Swift.min(own.maxY, box.maxY))
            : box
        if let residents {
            let inside = residents.positions.indices.filter { boundary.contains(residents.positions[$0]) }
            clipped.residents = Residents(source: residents.source, positions: inside.map { residents.positions[$0] },
                                          counts: inside.map { residents.counts[$0] })
        }
        return clipped
    }
}

extension GridGeometry {
    /// Per cell, whether its centre lies inside `boundary` (every cell when nil).
    public func cellsCentred(in boundary: PlanarPolygon?) -> [Bool] {
        guard let boundary else { return [Bool](repeating: true, count: cellCount) }
        return (0..<cellCount).map { boundary.contains(centre(ofCell: $0)) }
    }
}
