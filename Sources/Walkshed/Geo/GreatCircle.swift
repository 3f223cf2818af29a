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
        let radians = Double.pi / 180
        let phi1 = a.latitude * radians, phi2 = b.latitude * radians
        let dPhi = phi2 - phi1
        let dLambda = (b.longitude - a.longitude) * radians
        let s = sin(dPhi / 2), t = sin(dLambda / 2)
        let h = s * s + cos(phi1) * cos(phi2) * t * t
        return 2 * earthRadiusMetres * asin(min(1, h.squareRoot()))
    }
}
