import Walkshed

/// `population.csv`: every input row with its original fields (re-quoted per RFC 4180 where
/// needed), then one column per layer; minutes with 2 decimals, empty where unreachable or off
/// the network.
public enum PopulationTableWriter {
    public static func csv(_ table: PopulationTable, layers: [CoverageLayer]) -> TextBuffer {
        var out = TextBuffer(capacity: table.rows.count * 120)
        out.append((table.header.map(quoted) + layers.map(\.name)).joined(separator: ",") + "\n")
        for (i, row) in table.rows.enumerated() {
            out.append(row.map(quoted).joined(separator: ","))
            for layer in layers {
                out.append(byte: UInt8(ascii: ","))
                let v = layer.values[i]
                if !v.isNaN { out.append(v, decimals: layer.decimals) }
            }
            out.append(byte: UInt8(ascii: "\n"))
        }
        return out
    }

    public static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
