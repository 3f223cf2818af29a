/// A tag rule's few known values (`footway`, `park`, …) and what each means, looked up by
/// UTF-8 length first and then compared: a value of another length (most values asked about)
/// is passed over without reading a character, where a `Set` or `Dictionary` would hash it.
/// As for keys in `OSMTags`, a value matches only one spelled with the same bytes' count.
struct ShortStringTable<Value: Sendable>: Sendable {
    /// `byLength[n]`: the entries whose key is `n` UTF-8 bytes long, in the order given.
    private let byLength: [[(key: String, value: Value)]]

    init<Entries: Sequence<(key: String, value: Value)>>(_ entries: Entries) {
        var byLength: [[(key: String, value: Value)]] = []
        for entry in entries {
            let length = entry.key.utf8.count
            while byLength.count <= length { byLength.append([]) }
            byLength[length].append(entry)
        }
        self.byLength = byLength
    }

    /// The value of `key`, if it is in the table.
    subscript(key: String) -> Value? {
        let length = key.utf8.count
        guard length < byLength.count else { return nil }
        for entry in byLength[length] where entry.key == key { return entry.value }
        return nil
    }
}

extension ShortStringTable where Value == Void {
    /// A set of strings.
    init(_ keys: some Sequence<String>) { self.init(keys.map { (key: $0, value: ()) }) }

    func contains(_ key: String) -> Bool { self[key] != nil }
}
