/// Destinations a user supplied under a kind of their own (`--destinations schools=FILE`):
/// points, snapped to the nearest usable edge like services, and polygons, reached at their
/// access points like parks (a place inside one is 0 minutes from it). Destinations are
/// numbered points first, then polygons.
public struct CustomDestinations: Sendable {
    /// The kind's name in file and column names (`schools` → `schools_minutes`).
    public var name: String
    public var points: [PlanarPoint]
    public var polygons: [PlanarPolygon]
    /// Per destination (points, then polygons), where it came from (`schools.csv:12`,
    /// `shops.geojson: feature 3`), for warnings.
    public var references: [String]
    /// Per destination, its weight in weighted counts; nil: each weighs 1.
    public var weights: [Double]?

    public init(name: String, points: [PlanarPoint], polygons: [PlanarPolygon], references: [String], weights: [Double]? = nil) {
        precondition(references.count == points.count + polygons.count, "one reference per destination")
        precondition(weights == nil || weights!.count == references.count, "one weight per destination")
        self.name = name
        self.points = points
        self.polygons = polygons
        self.references = references
        self.weights = weights
    }

    public var destinationCount: Int { references.count }
}

extension DestinationSet {
    /// A user's destinations as a set of kind `.custom(name)`, snapped to `usableEdges`.
    public static func custom(_ custom: CustomDestinations, snapper: Snapper, snapLimitMetres: Double, usableEdges: [Bool]?,
                              diagnostics: inout Diagnostics) -> DestinationSet {
        var points: [AccessPoint] = []
        for (i, position) in custom.points.enumerated() {
            if let snap = snapper.snap(position, limitMetres: snapLimitMetres, usableEdges: usableEdges) {
                points.append(AccessPoint(destination: Int32(i), snap: snap))
            } else {
                diagnostics.warn("destination beyond snap limit", "\(custom.references[i]) (\(custom.name)): no walkable edge within \(Int(snapLimitMetres)) m")
            }
        }
        let finder = ParkAccessFinder(snapper: snapper)
        for (k, polygon) in custom.polygons.enumerated() {
            let i = custom.points.count + k
            let snaps = areaAccessPoints(of: polygon, finder: finder, snapLimitMetres: snapLimitMetres, usableEdges: usableEdges).snaps
            if snaps.isEmpty {
                diagnostics.warn("destination beyond snap limit", "\(custom.references[i]) (\(custom.name)): no walkable edge within \(Int(snapLimitMetres)) m")
            }
            points += snaps.map { AccessPoint(destination: Int32(i), snap: $0) }
        }
        return DestinationSet(kind: .custom(custom.name), destinationCount: custom.destinationCount, accessPoints: points,
                              areas: custom.polygons, weights: custom.weights)
    }
}
