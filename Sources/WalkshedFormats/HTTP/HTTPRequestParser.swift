/// Reads one HTTP/1.1 request from the start of a byte buffer (RFC 9112 §2–§6): request
/// line, header fields, and a body of `Content-Length` bytes. Strict where laxness lets
/// requests be smuggled or misread: lines end in CRLF; no whitespace before a field's
/// colon; no obsolete line folding; one Content-Length, digits only; Transfer-Encoding
/// (chunked bodies) is refused with 501. Every part is bounded by `HTTPLimits`.
public enum HTTPRequestParser {
    /// The request at the start of `bytes` and how many bytes it used, or nil while `bytes`
    /// holds only part of one (read more and call again).
    /// - Throws: `HTTPRequestError` with the status to answer.
    public static func parse(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()) throws -> (request: HTTPRequest, consumed: Int)? {
        guard let lineEnd = crlf(in: bytes, from: 0, within: limits.requestLineBytes + 2) else {
            if bytes.count > limits.requestLineBytes + 1 { throw HTTPRequestError(status: 414, "request line longer than \(limits.requestLineBytes) bytes") }
            return nil
        }
        let (method, target, path, query) = try requestLine(bytes[0..<lineEnd])
        var headers: [(name: String, value: String)] = []
        var position = lineEnd + 2
        let headerLimit = position + limits.headerBytes
        while true {
            guard let end = crlf(in: bytes, from: position, within: headerLimit + 2 - position) else {
                if bytes.count >= headerLimit + 2 { throw HTTPRequestError(status: 431, "header fields longer than \(limits.headerBytes) bytes") }
                return nil
            }
            if end == position { position += 2; break }
            guard headers.count < limits.headerCount else { throw HTTPRequestError(status: 431, "more than \(limits.headerCount) header fields") }
            headers.append(try field(bytes[position..<end]))
            position = end + 2
        }
        if headers.contains(where: { $0.name == "transfer-encoding" }) {
            throw HTTPRequestError(status: 501, "Transfer-Encoding is not supported; send Content-Length")
        }
        let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
        var length = 0
        if let first = lengths.first {
            guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.count <= 12, first.utf8.allSatisfy({ (48...57).contains($0) }),
                  let n = Int(first) else {
                throw HTTPRequestError(status: 400, "bad Content-Length '\(lengths.joined(separator: ", "))'")
            }
            length = n
        } else if method == "POST" || method == "PUT" {
            throw HTTPRequestError(status: 411, "\(method) needs a Content-Length")
        }
        guard length <= limits.bodyBytes else { throw HTTPRequestError(status: 413, "body of \(length) bytes; at most \(limits.bodyBytes)") }
        guard bytes.count - position >= length else { return nil }
        let request = HTTPRequest(method: method, target: target, path: path, query: query, headers: headers,
                                  body: Array(bytes[position..<(position + length)]))
        return (request, position + length)
    }

    /// Index of the next CR LF at or after `from`, looking at most `within` bytes.
    static func crlf(in bytes: [UInt8], from: Int, within: Int) -> Int? {
        var i = from
        let end = min(bytes.count, from + max(0, within)) - 1
        while i < end {
            if bytes[i] == 13 && bytes[i + 1] == 10 { return i }
            i += 1
        }
        return nil
    }

    static func requestLine(_ line: ArraySlice<UInt8>) throws -> (String, String, String, [String: String]) {
        let parts = line.split(separator: 32, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw HTTPRequestError(status: 400, "request line must be 'METHOD target HTTP/1.1'")
        }
        guard parts[0].allSatisfy(isTokenByte) else { throw HTTPRequestError(status: 400, "bad method") }
        guard parts[2].elementsEqual("HTTP/1.1".utf8) || parts[2].elementsEqual("HTTP/1.0".utf8) else {
            throw HTTPRequestError(status: 505, "only HTTP/1.1 and HTTP/1.0 are served")
        }
        guard parts[1].first == UInt8(ascii: "/"), parts[1].allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw HTTPRequestError(status: 400, "request target must be a path starting with '/'")
        }
        let target = String(decoding: parts[1], as: UTF8.self)
        let pieces = parts[1].split(separator: UInt8(ascii: "?"), maxSplits: 1, omittingEmptySubsequences: false)
        let path = try percentDecoded(pieces[0], plusIsSpace: false)
        var query: [String: String] = [:]
        if pieces.count == 2 {
            for pair in pieces[1].split(separator: UInt8(ascii: "&")) {
                let kv = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
                query[try percentDecoded(kv[0], plusIsSpace: true)] = kv.count == 2 ? try percentDecoded(kv[1], plusIsSpace: true) : ""
            }
        }
        return (String(decoding: parts[0], as: UTF8.self), target, path, query)
    }

    static func field(_ line: ArraySlice<UInt8>) throws -> (name: String, value: String) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
            throw HTTPRequestError(status: 400, "header field without a name and ':'")
        }
        let name = line[line.startIndex..<colon]
        guard name.allSatisfy(isTokenByte) else {
            throw HTTPRequestError(status: 400, "bad header field name (whitespace before ':' or line folding)")
        }
        var value = line[(colon + 1)...]
        while let f = value.first, f == 32 || f == 9 { value = value.dropFirst() }
        while let l = value.last, l == 32 || l == 9 { value = value.dropLast() }
        guard value.allSatisfy({ $0 == 9 || ($0 >= 32 && $0 != 127) }) else {
            throw HTTPRequestError(status: 400, "control character in header field '\(String(decoding: name, as: UTF8.self))'")
        }
        return (String(decoding: name, as: UTF8.self).lowercased(), String(decoding: value, as: UTF8.self))
    }

    /// RFC 9110 §5.6.2 token characters.
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return "!#$%&'*+-.^_`|~".utf8.contains(b)
        }
    }

    static func percentDecoded(_ text: ArraySlice<UInt8>, plusIsSpace: Bool) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = text.startIndex
        while i < text.endIndex {
            let b = text[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < text.endIndex, let hi = hexValue(text[i + 1]), let lo = hexValue(text[i + 2]) else {
                    throw HTTPRequestError(status: 400, "bad percent-encoding in the request target")
                }
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(plusIsSpace && b == UInt8(ascii: "+") ? 32 : b)
                i += 1
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw HTTPRequestError(status: 400, "request target is not UTF-8") }
        return s
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - 55
        default: return nil
        }
    }
}
