/// Decodes one inflated `PrimitiveBlock`: string table, granularity and offsets, then groups of
/// plain nodes, DenseNodes, ways and relations. Coordinates are
/// `1e-9 × (offset + granularity × value)` degrees.
struct PrimitiveBlockDecoder {
    let bytes: UnsafeRawBufferPointer
    private var stringRanges: [Range<Int>] = []
    private var strings: [String?] = []
    /// By string-table index: whether the string is one of the handler's `wayKeys`; nil when
    /// the handler wants every way. Set on the block's first way.
    private var isWayKey: [Bool]?
    private var wayFilterReady = false
    /// By string-table index: whether the string is one of the handler's `nodeKeys`; nil when
    /// the handler wants every node's tags. Set on the block's first tagged dense node.
    private var isNodeKey: [Bool]?
    private var nodeFilterReady = false
    /// A way's node ids, kept from way to way so that each way's are read into a list already
    /// allocated (one the handler keeps is copied, not overwritten, on the next way's write).
    /// Tags get a list of their own size per way: a handler keeps some ways' tags.
    private var wayRefs: [Int64] = []
    private var granularity: Int64 = 100
    private var latOffset: Int64 = 0
    private var lonOffset: Int64 = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Delivers the objects of `kinds` to `handler` and returns every kind the block holds.
    mutating func decode<H: OSMEntityHandler>(_ kinds: OSMEntityKinds, into handler: inout H) throws -> OSMEntityKinds {
        var reader = ProtobufReader(bytes)
        var groups: [Range<Int>] = []
        while let (number, wire) = try reader.field() {
            switch (number, wire) {
            case (1, 2): try readStringTable(try reader.lengthDelimited())
            case (2, 2): groups.append(try reader.lengthDelimited())
            case (17, 0): granularity = Int64(truncatingIfNeeded: try reader.varint())
            case (19, 0): latOffset = Int64(bitPattern: try reader.varint())
            case (20, 0): lonOffset = Int64(bitPattern: try reader.varint())
            default: try reader.skip(wireType: wire)
            }
        }
        guard granularity > 0 else { throw ProtobufReader.Malformed(message: "granularity \(granularity) must be positive") }
        var seen: OSMEntityKinds = []
        for group in groups {
            var g = ProtobufReader(bytes, range: group)
            while let (number, wire) = try g.field() {
                if let kind = Self.kind(ofGroupField: number, wire) { seen.insert(kind) }
                switch (number, wire) {
                case (1, 2) where kinds.contains(.nodes): try decodeNode(try g.lengthDelimited(), into: &handler)
                case (2, 2) where kinds.contains(.nodes): try decodeDenseNodes(try g.lengthDelimited(), into: &handler)
                case (3, 2) where kinds.contains(.ways): try decodeWay(try g.lengthDelimited(), into: &handler)
                case (4, 2) where kinds.contains(.relations): try decodeRelation(try g.lengthDelimited(), into: &handler)
                default: try g.skip(wireType: wire)
                }
            }
        }
        return seen
    }

    /// The kinds of object a block holds, read from its groups' field numbers alone.
    static func kinds(in bytes: UnsafeRawBufferPointer) throws -> OSMEntityKinds {
        var reader = ProtobufReader(bytes)
        var seen: OSMEntityKinds = []
        while let (number, wire) = try reader.field() {
            guard number == 2 && wire == 2 else { try reader.skip(wireType: wire); continue }
            var g = ProtobufReader(bytes, range: try reader.lengthDelimited())
            while let (field, groupWire) = try g.field() {
                if let kind = kind(ofGroupField: field, groupWire) { seen.insert(kind) }
                try g.skip(wireType: groupWire)
            }
        }
        return seen
    }

    /// The kind of the block's first group, from a prefix of the inflated block: what
    /// `PBFKindLayout.probe` needs, without inflating the whole block. Nil when the prefix ends
    /// (or is malformed) before that group's first object, or the group holds no known kind.
    static func firstGroupKind(inPrefix bytes: UnsafeRawBufferPointer) -> OSMEntityKinds? {
        var reader = ProtobufReader(bytes)
        do {
            while let (number, wire) = try reader.field() {
                guard number == 2 && wire == 2 else { try reader.skip(wireType: wire); continue }
                // The group runs past the prefix: read its length, then only its first key.
                guard try reader.varint() > 0 else { continue }
                guard let (field, groupWire) = try reader.field() else { return nil }
                return kind(ofGroupField: field, groupWire)
            }
        } catch {
            return nil
        }
        return nil
    }

    /// `PrimitiveGroup` fields: 1 nodes, 2 dense nodes, 3 ways, 4 relations (5 changesets: none).
    private static func kind(ofGroupField number: Int, _ wire: Int) -> OSMEntityKinds? {
        guard wire == 2 else { return nil }
        switch number {
        case 1, 2: return .nodes
        case 3: return .ways
        case 4: return .relations
        default: return nil
        }
    }

    private mutating func readStringTable(_ range: Range<Int>) throws {
        var reader = ProtobufReader(bytes, range: range)
        while let (number, wire) = try reader.field() {
            if number == 1 && wire == 2 { stringRanges.append(try reader.lengthDelimited()) } else { try reader.skip(wireType: wire) }
        }
        strings = [String?](repeating: nil, count: stringRanges.count)
    }

    private mutating func string(_ index: UInt64) throws -> String {
        try checkStringIndex(index)
        let i = Int(index)
        if let s = strings[i] { return s }
        let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[stringRanges[i]]), as: UTF8.self)
        strings[i] = s
        return s
    }

    /// The tags whose string indexes are packed in `keyRange` and `valueRange` (nil: none), read
    /// side by side in place: no arrays of indexes are made. Both columns are checked first: a
    /// column cut off inside a varint, then columns of unequal length.
    private mutating func tags(keyRange: Range<Int>?, valueRange: Range<Int>?) throws -> OSMTags {
        let keyRange = keyRange ?? 0 ..< 0, valueRange = valueRange ?? 0 ..< 0
        func isCutOff(_ range: Range<Int>) -> Bool { !range.isEmpty && bytes[range.upperBound - 1] >= 0x80 }
        guard !isCutOff(keyRange) && !isCutOff(valueRange) else { throw ProtobufReader.Malformed(message: "truncated varint") }
        let count = ProtobufReader.packedCount(bytes, keyRange), valueCount = ProtobufReader.packedCount(bytes, valueRange)
        guard count == valueCount else { throw ProtobufReader.Malformed(message: "\(count) tag keys but \(valueCount) values") }
        var keys = ProtobufReader(bytes, range: keyRange), values = ProtobufReader(bytes, range: valueRange)
        var pairs: [(key: String, value: String)] = []
        pairs.reserveCapacity(count)
        for _ in 0 ..< count { pairs.append((try string(try keys.varint()), try string(try values.varint()))) }
        return OSMTags(pairs)
    }

    /// Dividing the exact nanodegree integer by 1e9 rounds once, so a PBF coordinate equals
    /// the same coordinate parsed from OSM XML's decimal text, bit for bit.
    /// Returns NaN when the arithmetic overflows, which the loader skips as an invalid node.
    private func degrees(_ value: Int64, offset: Int64) -> Double {
        degrees(nanodegrees(value, offset: offset))
    }

    /// Degrees of `nanodegrees`, NaN for nil (an overflow).
    private func degrees(_ nanodegrees: Int64?) -> Double {
        nanodegrees.map { WalkshedFormats.degrees(nanodegrees: $0) } ?? .nan
    }

    /// `offset + granularity × value`, or nil when that overflows.
    @inline(__always)
    private func nanodegrees(_ value: Int64, offset: Int64) -> Int64? {
        let (scaled, o1) = granularity.multipliedReportingOverflow(by: value)
        let (nanodegrees, o2) = offset.addingReportingOverflow(scaled)
        return o1 || o2 ? nil : nanodegrees
    }

    private mutating func decodeNode<H: OSMEntityHandler>(_ range: Range<Int>, into handler: inout H) throws {
        var r = ProtobufReader(bytes, range: range)
        var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
        var keyRange: Range<Int>?, valueRange: Range<Int>?
        while let (number, wire) = try r.field() {
            switch (number, wire) {
            case (1, 0): id = try r.signedVarint()
            case (2, 2): keyRange = try r.lengthDelimited()
            case (3, 2): valueRange = try r.lengthDelimited()
            case (8, 0): lat = try r.signedVarint()
            case (9, 0): lon = try r.signedVarint()
            default: try r.skip(wireType: wire)
            }
        }
        handler.node(id: id, latitude: degrees(lat, offset: latOffset), longitude: degrees(lon, offset: lonOffset),
                     tags: try tags(keyRange: keyRange, valueRange: valueRange))
    }

    /// Decodes DenseNodes in place: ids, latitudes and longitudes are read as three delta-coded
    /// streams side by side and each node's keys and values where they lie, so a block of
    /// 8,000 nodes allocates nothing but the tags of the few nodes with a wanted key.
    private mutating func decodeDenseNodes<H: OSMEntityHandler>(_ range: Range<Int>, into handler: inout H) throws {
        var r = ProtobufReader(bytes, range: range)
        var idRange = range.lowerBound..<range.lowerBound, latRange = idRange, lonRange = idRange, keysValsRange = idRange
        while let (number, wire) = try r.field() {
            switch (number, wire) {
            case (1, 2): idRange = try r.lengthDelimited()
            case (8, 2): latRange = try r.lengthDelimited()
            case (9, 2): lonRange = try r.lengthDelimited()
            case (10, 2): keysValsRange = try r.lengthDelimited()
            default: try r.skip(wireType: wire)
            }
        }
        if !nodeFilterReady && !keysValsRange.isEmpty {
            isNodeKey = handler.nodeKeys.map(tableEntries(in:))
            nodeFilterReady = true
        }
        var ids = ProtobufReader(bytes, range: idRange), lats = ProtobufReader(bytes, range: latRange)
        var lons = ProtobufReader(bytes, range: lonRange), keysVals = ProtobufReader(bytes, range: keysValsRange)
        // The columns are counted only when reading them fails: a column of another length than
        // the ids is named as such, before any other fault.
        do {
            try decodeDenseColumns(&ids, &lats, &lons, &keysVals, into: &handler)
        } catch {
            let count = ProtobufReader.packedCount(bytes, idRange)
            let latCount = ProtobufReader.packedCount(bytes, latRange), lonCount = ProtobufReader.packedCount(bytes, lonRange)
            guard count == latCount && count == lonCount else {
                throw ProtobufReader.Malformed(message: "DenseNodes has \(count) ids, \(latCount) lats, \(lonCount) lons")
            }
            throw error
        }
    }

    /// The nodes of DenseNodes' columns, one per id, each column read to its end.
    @inline(__always)
    private mutating func decodeDenseColumns<H: OSMEntityHandler>(_ ids: inout ProtobufReader, _ lats: inout ProtobufReader,
                                                                 _ lons: inout ProtobufReader, _ keysVals: inout ProtobufReader,
                                                                 into handler: inout H) throws {
        var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
        let untagged = OSMTags()
        var index = 0
        while !ids.isAtEnd {
            defer { index += 1 }
            // One check for the three sums' overflows, and one for the coordinates' (most nodes pass both).
            let (nextID, idOverflow) = id.addingReportingOverflow(try ids.signedVarint())
            let (nextLat, latOverflow) = lat.addingReportingOverflow(try lats.signedVarint())
            let (nextLon, lonOverflow) = lon.addingReportingOverflow(try lons.signedVarint())
            guard !(idOverflow || latOverflow || lonOverflow) else {
                throw ProtobufReader.Malformed(message: "delta-coded value overflows 64 bits after \(index) values")
            }
            (id, lat, lon) = (nextID, nextLat, nextLon)
            let (latitudeScaled, o1) = granularity.multipliedReportingOverflow(by: lat)
            let (longitudeScaled, o2) = granularity.multipliedReportingOverflow(by: lon)
            let (latitudeSum, o3) = latOffset.addingReportingOverflow(latitudeScaled)
            let (longitudeSum, o4) = lonOffset.addingReportingOverflow(longitudeScaled)
            // An untagged node's keys_vals entry is the one byte 0 (or the stream has run out).
            if !(o1 || o2 || o3 || o4) && keysVals.takeZeroByteOrEnd() {
                handler.untaggedNode(id: id, latitudeNanodegrees: latitudeSum, longitudeNanodegrees: longitudeSum)
                continue
            }
            let latitudeNano = nanodegrees(lat, offset: latOffset), longitudeNano = nanodegrees(lon, offset: lonOffset)
            guard let firstPair = try wantedNodePairs(&keysVals) else {
                if let latitudeNano, let longitudeNano {
                    handler.untaggedNode(id: id, latitudeNanodegrees: latitudeNano, longitudeNanodegrees: longitudeNano)
                } else {
                    handler.node(id: id, latitude: degrees(latitudeNano), longitude: degrees(longitudeNano), tags: untagged)
                }
                continue
            }
            let latitude = degrees(latitudeNano), longitude = degrees(longitudeNano)
            // A wanted key: read the node's pairs again, as strings.
            var pairs: [(key: String, value: String)] = []
            var pairReader = ProtobufReader(bytes, range: firstPair..<keysVals.offset)
            while !pairReader.isAtEnd {
                let key = try pairReader.varint()
                if key == 0 { break }
                pairs.append((try string(key), try string(try pairReader.varint())))
            }
            handler.node(id: id, latitude: latitude, longitude: longitude, tags: OSMTags(pairs))
        }
        // Bytes left in a column after the ids' values: values the ids lack, or a last one cut off.
        guard lats.isAtEnd && lons.isAtEnd else { throw ProtobufReader.Malformed(message: "truncated varint") }
    }

    /// Reads one node's keys and values from DenseNodes' `keys_vals` (pairs of string indexes
    /// ended by 0; a stream that has run out gives every later node no tags), checking every
    /// index. Returns where the pairs start when one of the keys is wanted, else nil.
    private func wantedNodePairs(_ keysVals: inout ProtobufReader) throws -> Int? {
        guard !keysVals.isAtEnd else { return nil }
        let first = keysVals.offset
        var wanted = false
        while !keysVals.isAtEnd {
            let key = try keysVals.varint()
            if key == 0 { break }
            guard !keysVals.isAtEnd else { throw ProtobufReader.Malformed(message: "DenseNodes keys_vals ends inside a pair") }
            try checkStringIndex(key)
            try checkStringIndex(try keysVals.varint())
            if let isNodeKey { wanted = wanted || isNodeKey[Int(key)] } else { wanted = true }
        }
        return wanted ? first : nil
    }

    /// By string-table index: whether the string is one of `wanted` (compared as bytes).
    private func tableEntries(in wanted: Set<String>) -> [Bool] {
        let wantedBytes = wanted.map { Array($0.utf8) }
        return stringRanges.map { range in
            let text = UnsafeRawBufferPointer(rebasing: bytes[range])
            return wantedBytes.contains { $0.count == text.count && $0.elementsEqual(text) }
        }
    }

    private func checkStringIndex(_ index: UInt64) throws {
        guard index < UInt64(stringRanges.count) else {
            throw ProtobufReader.Malformed(message: "string index \(index) beyond the table of \(stringRanges.count)")
        }
    }

    private mutating func decodeWay<H: OSMEntityHandler>(_ range: Range<Int>, into handler: inout H) throws {
        var r = ProtobufReader(bytes, range: range)
        var id: Int64 = 0
        var keyRange: Range<Int>?, valueRange: Range<Int>?, refRange: Range<Int>?
        while let (number, wire) = try r.field() {
            switch (number, wire) {
            case (1, 0): id = Int64(bitPattern: try r.varint())
            case (2, 2): keyRange = try r.lengthDelimited()
            case (3, 2): valueRange = try r.lengthDelimited()
            case (8, 2): refRange = try r.lengthDelimited()
            default: try r.skip(wireType: wire)
            }
        }
        if !wayFilterReady {
            isWayKey = handler.wayKeys.map { wanted in
                stringRanges.map { wanted.contains(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[$0]), as: UTF8.self)) }
            }
            wayFilterReady = true
        }
        // Most ways hold no wanted key: their keys are scanned in place, nothing decoded.
        if let isWayKey, !(try keyRange.map { try hasWantedKey($0, isWayKey) } ?? false), !handler.wantsWay(id) {
            handler.skippedWay(id)
            return
        }
        let tags = try tags(keyRange: keyRange, valueRange: valueRange)
        // The list is taken from the decoder while the way holds it, and given back after:
        // unless the handler kept the way's, it is the only holder again by the next way.
        var refs: [Int64] = []
        swap(&refs, &wayRefs)
        refs.removeAll(keepingCapacity: true)
        if let refRange { try ProtobufReader.appendPackedDeltaSigned(bytes, refRange, to: &refs) }
        handler.way(OSMWay(id: id, refs: refs, tags: tags))
        swap(&refs, &wayRefs)
    }

    /// Whether the packed string indexes in `range` name a key marked in `isWanted`.
    private func hasWantedKey(_ range: Range<Int>, _ isWanted: [Bool]) throws -> Bool {
        var reader = ProtobufReader(bytes, range: range)
        while !reader.isAtEnd {
            let key = try reader.varint()
            if key < UInt64(isWanted.count) && isWanted[Int(key)] { return true }
        }
        return false
    }

    private mutating func decodeRelation<H: OSMEntityHandler>(_ range: Range<Int>, into handler: inout H) throws {
        var r = ProtobufReader(bytes, range: range)
        var id: Int64 = 0
        var keyRange: Range<Int>?, valueRange: Range<Int>?, roles: [UInt64] = [], types: [UInt64] = []
        var memberIDs: [Int64] = []
        while let (number, wire) = try r.field() {
            switch (number, wire) {
            case (1, 0): id = Int64(bitPattern: try r.varint())
            case (2, 2): keyRange = try r.lengthDelimited()
            case (3, 2): valueRange = try r.lengthDelimited()
            case (8, 2): roles = try ProtobufReader.packedVarints(bytes, try r.lengthDelimited())
            case (9, 2): memberIDs = try ProtobufReader.packedDeltaSigned(bytes, try r.lengthDelimited())
            case (10, 2): types = try ProtobufReader.packedVarints(bytes, try r.lengthDelimited())
            default: try r.skip(wireType: wire)
            }
        }
        guard roles.count == memberIDs.count && types.count == memberIDs.count else {
            throw ProtobufReader.Malformed(message: "relation \(id) has \(memberIDs.count) members, \(roles.count) roles, \(types.count) types")
        }
        var members: [OSMRelation.Member] = []
        members.reserveCapacity(memberIDs.count)
        for i in 0..<memberIDs.count {
            guard let type = OSMRelation.MemberType(rawValue: UInt8(truncatingIfNeeded: min(types[i], 255))) else {
                throw ProtobufReader.Malformed(message: "relation \(id) member type \(types[i]) is not node, way or relation")
            }
            members.append(OSMRelation.Member(type: type, ref: memberIDs[i], role: try string(roles[i])))
        }
        handler.relation(OSMRelation(id: id, members: members, tags: try tags(keyRange: keyRange, valueRange: valueRange)))
    }
}
