import Walkshed

/// Which residents a result was computed for, told the same way in every table and summary:
/// no command estimates residents unless asked (`--population buildings`), so a result
/// without residents says its shares are of grid cells.
public enum PopulationSource {
    /// The summary's `population_source` value: the file, `residential buildings`, or nil.
    public static func name(_ residents: Residents?) -> String? { residents?.source }

    /// One line for a table: `population: 812935 residents at 13056 points from <file>` or
    /// `population: none given; shares are of grid cells (…)`.
    public static func line(_ residents: Residents?) -> String {
        guard let residents else {
            return "population: none given; shares are of grid cells (pass --population FILE, or --population buildings to estimate residents from buildings)\n"
        }
        return line(total: residents.total, points: residents.positions.count, source: residents.source)
    }

    /// The line for `total` residents at `points` points read from `source`.
    public static func line(total: Double, points: Int, source: String) -> String {
        "population: \(FixedPoint.format(total, decimals: 0)) residents at \(points) points from \(source)\n"
    }
}
