extension DestinationSet {
    /// Parks reached through their access points on usable edges (all edges when
    /// `usableEdges` is nil); a park with none is reached off-network at its boundary vertex
    /// nearest to a usable edge (within `snapLimitMetres`), or not at all.
    /// Parks are judged on `threads` threads and gathered in order: the same set for any count.
    public static func parks(_ parks: [Park], finder: ParkAccessFinder, snapLimitMetres: Double,
                             usableEdges: [Bool]? = nil, threads: Int = 1, diagnostics: inout Diagnostics) -> DestinationSet {
        let found = ParallelSearch.map(itemCount: parks.count, threads: threads) { i in
            areaAccessPoints(of: parks[i].polygon, finder: finder, snapLimitMetres: snapLimitMetres, usableEdges: usableEdges)
        }
        var points: [AccessPoint] = []
        for (i, park) in parks.enumerated() {
            let (snaps, offNetwork) = found[i]
            if offNetwork {
                diagnostics.warn("park reached off-network", "\(park.osmReference): no walkable edge within \(Int(finder.touchMetres)) m of its boundary; entered \(Int(snaps[0].offsetMetres)) m from the nearest edge")
            }
            if snaps.isEmpty {
                diagnostics.warn("park unreachable", "\(park.osmReference): no walkable edge within \(Int(snapLimitMetres)) m")
            }
            points += snaps.map { AccessPoint(destination: Int32(i), snap: $0) }
        }
        return DestinationSet(kind: .park, destinationCount: parks.count, accessPoints: points, areas: parks.map(\.polygon))
    }

    /// Where an area is entered: its access points on usable edges, or when it has none, its
    /// boundary vertex nearest a usable edge within `snapLimitMetres` (`offNetwork`), or nowhere.
    static func areaAccessPoints(of polygon: PlanarPolygon, finder: ParkAccessFinder, snapLimitMetres: Double,
                                 usableEdges: [Bool]?) -> (snaps: [PlaceSnap], offNetwork: Bool) {
        let snaps = finder.accessPoints(of: polygon).filter { usableEdges?[Int($0.edge)] ?? true }
        guard snaps.isEmpty else { return (snaps, false) }
        guard let fallback = finder.nearestApproach(to: polygon, limitMetres: snapLimitMetres, usableEdges: usableEdges) else { return ([], false) }
        return ([fallback], true)
    }

    /// Services of one category, each snapped to the nearest usable edge within `snapLimitMetres`.
    /// Services are snapped on `threads` threads and gathered in order.
    public static func services(_ services: [ServicePoint], category: ServiceCategory, snapper: Snapper,
                                snapLimitMetres: Double, usableEdges: [Bool]? = nil, threads: Int = 1,
                                diagnostics: inout Diagnostics) -> DestinationSet {
        let chosen = services.filter { $0.category == category }
        let snaps = ParallelSearch.map(itemCount: chosen.count, threads: threads) { i in
            snapper.snap(chosen[i].position, limitMetres: snapLimitMetres, usableEdges: usableEdges)
        }
        // One destination per service, or per group for the services of one (at the first member's place).
        var destinationOf: [String: Int32] = [:], destinationCount: Int32 = 0
        let destinations = chosen.map { service -> Int32 in
            if let group = service.group, let d = destinationOf[group] { return d }
            defer { destinationCount += 1 }
            if let group = service.group { destinationOf[group] = destinationCount }
            return destinationCount
        }
        var points: [AccessPoint] = []
        for (i, service) in chosen.enumerated() {
            if let snap = snaps[i] {
                points.append(AccessPoint(destination: destinations[i], snap: snap))
            } else {
                diagnostics.warn("service beyond snap limit", "\(service.osmReference) (\(category.rawValue)): no walkable edge within \(Int(snapLimitMetres)) m")
            }
        }
        return DestinationSet(kind: .service(category), destinationCount: Int(destinationCount), accessPoints: points)
    }
}

extension City {
    /// The destination sets of an analysis: parks first, then each service category, snapped
    /// to `usableEdges` (a profile's); an empty category or no parks is a counted warning.
    public func destinationSets(usableEdges: [Bool], snapLimitMetres: Double, snapper given: Snapper? = nil, threads: Int = 1,
                                diagnostics: inout Diagnostics) -> [DestinationSet] {
        let snapper = given ?? Snapper(graph: graph)
        var sets = [DestinationSet.parks(parks, finder: ParkAccessFinder(snapper: snapper), snapLimitMetres: snapLimitMetres,
                                         usableEdges: usableEdges, threads: threads, diagnostics: &diagnostics)]
        if parks.isEmpty {
            diagnostics.warn("no parks", "no park polygons in the extract; park_minutes is NODATA everywhere")
        }
        for category in ServiceCategory.allCases {
            sets.append(.services(services, category: category, snapper: snapper, snapLimitMetres: snapLimitMetres,
                                  usableEdges: usableEdges, threads: threads, diagnostics: &diagnostics))
            if sets.last!.destinationCount == 0 {
                diagnostics.warn("no destinations of a category", "no \(category.rawValue) services in the extract; \(category.rawValue)_minutes is NODATA everywhere")
            }
        }
        return sets
    }
}
