/// An axis-aligned rectangle in projected metres; empty until a point is added.
public struct BoundingBox: Hashable, Sendable {
    public var minX = Double.infinity
    public var minY = Double.infinity
    public var maxX = -Double.infinity
    public var maxY = -Double.infinity

    public init() {}

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
    }

    /// True when no point has been added.
    public var isEmpty: Bool { minX > maxX || minY > maxY }

    public mutating func add(_ p: PlanarPoint) {
        minX = Swift.min(minX, p.x); maxX = Swift.max(maxX, p.x)
        minY = Swift.min(minY, p.y); maxY = Swift.max(maxY, p.y)
    }

    /// The box grown by `metres` on every side.
    public func expanded(by metres: Double) -> BoundingBox {
        BoundingBox(minX: minX - metres, minY: minY - metres, maxX: maxX + metres, maxY: maxY + metres)
    }

    public func contains(_ p: PlanarPoint) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    public func intersects(_ other: BoundingBox) -> Bool {
        !(other.minX > maxX || other.maxX < minX || other.minY > maxY || other.maxY < minY)
    }
}
