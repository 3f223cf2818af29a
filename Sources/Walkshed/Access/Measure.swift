/// What a layer of values over places measures. Names, units and the rule for "meets the
/// budget" all derive from it; code compares measures, never their names.
public indirect enum Measure: Hashable, Sendable {
    /// Minutes to the nearest destination of a kind.
    case minutes(DestinationKind)
    /// Destinations of a kind within the count threshold; `withinMinutes` names the threshold
    /// when a run counts within several (nil: the run's one threshold).
    case count(DestinationKind, withinMinutes: Double? = nil)
    /// Their decay-weighted sum.
    case weighted(DestinationKind, withinMinutes: Double? = nil)
    /// Mean minutes to the k nearest distinct destinations.
    case meanNearest(DestinationKind, k: Int)
    /// Minutes to the k-th nearest distinct destination.
    case kthNearest(DestinationKind, k: Int)
    /// How many destination kinds are within the budget.
    case categoriesWithin
    /// The mean over kinds of `meanNearest` (the 15-minute city's proximity time).
    case proximityMinutes
    case greenwayMinutes
    /// Minutes to the nearest park walking to the nearest greenway, then along greenways only.
    case greenwayParkMinutes
    /// Metres of greenway within the budget.
    case greenwayMetres
    /// Residents a candidate park would bring within the budget.
    case marginalGain
    /// A value behind a standard indicator, per resident point, named by the indicator's
    /// profile and rule (`walk_open_space_metres`, `walk_food_mean20_minutes`).
    case perResident(String, Unit)
    /// Scenario minus baseline of another measure.
    case change(Measure)

    /// What the values count.
    public enum Unit: String, Sendable {
        case minutes, destinations, weight, categories, metres
    }

    public var unit: Unit {
        switch self {
        case .minutes, .meanNearest, .kthNearest, .proximityMinutes, .greenwayMinutes, .greenwayParkMinutes: .minutes
        case .count: .destinations
        case .weighted, .marginalGain: .weight
        case .categoriesWithin: .categories
        case .greenwayMetres: .metres
        case .perResident(_, let unit): unit
        case .change(let measure): measure.unit
        }
    }

    /// The file and column name (`park_minutes`, `food_mean20_minutes`, `categories_within`).
    public var name: String {
        switch self {
        case .minutes(let kind): "\(kind.name)_minutes"
        case .count(let kind, let minutes): "\(kind.name)_count" + Self.cutoffSuffix(minutes)
        case .weighted(let kind, let minutes): "\(kind.name)_weighted" + Self.cutoffSuffix(minutes)
        case .meanNearest(let kind, let k): "\(kind.name)_mean\(k)_minutes"
        case .kthNearest(let kind, let k): "\(kind.name)_nearest\(k)_minutes"
        case .categoriesWithin: "categories_within"
        case .proximityMinutes: "proximity_minutes"
        case .greenwayMinutes: "greenway_minutes"
        case .greenwayParkMinutes: "greenway_park_minutes"
        case .greenwayMetres: "greenway_metres"
        case .marginalGain: "marginal_gain"
        case .perResident(let name, _): name
        case .change(let measure): "\(measure.name)_change"
        }
    }

    /// The destination kind measured, if one is.
    public var kind: DestinationKind? {
        switch self {
        case .minutes(let kind), .count(let kind, _), .weighted(let kind, _), .meanNearest(let kind, _), .kthNearest(let kind, _): kind
        case .change(let measure): measure.kind
        default: nil
        }
    }

    /// `_<m>min` for a named count threshold (`_5min`, `_7.5min`), empty for none.
    static func cutoffSuffix(_ minutes: Double?) -> String {
        guard let minutes else { return "" }
        let whole = minutes.rounded()
        return "_" + (whole == minutes && whole.magnitude < 1e9 ? String(Int(whole)) : "\(minutes)") + "min"
    }
}
