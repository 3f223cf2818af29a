/// What a traveller reaches from one point: the reached edge pieces per budget and their
/// buffered outlines.
public struct IsochroneRun: Sendable {
    public var isochrone: Isochrone
    /// Per budget, the reached pieces buffered and traced as polygons.
    public var outlines: [BufferOutline]
}

extension Study {
    /// Joins the network at the usable edge nearest `start` and finds what `profile` reaches
    /// within each budget (seconds); outlines buffer the pieces by `bufferMetres`, traced on
    /// a raster of `rasterMetres`.
    /// - Returns: nil when no usable edge lies within `snapLimitMetres` of `start`.
    public func isochrone(from start: GeoCoordinate, profile: TravelProfile, budgetsSeconds: [Double], bufferMetres: Double,
                          rasterMetres: Double, snapLimitMetres: Double, progress: any StudyProgress) -> IsochroneRun? {
        progress.begin("searching from \(start.longitude),\(start.latitude)")
        let costs = costs(for: profile)
        let point = city.projection.project(start)
        guard let snap = Snapper(graph: city.graph).snap(point, limitMetres: snapLimitMetres, usableEdges: costs.usableEdges) else { return nil }
        let isochrone = Isochrone(graph: city.graph, costs: costs, start: snap, budgetsSeconds: budgetsSeconds)
        progress.begin("tracing areas")
        let graph = city.graph
        let outlines = isochrone.pieces.map { pieces in
            BufferOutline(lines: pieces.map { graph.polyline(ofEdge: Int($0.edge), from: $0.from, to: $0.to) },
                          bufferMetres: bufferMetres, cellMetres: rasterMetres)
        }
        return IsochroneRun(isochrone: isochrone, outlines: outlines)
    }
}
