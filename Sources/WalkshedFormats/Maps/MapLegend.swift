import Foundation
import Walkshed

/// One class of a map legend: values in `lower ..< upper` get `colour`.
public struct LegendClass: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var colour: RGB
    public var label: String
}

/// How a grid's values become colours: classes in increasing value order, a title and the
/// unit. The same legend drives the PNG maps and the HTML report, so both agree.
public struct MapLegend: Sendable, Equatable {
    public var title: String
    public var unit: String
    public var classes: [LegendClass]

    /// The colour of `value`, nil for NODATA (NaN).
    public func colour(for value: Double) -> RGB? {
        guard !value.isNaN else { return nil }
        for c in classes where value < c.upper { return c.colour }
        return classes.last?.colour
    }
}

/// Picks the legend of a layer from its name: minutes (less is better, classes at thirds
/// and multiples of the budget), scenario changes (`<measure>_change`, diverging: gains
/// green, losses red) and amounts (counts, categories, metres: more is better).
public enum MapStyle {
    /// Eight greens to reds, best first.
    static let bestToWorst: [RGB] = [0x1a9850, 0x66bd63, 0xa6d96a, 0xd9ef8b, 0xfee08b, 0xfdae61, 0xf46d43, 0xd73027].map(RGB.init(hex:))
    /// Light to dark blue, for amounts.
    static let lightToDark: [RGB] = [0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x084594].map(RGB.init(hex:))
    static let unchanged = RGB(hex: 0xdddddd)

    /// The legend for layer `name` (a grid file's name, read back as a `Measure`); `values`
    /// sets the range of amount layers.
    public static func legend(layer name: String, budgetMinutes: Double, values: [Float]) -> MapLegend {
        let title = name.replacingOccurrences(of: "_", with: " ")
        guard let measure = Measure(fileName: name) else { return amountLegend(title: title, unit: "", values: values, integers: false) }
        if case .change(let base) = measure {
            return changeLegend(title: title, moreIsBetter: base.unit != .minutes, unit: legendUnit(base.unit))
        }
        if measure.unit == .minutes { return minutesLegend(title: title, budget: budgetMinutes) }
        return amountLegend(title: title, unit: legendUnit(measure.unit), values: values, integers: measure == .categoriesWithin)
    }

    /// The unit as a legend shows it.
    static func legendUnit(_ unit: Measure.Unit) -> String {
        switch unit {
        case .minutes: "min"
        case .metres: "m"
        case .categories: "categories"
        case .destinations: "destinations"
        case .weight: ""
        }
    }

    static func minutesLegend(title: String, budget: Double) -> MapLegend {
        let breaks = [budget / 3, 2 * budget / 3, budget, 4 * budget / 3, 2 * budget, 3 * budget, 4 * budget]
        var classes: [LegendClass] = []
        var lower = 0.0
        for (k, upper) in (breaks + [Double.infinity]).enumerated() {
            let label = upper.isInfinite ? "≥ \(number(lower)) min" : k == 0 ? "< \(number(upper)) min" : "\(number(lower))–\(number(upper)) min"
            classes.append(LegendClass(lower: lower, upper: upper, colour: bestToWorst[k], label: label))
            lower = upper
        }
        return MapLegend(title: title, unit: "min", classes: classes)
    }

    static func changeLegend(title: String, moreIsBetter: Bool, unit: String) -> MapLegend {
        let steps: [Double] = moreIsBetter ? [-.infinity, -2, -1, -0.005, 0.005, 1, 2, .infinity] : [-.infinity, -10, -5, -1, -0.05, 0.05, 1, 5, 10, .infinity]
        let better: [RGB] = [0x1a9850, 0x66bd63, 0xa6d96a, 0xd9ef8b].map(RGB.init(hex:))
        let worse: [RGB] = [0xfee08b, 0xfdae61, 0xf46d43, 0xd73027].map(RGB.init(hex:))
        let classCount = steps.count - 1
        let side = (classCount - 1) / 2
        var classes: [LegendClass] = []
        for k in 0..<classCount {
            let lower = steps[k], upper = steps[k + 1]
            // Shade 0 is nearest zero and lightest; the outermost class on each side is darkest.
            func darkness(_ shade: Int) -> Int { side > 1 ? shade * 3 / (side - 1) : 3 }
            let colour: RGB
            if k == side { colour = unchanged } else if k < side {
                let d = darkness(side - 1 - k)
                colour = moreIsBetter ? worse[d] : better[3 - d]
            } else {
                let d = darkness(k - side - 1)
                colour = moreIsBetter ? better[3 - d] : worse[d]
            }
            let suffix = unit.isEmpty ? "" : " \(unit)"
            let label: String
            if k == side { label = "no change" } else if lower.isInfinite { label = "≤ \(signed(upper))\(suffix)" } else if upper.isInfinite {
                label = "≥ \(signed(lower))\(suffix)"
            } else { label = "\(signed(lower)) to \(signed(upper))\(suffix)" }
            classes.append(LegendClass(lower: lower, upper: upper, colour: colour, label: label))
        }
        return MapLegend(title: title, unit: unit, classes: classes)
    }

    static func amountLegend(title: String, unit: String, values: [Float], integers: Bool) -> MapLegend {
        let maximum = Double(values.lazy.filter { !$0.isNaN }.max() ?? 0)
        var classes: [LegendClass] = []
        if integers {
            let top = max(1, Int(maximum.rounded(.up)))
            let count = min(top + 1, lightToDark.count)
            for k in 0..<count {
                let last = k == count - 1
                classes.append(LegendClass(lower: Double(k), upper: last ? .infinity : Double(k + 1),
                                           colour: lightToDark[k * (lightToDark.count - 1) / max(1, count - 1)],
                                           label: last && k < top ? "≥ \(k)" : "\(k)"))
            }
        } else {
            let step = niceStep(maximum / 6)
            for k in 0..<6 {
                let lower = Double(k) * step, upper = k == 5 ? Double.infinity : Double(k + 1) * step
                let label = upper.isInfinite ? "≥ \(number(lower))" : "\(number(lower))–\(number(upper))"
                classes.append(LegendClass(lower: lower, upper: upper, colour: lightToDark[k + 2], label: label + (unit.isEmpty || unit == "destinations" ? "" : " \(unit)")))
            }
        }
        return MapLegend(title: title, unit: unit, classes: classes)
    }

    /// 1, 2 or 5 times a power of ten, at least `raw` (and at least 0.1).
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0.1 else { return 0.1 }
        let power = pow(10, floor(log10(raw)))
        for m in [1.0, 2, 5, 10] where m * power >= raw { return m * power }
        return 10 * power
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : FixedPoint.format(v, decimals: abs(v) < 1 ? 2 : 1)
    }

    static func signed(_ v: Double) -> String { (v > 0 ? "+" : v < 0 ? "−" : "") + number(abs(v)) }
}
