import Foundation
import Walkshed

extension MapLayers {
    /// Reads a `map.json.gz` written by `writeCompressed`, or a `map.json` written by `json()`
    /// (told apart by the gzip signature); coordinates come back as whole metres.
    /// - Throws: `InputFileError` naming the file and what is wrong.
    public static func read(_ path: String) throws -> MapLayers {
        func fail(_ message: String) -> InputFileError { InputFileError(path: path, message: message) }
        guard var data = FileManager.default.contents(atPath: path) else { throw fail("no such file") }
        if Gzip.isGzip(Array(data.prefix(2))) {
            // Map text compresses about threefold; a hundredfold is not a map this program wrote.
            switch Gzip.decompress(Array(data), limit: 100 * data.count + (1 << 20)) {
            case .success(let text): data = Data(text)
            case .failure(let failure): throw fail(failure.message)
            }
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              (root["walkshed_map"] as? NSNumber)?.intValue == 1,
              let epsg = (root["epsg"] as? NSNumber)?.intValue,
              let origin = root["origin"] as? [NSNumber], origin.count == 2 else {
            throw fail("not a map.json written by walkshed (needs walkshed_map 1, epsg and origin)")
        }
        let ox = origin[0].doubleValue, oy = origin[1].doubleValue
        func decode(_ any: Any?, delta: Bool, place: String) throws -> [PlanarPoint] {
            guard let numbers = any as? [NSNumber], numbers.count % 2 == 0 else { throw fail("\(place): not a list of x, y numbers") }
            var out: [PlanarPoint] = []
            var x = 0.0, y = 0.0
            for k in stride(from: 0, to: numbers.count, by: 2) {
                let a = numbers[k].doubleValue, b = numbers[k + 1].doubleValue
                if delta && k > 0 { x += a; y += b } else { x = a; y = b }
                out.append(PlanarPoint(x: ox + x, y: oy + y))
            }
            return out
        }
        var layers = MapLayers(epsg: epsg)
        for (key, value) in (root["lines"] as? [String: Any]) ?? [:] {
            guard let kind = LineKind(rawValue: key), let list = value as? [Any] else { throw fail("lines.\(key): unknown line kind") }
            layers.lines[kind] = PolylineSet(try list.enumerated().map { try decode($1, delta: true, place: "lines.\(key)[\($0)]") })
        }
        for (k, any) in ((root["parks"] as? [Any]) ?? []).enumerated() {
            guard let park = any as? [String: Any] else { throw fail("parks[\(k)]: not an object") }
            layers.parks.append(ParkShape(
                name: park["name"] as? String ?? "", kind: park["kind"] as? String ?? "",
                hectares: (park["ha"] as? NSNumber)?.doubleValue ?? 0,
                outerRings: try ((park["rings"] as? [Any]) ?? []).map { try decode($0, delta: true, place: "parks[\(k)].rings") },
                innerRings: try ((park["holes"] as? [Any]) ?? []).map { try decode($0, delta: true, place: "parks[\(k)].holes") }))
        }
        for (key, target) in [("services", \MapLayers.services), ("removed_services", \MapLayers.removedServices)] {
            for (name, value) in (root[key] as? [String: Any]) ?? [:] {
                layers[keyPath: target][name] = try decode(value, delta: false, place: "\(key).\(name)")
            }
        }
        return layers
    }
}
