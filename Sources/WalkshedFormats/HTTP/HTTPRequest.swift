/// One HTTP/1.1 request as `HTTPRequestParser` read it (RFC 9112): the method, the target's
/// decoded path and query, the header fields and the body.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The request target as sent (origin form, `/path?query`).
    public var target: String
    /// The path, percent-decoded.
    public var path: String
    /// Query parameters, percent-decoded (`+` is a space); a repeated name keeps the last value.
    public var query: [String: String]
    /// Header fields in order, names lower-cased, values trimmed of surrounding whitespace.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, target: String, path: String, query: [String: String], headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The value of the first header field named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name == wanted }?.value
    }

    public static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
        a.method == b.method && a.target == b.target && a.path == b.path && a.query == b.query && a.body == b.body
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }
}

/// Bounds on what a client may send; past one, the request is refused with the status given.
public struct HTTPLimits: Sendable {
    /// Request line, in bytes (414 past it).
    public var requestLineBytes = 8 << 10
    /// All header fields together, in bytes (431 past it).
    public var headerBytes = 32 << 10
    /// Number of header fields (431 past it).
    public var headerCount = 100
    /// Body, in bytes (413 past it).
    public var bodyBytes = 1 << 20

    public init() {}
}

/// A request that cannot be served, with the status to answer and why.
public struct HTTPRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400, 411, 413, 414, 431, 501 or 505.
    public var status: Int
    public var message: String

    public init(status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "HTTP \(status): \(message)" }
}
