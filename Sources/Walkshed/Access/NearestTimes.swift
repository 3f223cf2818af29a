/// Time from every node to the nearest destination of one set, and from there to any place.
public struct NearestTimes: Sendable {
    /// Seconds from each node to the nearest destination; `.infinity` when none is within the limit.
    public let nodeSeconds: [Double]
    /// Search limit in seconds (`.infinity` for none).
    public let limitSeconds: Float
    public let destinations: DestinationSet

    /// Runs one multi-source Dijkstra towards all access points of `destinations`.
    public init(graph: StreetGraph, costs: ProfileCosts, destinations: DestinationSet,
                limitSeconds: Float = .infinity, workspace: inout SearchWorkspace) {
        workspace.search(graph, costs: costs, from: destinations.searchSources(graph: graph, costs: costs),
                         direction: .towardSources, limitSeconds: limitSeconds)
        nodeSeconds = workspace.seconds
        self.limitSeconds = limitSeconds
        self.destinations = destinations
    }

    /// Finds the times towards all access points of `destinations` by a `BucketSweep` (the
    /// same labels as a Dijkstra search, found in node order rather than time order), whose
    /// array becomes `nodeSeconds`.
    public init(graph: StreetGraph, costs: ProfileCosts, destinations: DestinationSet, limitSeconds: Float = .infinity) {
        nodeSeconds = BucketSweep.seconds(graph, costs: costs, from: destinations.searchSources(graph: graph, costs: costs),
                                          direction: .towardSources, limitSeconds: limitSeconds)
        self.limitSeconds = limitSeconds
        self.destinations = destinations
    }

    /// Times already known (an incremental update's), `.infinity` where unreached.
    public init(nodeSeconds: [Double], limitSeconds: Float = .infinity, destinations: DestinationSet) {
        self.nodeSeconds = nodeSeconds
        self.limitSeconds = limitSeconds
        self.destinations = destinations
    }

    /// Seconds from a snapped place to the nearest destination: the walk onto the network, then
    /// the better of leaving its edge by the tail or by the head, or walking straight along the
    /// edge to a destination on the same edge. `.infinity` when none is within the limit.
    public func seconds(from place: PlaceSnap, graph: StreetGraph, costs: ProfileCosts) -> Double {
        let e = Int(place.edge), f = place.fraction
        let off = Double(costs.offNetworkSeconds(place.offsetMetres))
        let viaTail = Double(costs.secondsToTail(ofEdge: e, from: f)) + nodeSeconds[Int(graph.edgeTail[e])]
        let viaHead = Double(costs.secondsToHead(ofEdge: e, from: f)) + nodeSeconds[Int(graph.edgeHead[e])]
        var best = min(viaTail, viaHead)
        for point in destinations.accessPoints(onEdge: place.edge) {
            let g = point.snap.fraction
            let along = costs.secondsAlong(edge: e, from: f, to: g)
            best = min(best, Double(along + costs.offNetworkSeconds(point.snap.offsetMetres)))
        }
        let total = best + off
        return total <= Double(limitSeconds) ? total : .infinity
    }
}
