/// The built-in travellers. Every number is a default a caller can change.
///
/// | profile | speed | may not use |
/// |---|---|---|
/// | `walk` | 4.8 km/h (15 min = 1,200 m) | — |
/// | `senior` | 3.6 km/h (15 min = 900 m) | — |
/// | `wheelchair` | 3.6 km/h | steps; `wheelchair=no`; `incline` steeper than 8 %; raised kerbs; with a DEM, stretches steeper than 8 % |
/// | `bike` | 15 km/h (15 min = 3,750 m) | ways a bicycle may not use (footways, steps, `bicycle=no`) |
extension TravelProfile {
    /// Older pedestrians: the same ways as walking, at 3.6 km/h.
    public static func senior(kilometresPerHour: Double = 3.6) -> TravelProfile {
        TravelProfile(name: "senior", metresPerSecond: kilometresPerHour / 3.6)
    }

    /// Wheelchair users: no steps, nothing tagged `wheelchair=no`, no steep inclines or raised kerbs.
    public static func wheelchair(kilometresPerHour: Double = 3.6) -> TravelProfile {
        TravelProfile(name: "wheelchair", metresPerSecond: kilometresPerHour / 3.6, forbiddenClasses: [.steps],
                      forbiddenFlags: [.wheelchairNo, .steepIncline, .raisedKerb], maxSlope: 0.08)
    }

    /// Cycling at 15 km/h on ways a bicycle may use.
    public static func bike(kilometresPerHour: Double = 15) -> TravelProfile {
        TravelProfile(name: "bike", metresPerSecond: kilometresPerHour / 3.6, forbiddenClasses: [.steps],
                      requiredFlags: [.bicycleAllowed])
    }

    /// The preset called `name` at its default speed, or at `kilometresPerHour`.
    public static func preset(_ name: String, kilometresPerHour: Double? = nil) -> TravelProfile? {
        switch name {
        case "walk": walk(kilometresPerHour: kilometresPerHour ?? 4.8)
        case "senior": senior(kilometresPerHour: kilometresPerHour ?? 3.6)
        case "wheelchair": wheelchair(kilometresPerHour: kilometresPerHour ?? 3.6)
        case "bike": bike(kilometresPerHour: kilometresPerHour ?? 15)
        default: nil
        }
    }

    /// Names accepted by `preset(_:)`.
    public static let presetNames = ["walk", "senior", "wheelchair", "bike"]
}
