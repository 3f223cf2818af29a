/// Greedy choice of new links by residents gained per metre built.
public enum LinkGreedy {
    /// Up to `count` links, each the one whose residents not brought by an earlier pick,
    /// divided by its length (at least 1 m), is highest; no two picks share an end, and a
    /// link that gains nobody is never picked. Ties go to the lower link index.
    /// - Returns: the picked link indices with the residents each adds, in pick order.
    public static func pick(_ candidates: LinkCandidates, weights: [Double], count: Int) -> [(link: Int, gain: Double)] {
        var covered = [Bool](repeating: false, count: weights.count)
        var chosen: [(link: Int, gain: Double)] = [], ends = Set<Int32>()
        var open = candidates.links.indices.filter { !candidates.covers[$0].isEmpty }
        while chosen.count < count {
            var best = -1, bestRate = 0.0, bestGain = 0.0
            for k in open {
                let link = candidates.links[k]
                guard !ends.contains(link.from), !ends.contains(link.to) else { continue }
                let gain = candidates.covers[k].reduce(0.0) { $0 + (covered[Int($1)] ? 0 : weights[Int($1)]) }
                let rate = gain / max(link.metres, 1)
                if rate > bestRate { best = k; bestRate = rate; bestGain = gain }
            }
            guard best >= 0 else { break }
            chosen.append((best, bestGain))
            ends.insert(candidates.links[best].from); ends.insert(candidates.links[best].to)
            for p in candidates.covers[best] { covered[Int(p)] = true }
            open.removeAll { $0 == best }
        }
        return chosen
    }
}
