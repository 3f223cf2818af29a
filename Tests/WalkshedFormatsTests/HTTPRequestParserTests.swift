import Testing
import WalkshedFormats

private func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) throws -> (request: HTTPRequest, consumed: Int)? {
    try HTTPRequestParser.parse(Array(text.utf8), limits: limits)
}

private func status(_ text: String, limits: HTTPLimits = HTTPLimits()) -> Int? {
    do { _ = try parse(text, limits: limits); return nil } catch let error as HTTPRequestError { return error.status } catch { return -1 }
}

@Test func aCompleteRequestReadsWithDecodedPathQueryAndBody() throws {
    let text = "POST /api/edits/%31?token=ab%20c&x=1+2&flag HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nX-Walkshed-Token:  t0k \r\n\r\nhelloEXTRA"
    let (request, consumed) = try #require(try parse(text))
    #expect(consumed == text.utf8.count - 5, "the bytes after the body belong to whatever follows")
    #expect(request.method == "POST" && request.path == "/api/edits/1" && request.target == "/api/edits/%31?token=ab%20c&x=1+2&flag")
    #expect(request.query == ["token": "ab c", "x": "1 2", "flag": ""])
    #expect(request.header("x-walkshed-token") == "t0k" && request.header("HOST") == "127.0.0.1")
    #expect(request.body == Array("hello".utf8))
}

/// Every proper prefix of a request is incomplete (nil), never an error or a shorter request.
@Test func everyPrefixOfARequestIsIncomplete() throws {
    let bytes = Array("PUT /api/edits/0 HTTP/1.1\r\nContent-Length: 12\r\nA: b\r\n\r\n{\"type\": 1 }".utf8)
    for n in 0..<bytes.count { #expect(try HTTPRequestParser.parse(Array(bytes[0..<n])) == nil, "prefix of \(n) bytes") }
    #expect(try HTTPRequestParser.parse(bytes)?.consumed == bytes.count)
}

@Test func limitsAnswerTheirStatus() {
    var limits = HTTPLimits()
    limits.requestLineBytes = 20
    limits.headerBytes = 40
    limits.headerCount = 2
    limits.bodyBytes = 4
    #expect(status("GET /" + String(repeating: "a", count: 30), limits: limits) == 414, "no line end within the limit")
    #expect(status("GET /aaaaaa HTTP/1.1\r\n\r\n", limits: limits) == nil, "20 bytes is within it")
    #expect(status("GET /aaaaaaa HTTP/1.1\r\n\r\n", limits: limits) == 414)
    #expect(status("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits) == 431)
    #expect(status("GET / HTTP/1.1\r\nA: " + String(repeating: "x", count: 50) + "\r\n\r\n", limits: limits) == 431)
    #expect(status("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n", limits: limits) == 413, "refused before the body arrives")
    #expect(status("POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd", limits: limits) == nil)
}

/// Shapes that let one request be read as two (RFC 9112 §6.3, §5.1, §5.2) are refused.
@Test func ambiguousRequestsAreRefused() {
    #expect(status("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") == 501)
    #expect(status("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") == 400)
    #expect(status("POST / HTTP/1.1\r\nContent-Length: +1\r\n\r\na") == 400)
    #expect(status("POST / HTTP/1.1\r\nContent-Length: 1, 1\r\n\r\na") == 400)
    #expect(status("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na") == nil, "identical repeats are one value")
    #expect(status("POST / HTTP/1.1\r\n\r\n") == 411)
    #expect(status("GET / HTTP/1.1\r\nHost : x\r\n\r\n") == 400)
    #expect(status("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n") == 400)
    #expect(status("GET / HTTP/1.1\r\nHost: a\u{1}b\r\n\r\n") == 400)
    #expect(status("GET  / HTTP/1.1\r\n\r\n") == 400)
    #expect(status("GET http://x/ HTTP/1.1\r\n\r\n") == 400)
    #expect(status("GET / HTTP/2.0\r\n\r\n") == 505)
    #expect(status("GET /%zz HTTP/1.1\r\n\r\n") == 400)
    #expect(status("GET /%ff HTTP/1.1\r\n\r\n") == 400, "not UTF-8")
    #expect(status("G(T / HTTP/1.1\r\n\r\n") == 400)
}
