/// The baseline's full searches, kept so each scenario recomputes only what its edits change.
public struct SearchBaseline: Sendable {
    public let graph: StreetGraph
    public let costs: ProfileCosts
    public let sets: [DestinationSet]
    /// Unlimited times towards each set, one per set.
    public let times: [NearestTimes]

    /// Runs one unlimited multi-source search per set (parallel across sets).
    public init(graph: StreetGraph, costs: ProfileCosts, sets: [DestinationSet], threads: Int) {
        self.graph = graph
        self.costs = costs
        self.sets = sets
        times = ParallelSearch.map(itemCount: sets.count, threads: threads) { i in
            var workspace = SearchWorkspace(nodeCount: graph.nodeCount)
            return NearestTimes(graph: graph, costs: costs, destinations: sets[i], workspace: &workspace)
        }
    }

    /// Times towards `newSets` (the same sets, in the same order, snapped to the edited
    /// network) by incremental update; also how many nodes each set recomputed.
    public func updatedTimes(network: EditedNetwork, costs newCosts: ProfileCosts, sets newSets: [DestinationSet],
                             threads: Int) -> (times: [NearestTimes], recomputedNodes: [Int]) {
        precondition(newSets.map(\.name) == sets.map(\.name))
        let graph = self.graph, costs = self.costs, sets = self.sets, times = self.times
        let updates = ParallelSearch.map(itemCount: sets.count, threads: threads) { i in
            let before = SearchState(graph: graph, costs: costs, sources: sets[i].searchSources(graph: graph, costs: costs))
            let after = SearchState(graph: network.graph, costs: newCosts,
                                    sources: newSets[i].searchSources(graph: network.graph, costs: newCosts))
            precondition(network.originalNodeCount == graph.nodeCount && network.originalEdgeCount == graph.edgeCount)
            return IncrementalSearch.update(before: before, beforeSeconds: times[i].nodeSeconds, after: after, cutEdges: network.cutEdges)
        }
        return (zip(updates, newSets).map { NearestTimes(nodeSeconds: $0.0.seconds, destinations: $0.1) }, updates.map(\.recomputedNodes))
    }
}
