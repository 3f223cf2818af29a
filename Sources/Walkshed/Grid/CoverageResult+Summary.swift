extension CoverageResult {
    /// Per layer: cells on the network, cells with a value, and the share meeting the budget
    /// (minutes ≤ budget; for `categories_within`, every built-in kind within it).
    public func summaries() -> [LayerSummary] {
        let onNetwork = cellsOnNetwork, builtInKinds = destinationKinds.filter(\.isBuiltIn).count
        let layers = layers, snapped = snapped, options = options
        // One layer per work item, on the analysis's threads: each summary is the same for any count.
        return ParallelSearch.map(itemCount: layers.count, threads: options.threads) { k in
            let layer = layers[k], unit = layer.unit
            var withData = 0, meeting = 0
            var values: [Float] = []
            values.reserveCapacity(layer.values.count)
            for i in 0..<layer.values.count where snapped[i] {
                let v = layer.values[i]
                guard !v.isNaN else { continue }
                withData += 1
                values.append(v)
                if CoverageLayer.meetsBudget(v, unit: unit, budgetMinutes: options.budgetMinutes, setCount: builtInKinds) { meeting += 1 }
            }
            let mean = values.isEmpty ? nil : values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
            let median = Median.of(&values)
            return LayerSummary(name: layer.name, cellsOnNetwork: onNetwork, cellsWithData: withData,
                                cellsMeetingBudget: meeting,
                                shareMeetingBudget: onNetwork == 0 ? 0 : Double(meeting) / Double(onNetwork),
                                mean: mean, median: median)
        }
    }
}
