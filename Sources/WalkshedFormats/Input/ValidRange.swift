/// The range of every number Walkshed reads from a file or an option, in one table (README,
/// "Exit codes and errors"). Inside them every computation and every written number stays
/// finite and exact (sums of residents stay below 2⁵³, fixed-point weight sums below 2⁶⁴);
/// outside them the reader refuses the value, naming the file and place.
public enum ValidRange {
    /// Residents at one point or grid cell: 0 … 10⁹.
    public static let residents: ClosedRange<Double> = 0...1e9
    /// A destination's weight: 0 … 10⁶ (a set's weights sum, in units of 10⁻⁹, to under 2⁶⁴
    /// for up to 18 million destinations).
    public static let destinationWeight: ClosedRange<Double> = 0...1e6
    /// Floor area per resident for the building estimate, in square metres: 1 … 10,000.
    public static let floorAreaSquareMetres: ClosedRange<Double> = 1...10_000
    /// Elevation in metres: −500 (the Dead Sea shore is −430) … 9,000.
    public static let elevationMetres: ClosedRange<Double> = -500...9_000
    /// A share of cells or residents: 0 … 1.
    public static let share: ClosedRange<Double> = 0...1
    /// A time budget or cutoff in minutes: up to a day.
    public static let minutes: ClosedRange<Double> = 0...1_440
    /// A grid cell side in metres.
    public static let cellMetres: ClosedRange<Double> = 0.5...100_000
    /// A distance option in metres (snap limit, spacing, buffer, …): up to 1,000 km.
    public static let distanceMetres: ClosedRange<Double> = 0...1_000_000
    /// A speed in km/h.
    public static let kilometresPerHour: ClosedRange<Double> = 0...200

    /// `range` as a message writes it (`0 … 1000000000`).
    public static func text(_ range: ClosedRange<Double>) -> String {
        func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)" }
        return "\(number(range.lowerBound)) … \(number(range.upperBound))"
    }
}
