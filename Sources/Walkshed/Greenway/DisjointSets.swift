/// Disjoint sets over `0..<count` (union–find with path halving). A set's root is always its
/// lowest member: a union keeps the lower of the two roots, so results do not depend on the
/// order of unions.
struct DisjointSets {
    private var parent: [Int32]

    init(count: Int) { parent = Array(0..<Int32(count)) }

    /// The lowest member of `u`'s set.
    mutating func root(_ u: Int32) -> Int32 {
        var u = u
        while parent[Int(u)] != u { parent[Int(u)] = parent[Int(parent[Int(u)])]; u = parent[Int(u)] }
        return u
    }

    /// Joins the sets of `a` and `b`; the roots kept and absorbed, or nil when already one.
    @discardableResult
    mutating func union(_ a: Int32, _ b: Int32) -> (kept: Int32, absorbed: Int32)? {
        let ra = root(a), rb = root(b)
        guard ra != rb else { return nil }
        parent[Int(max(ra, rb))] = min(ra, rb)
        return (min(ra, rb), max(ra, rb))
    }
}
