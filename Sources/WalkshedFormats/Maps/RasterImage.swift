/// An 8-bit RGB picture in memory, top row first: what the PNG maps are drawn on.
///
/// Invariant: `pixels.count == width * height * 3`. Drawing outside the picture is clipped.
public struct RasterImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Red, green, blue per pixel, rows top to bottom.
    public private(set) var pixels: [UInt8]

    public init(width: Int, height: Int, background: RGB = .white) {
        precondition(width > 0 && height > 0, "a picture needs at least one pixel")
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
        fill(x: 0, y: 0, width: width, height: height, background)
    }

    /// The colour at column `x`, row `y` (0 = top).
    public func colour(x: Int, y: Int) -> RGB {
        let i = (y * width + x) * 3
        return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
    }

    public mutating func set(x: Int, y: Int, _ c: RGB) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = (y * width + x) * 3
        pixels[i] = c.red; pixels[i + 1] = c.green; pixels[i + 2] = c.blue
    }

    /// Fills the rectangle with its top-left corner at (`x`, `y`).
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, _ c: RGB) {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            for column in x0..<x1 {
                let i = (row * width + column) * 3
                pixels[i] = c.red; pixels[i + 1] = c.green; pixels[i + 2] = c.blue
            }
        }
    }

    /// Outline of a rectangle, one pixel wide.
    public mutating func frame(x: Int, y: Int, width w: Int, height h: Int, _ c: RGB) {
        fill(x: x, y: y, width: w, height: 1, c)
        fill(x: x, y: y + h - 1, width: w, height: 1, c)
        fill(x: x, y: y, width: 1, height: h, c)
        fill(x: x + w - 1, y: y, width: 1, height: h, c)
    }

    /// Mixes `c` into the pixel: `opacity` 1 replaces it, 0 leaves it.
    public mutating func blend(x: Int, y: Int, _ c: RGB, opacity: Double) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let old = colour(x: x, y: y)
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) * (1 - opacity) + Double(b) * opacity).rounded()) }
        set(x: x, y: y, RGB(mix(old.red, c.red), mix(old.green, c.green), mix(old.blue, c.blue)))
    }

    /// A straight line between pixel centres (Bresenham), `thickness` pixels square; with
    /// `opacity` below 1 it is blended into what is there (one pixel wide).
    public mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), _ c: RGB, thickness: Int = 1, opacity: Double = 1) {
        var x = a.x, y = a.y
        let dx = abs(b.x - a.x), dy = -abs(b.y - a.y)
        let sx = a.x < b.x ? 1 : -1, sy = a.y < b.y ? 1 : -1
        var error = dx + dy
        let half = (thickness - 1) / 2
        while true {
            if opacity < 1 { blend(x: x, y: y, c, opacity: opacity) } else if thickness == 1 { set(x: x, y: y, c) } else { fill(x: x - half, y: y - half, width: thickness, height: thickness, c) }
            if x == b.x && y == b.y { break }
            let twice = 2 * error
            if twice >= dy { error += dy; x += sx }
            if twice <= dx { error += dx; y += sy }
        }
    }
}

/// An opaque 8-bit colour.
public struct RGB: Sendable, Hashable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red; self.green = green; self.blue = blue
    }

    /// From `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(UInt8(hex >> 16 & 0xff), UInt8(hex >> 8 & 0xff), UInt8(hex & 0xff))
    }

    /// `#rrggbb`, as CSS reads it.
    public var description: String {
        "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    public static let white = RGB(255, 255, 255)
    public static let black = RGB(0, 0, 0)
    /// Cells without data.
    public static let noData = RGB(hex: 0xeeeeee)
}
