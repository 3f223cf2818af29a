extension CoverageResult {
    /// The result with every cell not in `keep` off the network and NODATA in every layer
    /// (cells outside a boundary); population layers unchanged.
    public func keepingCells(_ keep: [Bool]) -> CoverageResult {
        precondition(keep.count == grid.cellCount)
        let layers = self.layers.map { layer in
            CoverageLayer(layer.measure, values: layer.values.indices.map { keep[$0] ? layer.values[$0] : .nan })
        }
        return CoverageResult(grid: grid, layers: layers, snapped: snapped.indices.map { keep[$0] && snapped[$0] },
                              snapMetres: snapMetres.indices.map { keep[$0] ? snapMetres[$0] : .nan }, options: options,
                              destinationKinds: destinationKinds, populationLayers: populationLayers, populationSnapped: populationSnapped,
                              populationSnapMetres: populationSnapMetres)
    }
}

extension CoverageResult {
    /// A snap longer than this suggests thin network data there (metres).
    public static let thinNetworkMetres: Float = 100

    /// Cells that attached to the network over more than `metres`.
    public func cellsSnapped(over metres: Float = thinNetworkMetres) -> Int {
        snapMetres.reduce(0) { $0 + ($1 > metres ? 1 : 0) }
    }

    /// Residents (weights per population point) who attached over more than `metres`.
    public func residentsSnapped(over metres: Float = thinNetworkMetres, residents: [Double]) -> Double {
        zip(populationSnapMetres, residents).reduce(0.0) { $0 + ($1.0 > metres ? $1.1 : 0) }
    }
}
