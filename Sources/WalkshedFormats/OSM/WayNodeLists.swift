/// The node ids of many ways, end to end in a few arrays (one per stretch of the file read as
/// one piece): a regional extract's 400,000 walkable ways are about two thousand arrays, not
/// 400,000, so they are built without an allocation per way and let go at once. Joining the
/// lists of a later stretch moves its arrays, never copies the ids.
struct WayNodeLists: Sendable {
    /// The ids, list after list, in arrays of a stretch each.
    private var pieces: [[Int64]] = [[]]
    /// For list `i`: the piece holding it, and where it ends there. It starts where list
    /// `i − 1` ends when that is in the same piece, else at 0.
    private var piece: [Int32] = []
    private var end: [Int32] = []

    var count: Int { piece.count }

    /// The ids of list `i`.
    subscript(i: Int) -> ArraySlice<Int64> {
        let p = Int(piece[i])
        let start = i > 0 && piece[i - 1] == piece[i] ? Int(end[i - 1]) : 0
        return pieces[p][start ..< Int(end[i])]
    }

    mutating func append(_ list: [Int64]) {
        let last = pieces.count - 1
        pieces[last] += list
        precondition(pieces[last].count <= Int(Int32.max), "a stretch of more than 2^31 way nodes")
        piece.append(Int32(last))
        end.append(Int32(pieces[last].count))
    }

    /// Appends `later`'s lists after these, in order, moving its arrays. The index arrays grow
    /// by `append(contentsOf:)`, which doubles their capacity: a `reserveCapacity` of the exact
    /// new count would copy them whole at every join (hundreds of joins per file).
    mutating func append(contentsOf later: WayNodeLists) {
        let shift = Int32(pieces.count)
        piece += later.piece.lazy.map { shift + $0 }
        end += later.end
        pieces += later.pieces
    }
}
