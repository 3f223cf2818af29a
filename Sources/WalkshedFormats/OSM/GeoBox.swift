import Walkshed

/// A longitude/latitude box in degrees (not crossing the antimeridian).
public struct GeoBox: Sendable, Equatable {
    public var minLongitude, minLatitude, maxLongitude, maxLatitude: Double

    public init(minLongitude: Double, minLatitude: Double, maxLongitude: Double, maxLatitude: Double) {
        self.minLongitude = minLongitude
        self.minLatitude = minLatitude
        self.maxLongitude = maxLongitude
        self.maxLatitude = maxLatitude
    }

    public func contains(_ c: GeoCoordinate) -> Bool {
        c.longitude >= minLongitude && c.longitude <= maxLongitude && c.latitude >= minLatitude && c.latitude <= maxLatitude
    }

    /// The smallest box holding this one and `c`.
    public func including(_ c: GeoCoordinate) -> GeoBox {
        GeoBox(minLongitude: min(minLongitude, c.longitude), minLatitude: min(minLatitude, c.latitude),
               maxLongitude: max(maxLongitude, c.longitude), maxLatitude: max(maxLatitude, c.latitude))
    }

    /// The smallest box holding this one and `other`.
    public func including(_ other: GeoBox) -> GeoBox {
        including(GeoCoordinate(longitude: other.minLongitude, latitude: other.minLatitude))
            .including(GeoCoordinate(longitude: other.maxLongitude, latitude: other.maxLatitude))
    }

    public var centre: GeoCoordinate {
        GeoCoordinate(longitude: (minLongitude + maxLongitude) / 2, latitude: (minLatitude + maxLatitude) / 2)
    }
}
