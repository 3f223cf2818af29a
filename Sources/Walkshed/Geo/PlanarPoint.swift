/// A point in a metric projection (easting `x`, northing `y`), in metres.
public struct PlanarPoint: Hashable, Sendable {
    /// Easting in metres.
    public var x: Double
    /// Northing in metres.
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Straight-line distance to `other`, in metres.
    @inlinable
    public func distance(to other: PlanarPoint) -> Double {
        let dx = x - other.x, dy = y - other.y
        return (dx * dx + dy * dy).squareRoot()
    }
}

/// A longitude/latitude pair in degrees (WGS 84).
public struct GeoCoordinate: Hashable, Sendable {
    /// Degrees east of Greenwich, −180...180.
    public var longitude: Double
    /// Degrees north of the equator, −90...90.
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}
