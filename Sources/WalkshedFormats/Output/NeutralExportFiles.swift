import Walkshed

/// `walkshed export --neutral`'s CSV files: the graph, the seeds and Walkshed's answers, with
/// numbers printed so they read back to the engine's exact values.
public enum NeutralExportFiles {
    /// File names and texts, in writing order: nodes.csv, edges.csv, pois.csv,
    /// answers-w1.csv, answers-w2-1200m.csv.
    public static func texts(_ export: NeutralExport, graph: StreetGraph) -> [(String, TextBuffer)] {
        var nodes = TextBuffer(capacity: graph.nodeCount * 30)
        nodes.append("node,x,y\n")
        for u in 0..<graph.nodeCount {
            nodes.append(u); nodes.append(","); nodes.append(graph.nodeX[u], decimals: 3); nodes.append(",")
            nodes.append(graph.nodeY[u], decimals: 3); nodes.append("\n")
        }
        var edges = TextBuffer(capacity: graph.edgeCount * 24)
        edges.append("tail,head,metres\n")
        for e in 0..<graph.edgeCount {
            edges.append("\(graph.edgeTail[e]),\(graph.edgeHead[e]),\(graph.edgeMetres[e].description)\n")
        }
        var pois = TextBuffer()
        pois.append("kind,seed,destination,node,offset_metres\n")
        for (set, seeds) in zip(export.sets, export.seeds) {
            for (k, seed) in seeds.enumerated() {
                pois.append("\(set.name),\(k),\(seed.destination),\(seed.source.node),\(seed.source.seconds.description)\n")
            }
        }
        let header = (["node"] + export.sets.map(\.name)).joined(separator: ",") + "\n"
        var answers = TextBuffer(capacity: graph.nodeCount * 12 * (export.sets.count + 1))
        answers.append(header)
        for u in 0..<graph.nodeCount {
            answers.append(u)
            for column in export.nearestMetres {
                answers.append(",")
                if column[u].isFinite { answers.append(column[u].description) }
            }
            answers.append("\n")
        }
        var counts = TextBuffer(capacity: graph.nodeCount * 4 * (export.sets.count + 1))
        counts.append(header)
        for u in 0..<graph.nodeCount {
            counts.append(u)
            for column in export.counts { counts.append(","); counts.append(Int(column[u])) }
            counts.append("\n")
        }
        return [("nodes.csv", nodes), ("edges.csv", edges), ("pois.csv", pois), ("answers-w1.csv", answers), ("answers-w2-1200m.csv", counts)]
    }
}
