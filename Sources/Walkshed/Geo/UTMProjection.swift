#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Universal Transverse Mercator on WGS 84, by Krüger's series to fourth order
/// (Karney, "Transverse Mercator with an accuracy of a few nanometers", 2011), which is
/// accurate to well under a millimetre within a zone.
public struct UTMProjection: Hashable, Sendable {
    /// UTM zone number, 1...60.
    public let zone: Int
    /// True in the northern hemisphere (false northing 0), false in the southern (10,000 km).
    public let isNorth: Bool

    public init(zone: Int, isNorth: Bool) {
        precondition((1...60).contains(zone), "UTM zone must be in 1...60")
        self.zone = zone
        self.isNorth = isNorth
    }

    /// The zone whose central meridian is nearest to `centre`. Norway's and Svalbard's zone
    /// exceptions are not applied: their data get the regular zone, which is just as exact.
    public init(containing centre: GeoCoordinate) {
        let zone = Int(((Self.wrapped(centre.longitude) + 180) / 6).rounded(.down)) + 1
        self.init(zone: min(max(zone, 1), 60), isNorth: centre.latitude >= 0)
    }

    /// Central meridian of the zone, in degrees.
    public var centralMeridian: Double { Double(zone) * 6 - 183 }
    /// False northing in metres: 0 north of the equator, 10,000,000 south of it.
    public var falseNorthing: Double { isNorth ? 0 : 10_000_000 }
    /// EPSG code of the zone (326xx north, 327xx south).
    public var epsgCode: Int { (isNorth ? 32600 : 32700) + zone }

    static let scale = 0.9996
    static let falseEasting = 500_000.0
    private static let n: Double = { let f = 1 / 298.257223563; return f / (2 - f) }()
    private static let rectifyingRadius: Double = {
        let n2 = n * n
        return 6_378_137 / (1 + n) * (1 + n2 / 4 + n2 * n2 / 64)
    }()
    private static let alpha: [Double] = {
        let n2 = n * n, n3 = n2 * n, n4 = n3 * n
        return [n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180,
                13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440,
                61 * n3 / 240 - 103 * n4 / 140,
                49561 * n4 / 161280]
    }()
    private static let beta: [Double] = {
        let n2 = n * n, n3 = n2 * n, n4 = n3 * n
        return [n / 2 - 2 * n2 / 3 + 37 * n3 / 96 - n4 / 360,
                n2 / 48 + n3 / 15 - 437 * n4 / 1440,
                17 * n3 / 480 - 37 * n4 / 840,
                4397 * n4 / 161280]
    }()
    private static let delta: [Double] = {
        let n2 = n * n, n3 = n2 * n, n4 = n3 * n
        return [2 * n - 2 * n2 / 3 - 2 * n3 + 116 * n4 / 45,
                7 * n2 / 3 - 8 * n3 / 5 - 227 * n4 / 45,
                56 * n3 / 15 - 136 * n4 / 35,
                4279 * n4 / 630]
    }()

    /// Eccentricity of the ellipsoid, from its third flattening `n`.
    private static let eccentricity = 2 * n.squareRoot() / (1 + n)

    /// Projects a coordinate to easting/northing in metres (Krüger's series to n⁴, as in
    /// Karney 2011), with six library calls:
    /// - the conformal latitude's tangent τ′ = τ·√(1+σ²) − σ·√(1+τ²) (Karney's eq. 7, τ = tan φ,
    ///   σ = sinh(e·atanh(e·sin φ)), whose argument is below 0.082, summed as Taylor series);
    /// - ξ′ = atan2(τ′, cos λ) and η′ = atanh(sin λ / √(1+τ′²)), and the doubled angles' sines and
    ///   cosines from the same quantities (sin 2ξ′ = 2τ′cos λ/(τ′² + cos² λ), and so on) rather than
    ///   from ξ′ and η′ again;
    /// - the series' terms sin(2jξ′)·cosh(2jη′) and cos(2jξ′)·sinh(2jη′) for j = 2…4 from those
    ///   for j = 1 by the angle-addition formulas.
    /// Within 10 nm of the series summed term by term from the library's functions (tested over
    /// every zone, 9° either side of its central meridian).
    public func project(_ c: GeoCoordinate) -> PlanarPoint {
        let radians = Double.pi / 180
        let phi = c.latitude * radians
        // Across the antimeridian −179.9° lies 3.1° east of a central meridian at 177°.
        let lambda = Self.wrapped(c.longitude - centralMeridian) * radians
        let sinPhi = sin(phi), cosPhi = cos(phi)
        let sigma = Self.sinhOfEccentricAtanh(sinPhi)
        let t = (sinPhi * (1 + sigma * sigma).squareRoot() - sigma) / cosPhi
        let sinLambda = sin(lambda), cosLambda = cos(lambda)
        let xiPrime = atan2(t, cosLambda)
        let onePlusT2 = 1 + t * t, rootOnePlusT2 = onePlusT2.squareRoot()
        let etaPrime = atanh(sinLambda / rootOnePlusT2)
        // tan ξ′ = τ′/cos λ and tanh η′ = sin λ/√(1+τ′²) share the denominator τ′² + cos² λ.
        let denominator = t * t + cosLambda * cosLambda
        let sin2 = 2 * t * cosLambda / denominator, cos2 = (cosLambda * cosLambda - t * t) / denominator
        let sinh2 = 2 * sinLambda * rootOnePlusT2 / denominator, cosh2 = (onePlusT2 + sinLambda * sinLambda) / denominator
        var sinK = sin2, cosK = cos2, sinhK = sinh2, coshK = cosh2
        var xi = xiPrime, eta = etaPrime
        let alpha = Self.alpha
        for j in 0..<4 {
            xi += alpha[j] * sinK * coshK
            eta += alpha[j] * cosK * sinhK
            (sinK, cosK) = (sinK * cos2 + cosK * sin2, cosK * cos2 - sinK * sin2)
            (sinhK, coshK) = (sinhK * cosh2 + coshK * sinh2, coshK * cosh2 + sinhK * sinh2)
        }
        let k0A = Self.scale * Self.rectifyingRadius
        return PlanarPoint(x: Self.falseEasting + k0A * eta, y: falseNorthing + k0A * xi)
    }

    /// σ = sinh(e·atanh(e·sin φ)) by Taylor series: e·sin φ ≤ 0.082, so atanh's terms past
    /// x¹⁵/15 and sinh's past y⁷/7! are below 10⁻¹⁷ of the sum.
    @inline(__always)
    private static func sinhOfEccentricAtanh(_ sinPhi: Double) -> Double {
        let x = eccentricity * sinPhi, x2 = x * x
        let tail = 1.0 / 9 + x2 * (1.0 / 11 + x2 * (1.0 / 13 + x2 * (1.0 / 15)))
        let atanhSum = 1 + x2 * (1.0 / 3 + x2 * (1.0 / 5 + x2 * (1.0 / 7 + x2 * tail)))
        let y = eccentricity * x * atanhSum, y2 = y * y
        return y * (1 + y2 / 6 * (1 + y2 / 20 * (1 + y2 / 42)))
    }

    /// The middle of a set of longitudes along the shorter way round: data straddling the
    /// antimeridian (179.9° and −179.9°) have their middle at 180°, not at 0°.
    public static func middleLongitude(minimum: Double, maximum: Double, minimumEast: Double, maximumEast: Double) -> Double {
        // `minimumEast`/`maximumEast`: the same longitudes with the western ones taken + 360°.
        maximum - minimum <= maximumEast - minimumEast ? (minimum + maximum) / 2 : wrapped((minimumEast + maximumEast) / 2)
    }

    /// Inverse projection: easting/northing in metres back to longitude/latitude.
    public func unproject(_ p: PlanarPoint) -> GeoCoordinate {
        let k0A = Self.scale * Self.rectifyingRadius
        let xi = (p.y - falseNorthing) / k0A
        let eta = (p.x - Self.falseEasting) / k0A
        var xiPrime = xi, etaPrime = eta
        for j in 1...4 {
            let b = Self.beta[j - 1], k = 2 * Double(j)
            xiPrime -= b * sin(k * xi) * cosh(k * eta)
            etaPrime -= b * cos(k * xi) * sinh(k * eta)
        }
        let chi = asin(sin(xiPrime) / cosh(etaPrime))
        var phi = chi
        for j in 1...4 {
            phi += Self.delta[j - 1] * sin(2 * Double(j) * chi)
        }
        let lambda = atan2(sinh(etaPrime), cos(xiPrime))
        let degrees = 180 / Double.pi
        return GeoCoordinate(longitude: Self.wrapped(centralMeridian + lambda * degrees), latitude: phi * degrees)
    }

    /// `degrees` brought into −180 ..< 180.
    static func wrapped(_ degrees: Double) -> Double {
        guard degrees < -180 || degrees >= 180 else { return degrees }
        let turned = (degrees + 180).truncatingRemainder(dividingBy: 360)
        return (turned < 0 ? turned + 360 : turned) - 180
    }
}
