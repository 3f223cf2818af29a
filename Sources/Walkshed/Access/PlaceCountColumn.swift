/// Destinations counted per place for one set, in 2 bytes each when no count can pass 65,535
/// (a set of at most that many destinations: each counts at most once per place), else in 4.
///
/// Invariant: exactly one of the two arrays holds the `placeCount` counts; the other is empty.
struct PlaceCountColumn: Sendable, Equatable {
    private var narrow: [UInt16]
    private var wide: [Int32]

    /// Zero counts for `placeCount` places, none of which can exceed `maximum`.
    init(placeCount: Int, maximum: Int) {
        let fits = maximum <= Int(UInt16.max)
        narrow = fits ? [UInt16](repeating: 0, count: placeCount) : []
        wide = fits ? [] : [Int32](repeating: 0, count: placeCount)
    }

    var placeCount: Int { narrow.count + wide.count }

    subscript(p: Int) -> Int32 { narrow.isEmpty ? wide[p] : Int32(narrow[p]) }

    /// Adds `partial[p]` to the count of every place `p`; the sums must stay within the maximum.
    mutating func add(_ partial: UnsafeMutableBufferPointer<UInt16>) {
        precondition(partial.count == placeCount)
        if narrow.isEmpty {
            wide.withUnsafeMutableBufferPointer { total in
                for p in total.indices { total[p] &+= Int32(partial[p]) }
            }
        } else {
            narrow.withUnsafeMutableBufferPointer { total in
                for p in total.indices { total[p] &+= partial[p] }
            }
        }
    }

    /// The counts at 4 bytes each.
    var widened: [Int32] { narrow.isEmpty ? wide : narrow.map(Int32.init) }
}
