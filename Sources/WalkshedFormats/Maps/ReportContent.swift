import Foundation

/// Everything an HTML report shows, gathered from an output folder: one view per profile of
/// an analysis or per scenario of a scenario run, and the map layers under them.
public struct ReportContent: Sendable {
    /// `analysis` (grids of minutes and counts), `scenario` (grids of changes), `suggestions`
    /// (ranked parks or links of `walkshed suggest`) or `indicators` (`walkshed indicators`).
    public enum Kind: String, Sendable { case analysis, scenario, suggestions, indicators }

    /// One switchable view: a profile's grids or a scenario's change grids.
    public struct View: Sendable {
        public var id: String
        /// Facts printed above the map (`walk at 4.8 km/h, 15-minute budget`).
        public var caption: String
        public var grids: [GridEntry]
        public var table: Table
        /// A scenario's own changes to draw over the base map.
        public var changes: MapLayers?
    }

    /// A grid with its legend and histogram.
    public struct GridEntry: Sendable {
        public var grid: MapGrid
        public var legend: MapLegend
        public var histogram: Histogram
    }

    /// Weights of a grid's values in the legend's classes: residents when the folder has
    /// `population.csv`, else cells; `missing` is the weight with no value (unreachable or
    /// beyond the snap limit).
    public struct Histogram: Sendable, Equatable {
        public var basis: String
        public var weights: [Double]
        public var missing: Double
    }

    /// An indicators table: column titles and rows of printed cells.
    public struct Table: Sendable, Equatable {
        public var columns: [String]
        public var rows: [[String]]
    }

    public var kind: Kind
    public var title: String
    public var budgetMinutes: Double
    public var views: [View]
    /// The network, parks and services; nil when the folder has no `map.json.gz` (or `map.json`).
    public var baseMap: MapLayers?
    /// The standard indicators (SDG 11.7.1, 11.2.1, WHO, …) from an `indicators.csv` of
    /// `walkshed indicators`, when one was given or lies in the folder.
    public var standardIndicators: Table?
}
