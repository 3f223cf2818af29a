#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Great-circle distances on a spherical Earth.
public enum GreatCircle {
    /// Mean Earth radius (IUGG), in metres.
    public static let earthRadiusMetres = 6_371_008.8

    /// Haversine distance between two coordinates, in metres.
    public static func metres(_ a: GeoCoordinate, _ b: GeoCoordinate) -> Double {
        metres(a, b, cosines: (cosineOfLatitude(a), cosineOfLatitude(b)))
    }

    /// `metres(a, b)`, bit for bit, given the cosines of their latitudes (`cosineOfLatitude`):
    /// along a path each point's cosine serves the segments on both sides of it.
    @inline(__always)
    public static func metres(_ a: GeoCoordinate, _ b: GeoCoordinate, cosines: (a: Double, b: Double)) -> Double {
        let radians = Double.pi / 180
        let phi1 = a.latitude * radians, phi2 = b.latitude * radians
        let dPhi = phi2 - phi1
        let dLambda = (b.longitude - a.longitude) * radians
        let s = sin(dPhi / 2), t = sin(dLambda / 2)
        let h = s * s + cosines.a * cosines.b * t * t
        return 2 * earthRadiusMetres * asin(min(1, h.squareRoot()))
    }

    /// The cosine of `c`'s latitude.
    @inline(__always)
    public static func cosineOfLatitude(_ c: GeoCoordinate) -> Double { cos(c.latitude * (Double.pi / 180)) }
}
