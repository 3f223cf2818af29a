/// A building people live in, for estimating population where no census is given.
public struct ResidentialBuilding: Sendable, Equatable {
    /// `way/123`.
    public var osmReference: String
    /// `building=*` value (`apartments`, `house`, …).
    public var kind: String
    /// Footprint centroid, in projected metres.
    public var position: PlanarPoint
    /// Footprint area, in square metres.
    public var footprintSquareMetres: Double
    /// Storeys: `building:levels`, or the default of its kind.
    public var levels: Double
    /// Whether `levels` came from the data.
    public var levelsTagged: Bool

    public init(osmReference: String, kind: String, position: PlanarPoint, footprintSquareMetres: Double, levels: Double,
                levelsTagged: Bool) {
        self.osmReference = osmReference
        self.kind = kind
        self.position = position
        self.footprintSquareMetres = footprintSquareMetres
        self.levels = levels
        self.levelsTagged = levelsTagged
    }

    /// Default floor area per resident, in square metres (gross floor area; EU and Chinese
    /// urban averages lie between 30 and 45 m²).
    public static let defaultFloorAreaPerResident = 35.0

    /// Estimated residents: footprint × storeys ÷ floor area per resident.
    public func estimatedResidents(floorAreaPerResident: Double = defaultFloorAreaPerResident) -> Double {
        footprintSquareMetres * levels / floorAreaPerResident
    }
}
