extension CoverageResult {
    /// The result with every cell not in `keep` off the network and NODATA in every layer
    /// (cells outside a boundary); population layers unchanged.
    public func keepingCells(_ keep: [Bool]) -> CoverageResult {
        precondition(keep.count == grid.cellCount)
        let layers = self.layers.map { layer in
            CoverageLayer(layer.measure, values: layer.values.indices.map { keep[$0] ? layer.values[$0] : .nan })
        }
        return CoverageResult(grid: grid, layers: layers, snapped: snapped.indices.map { keep[$0] && snapped[$0] }, options: options,
                              destinationKinds: destinationKinds, populationLayers: populationLayers, populationSnapped: populationSnapped)
    }
}
