import Walkshed

/// What `walkshed greenways` prints: the network's figures and the five top break points.
public enum GreenwayTable {
    public static func text(_ report: GreenwayReport, city: City) -> String {
        let n = report.network, links = report.parkLinks
        func km(_ m: Double) -> String { FixedPoint.format(m / 1000, decimals: 2) + " km" }
        func pct(_ v: Double) -> String { FixedPoint.format(100 * v, decimals: 1) + " %" }
        var out = "Walkshed \(WalkshedVersion.current): greenways for \(report.profile.name)\n"
        out += "greenway:          \(km(n.totalMetres)) in \(n.componentCount) components; largest \(km(n.componentMetres.first ?? 0)) (\(pct(n.largestComponentShare)) of the length)\n"
        out += "continuity:        mean continuous greenway from a greenway point \(km(n.meanContinuousMetres))\n"
        if let perResident = report.metresPerResident, let residents = report.residents {
            out += "per resident:      \(FixedPoint.format(perResident, decimals: 2)) m of greenway for \(FixedPoint.format(residents, decimals: 0)) residents\n"
        }
        let touching = Set(report.components.flatMap(\.parks)).count
        out += "parks:             \(city.parks.count), \(touching) touching a greenway; \(links.links.count) park pairs joined within \(km(report.options.parkRouteMetres)) along greenways "
            + "(≤ \(FixedPoint.format(report.options.maxStreetMetres, decimals: 0)) m of street between pieces); \(pct(links.largestGroupShare)) of parks in the largest group\n"
        let budget = report.options.budgetMinutes
        if let any = GreenwayFiles.shareWithin(report.cellLayers[0], weights: nil, snapped: report.cellsSnapped, minutes: budget),
           let green = GreenwayFiles.shareWithin(report.cellLayers[1], weights: nil, snapped: report.cellsSnapped, minutes: budget) {
            out += "park access:       \(pct(any)) of cells within \(FixedPoint.format(budget, decimals: 0)) min of a park over any street, \(pct(green)) walking to the nearest greenway and staying on it\n"
        }
        if let weights = report.residentWeights, report.residentLayers.count == 2,
           let any = GreenwayFiles.shareWithin(report.residentLayers[0], weights: weights, minutes: budget),
           let green = GreenwayFiles.shareWithin(report.residentLayers[1], weights: weights, minutes: budget) {
            out += "                   \(pct(any)) of residents over any street, \(pct(green)) along greenways only\n"
        }
        out += "break points:      \(report.breakPoints.count) within \(FixedPoint.format(report.options.gapMetres, decimals: 0)) m"
        out += report.breakPoints.isEmpty ? "\n" : "; the five that join the most greenway to the most:\n"
        for (k, b) in report.breakPoints.prefix(5).enumerated() {
            let (from, _) = b.gap.ends(graph: city.graph)
            let c = city.projection.unproject(from)
            out += "  \(k + 1). components \(b.gap.first) and \(b.gap.second): \(FixedPoint.format(b.gap.straightMetres, decimals: 0)) m apart, "
                + (b.gap.streetMetres.isFinite ? "\(FixedPoint.format(b.gap.streetMetres, decimals: 0)) m on streets" : "not joined by streets")
                + "; joins \(km(b.joinedMetres)), \(b.joinedParks.count) parks"
                + (b.joinedResidents.map { ", \(FixedPoint.format($0, decimals: 0)) residents" } ?? "")
                + " (at \(FixedPoint.format(c.longitude, decimals: 5)),\(FixedPoint.format(c.latitude, decimals: 5)))\n"
        }
        return out
    }
}
