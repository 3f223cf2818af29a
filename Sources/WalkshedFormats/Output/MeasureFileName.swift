import Walkshed

extension Measure {
    /// The measure a grid or column name stands for, read back from an output folder
    /// (`food_mean20_minutes`, `park_minutes_change`, `schools_count`); nil for a name no
    /// measure has. A kind that is not built in reads as a user's kind. The one place where
    /// names turn back into measures: everything after it compares measures.
    public init?(fileName name: String) {
        if let base = name.dropSuffix("_change") {
            guard let measure = Measure(fileName: base) else { return nil }
            self = .change(measure)
            return
        }
        let fixed: [Measure] = [.categoriesWithin, .proximityMinutes, .greenwayMinutes, .greenwayParkMinutes, .greenwayMetres, .marginalGain]
        if let measure = fixed.first(where: { $0.name == name }) {
            self = measure
            return
        }
        func kind(_ text: Substring) -> DestinationKind? {
            guard !text.isEmpty else { return nil }
            return DestinationKind(builtInName: String(text)) ?? .custom(String(text))
        }
        if let stem = name.dropSuffix("_minutes") {
            // `<kind>_mean<k>_minutes` and `<kind>_nearest<k>_minutes` before plain `<kind>_minutes`.
            for (marker, make) in [("_mean", Measure.meanNearest), ("_nearest", Measure.kthNearest)] as [(String, (DestinationKind, Int) -> Measure)] {
                if let range = stem.range(of: marker, options: .backwards), let k = Int(stem[range.upperBound...]), k > 0,
                   let kind = kind(stem[..<range.lowerBound]) {
                    self = make(kind, k)
                    return
                }
            }
            guard let kind = kind(stem[...]) else { return nil }
            self = .minutes(kind)
            return
        }
        if let stem = name.dropSuffix("_count"), let kind = kind(stem[...]) { self = .count(kind); return }
        if let stem = name.dropSuffix("_weighted"), let kind = kind(stem[...]) { self = .weighted(kind); return }
        // `<kind>_count_<m>min`, `<kind>_weighted_<m>min`: one of several count thresholds.
        if let stem = name.dropSuffix("min"), let cut = stem.range(of: "_", options: .backwards),
           let minutes = Double(stem[cut.upperBound...]), minutes > 0, minutes.isFinite {
            let base = String(stem[..<cut.lowerBound])
            if let s = base.dropSuffix("_count"), let kind = kind(s[...]) { self = .count(kind, withinMinutes: minutes); return }
            if let s = base.dropSuffix("_weighted"), let kind = kind(s[...]) { self = .weighted(kind, withinMinutes: minutes); return }
        }
        return nil
    }
}

extension String {
    /// The string without `suffix`, or nil when it does not end with it.
    func dropSuffix(_ suffix: String) -> String? {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : nil
    }
}
