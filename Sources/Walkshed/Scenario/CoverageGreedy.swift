/// One pick of a greedy maximum-coverage run.
public struct GreedyPick: Sendable, Equatable {
    /// Index of the chosen candidate.
    public var candidate: Int
    /// Weight (residents) newly covered by this pick.
    public var gain: Double
    /// Weight covered by this and every earlier pick.
    public var cumulative: Double
}

/// Maximum coverage by lazy greedy: each pick maximises the weight newly covered. Coverage is
/// submodular, so a candidate's last computed gain bounds its gain now; a candidate whose
/// recomputed gain still tops the queue is the greedy choice. Ties go to the lower candidate
/// index, so the picks equal those of the plain greedy that recomputes every gain each round.
public enum CoverageGreedy {
    /// Up to `count` picks with positive gain; `covers[c]` lists the places candidate `c`
    /// would cover, `weights` their weight (residents).
    public static func lazy(covers: [[Int32]], weights: [Double], count: Int) -> [GreedyPick] {
        var covered = [Bool](repeating: false, count: weights.count)
        func gain(_ c: Int) -> Double { covers[c].reduce(0) { $0 + (covered[Int($1)] ? 0 : weights[Int($1)]) } }
        var queue = BinaryHeap<GreedyEntry>()
        for c in covers.indices { queue.push(GreedyEntry(gain: gain(c), candidate: c)) }
        var picks: [GreedyPick] = [], total = 0.0
        while picks.count < count, let top = queue.pop() {
            let now = gain(top.candidate)
            guard now > 0 else { if top.gain <= 0 { break } else { continue } }
            let current = GreedyEntry(gain: now, candidate: top.candidate)
            if let next = queue.first, next.precedes(current) {
                queue.push(current)   // stale: re-queue with the true gain
                continue
            }
            for p in covers[top.candidate] { covered[Int(p)] = true }
            total += now
            picks.append(GreedyPick(candidate: top.candidate, gain: now, cumulative: total))
        }
        return picks
    }

    /// The plain greedy, recomputing every gain each round: the reference for `lazy`.
    public static func plain(covers: [[Int32]], weights: [Double], count: Int) -> [GreedyPick] {
        var covered = [Bool](repeating: false, count: weights.count)
        var picks: [GreedyPick] = [], total = 0.0
        while picks.count < count {
            var best = -1, bestGain = 0.0
            for c in covers.indices {
                let g = covers[c].reduce(0) { $0 + (covered[Int($1)] ? 0 : weights[Int($1)]) }
                if g > bestGain { best = c; bestGain = g }
            }
            guard best >= 0 else { break }
            for p in covers[best] { covered[Int(p)] = true }
            total += bestGain
            picks.append(GreedyPick(candidate: best, gain: bestGain, cumulative: total))
        }
        return picks
    }
}

/// A lazy greedy queue entry: larger gain first, then smaller candidate.
struct GreedyEntry: HeapOrdered {
    var gain: Double
    var candidate: Int

    func precedes(_ other: GreedyEntry) -> Bool {
        gain > other.gain || (gain == other.gain && candidate < other.candidate)
    }
}
