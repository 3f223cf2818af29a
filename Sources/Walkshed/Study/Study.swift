/// A city prepared for a study: the network with its parks and services, and what the user
/// added to it — residents, an elevation model. Every run (analysis, scenarios, suggestions,
/// indicators, target checks) starts here and returns typed results; nothing here reads or
/// writes files, prints, or knows about a command line.
///
/// ```swift
/// let study = Study(city: city, residents: residents, loadDiagnostics: report.diagnostics)
/// let analysis = try study.analyze(profile: .walk, options: CoverageOptions(), progress: SilentProgress())
/// print(analysis.result.layers[0].values.count)
/// ```
public struct Study: Sendable {
    public var city: City
    /// Residents, when the study has them (needed by suggestions, indicators and
    /// population targets).
    public var residents: Residents?
    /// Ground height in metres; with it, speeds follow Tobler's hiking function.
    public var elevation: ElevationGrid?
    /// Destinations of the user's own kinds, measured after the built-in ones, in this order.
    public var customDestinations: [CustomDestinations]
    /// Warnings from reading the inputs; every run's diagnostics start from these.
    public var loadDiagnostics: Diagnostics
    /// The box the grid covers (projected metres); the city's extent when nil.
    public var area: BoundingBox?
    /// When set (a municipality cut out of a larger extract), grid cells whose centre lies
    /// outside it hold no data in every layer, and shares count the cells inside only.
    public var boundary: PlanarPolygon?

    public init(city: City, residents: Residents? = nil, elevation: ElevationGrid? = nil, customDestinations: [CustomDestinations] = [],
                loadDiagnostics: Diagnostics = Diagnostics()) {
        self.city = city
        self.customDestinations = customDestinations
        self.residents = residents
        self.elevation = elevation
        self.loadDiagnostics = loadDiagnostics
    }

    /// The elevation model as a function of projected points, when there is one.
    public var elevationSampler: ((PlanarPoint) -> Double?)? {
        guard let elevation else { return nil }
        let projection = city.projection
        return { elevation.elevation(at: $0, projection: projection) }
    }

    /// `profile`'s costs over `city` (the study's own by default): sloped with an elevation
    /// model, else flat.
    public func costs(for profile: TravelProfile, on city: City? = nil) -> ProfileCosts {
        let graph = (city ?? self.city).graph
        guard let elevation else { return ProfileCosts(graph: graph, profile: profile) }
        let projection = self.city.projection
        return ProfileCosts(graph: graph, profile: profile, elevation: { elevation.elevation(at: $0, projection: projection) })
    }

    /// Every destination kind the study measures: the built-in ones, then the user's.
    public var destinationKinds: [DestinationKind] { DestinationKind.builtIn + customDestinations.map { .custom($0.name) } }

    /// The box the grid covers: `area`, else the city's extent.
    public var gridArea: BoundingBox { area ?? city.extent }

    /// Resident positions (`[]` without residents).
    var residentPositions: [PlanarPoint] { residents?.positions ?? [] }
}
