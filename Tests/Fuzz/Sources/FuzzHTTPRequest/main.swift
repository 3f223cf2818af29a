import FuzzSupport
import WalkshedFormats

/// The request parser of `walkshed serve`: any bytes must give "incomplete", a request, or an
/// `HTTPRequestError` with a status the server answers, never trap or read past the input. A
/// request read is stable: its own bytes alone read to the same request, one byte fewer is
/// incomplete or an error, and its body is exactly its Content-Length within the limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    var limits = HTTPLimits()
    limits.requestLineBytes = 256
    limits.headerBytes = 1024
    limits.headerCount = 16
    limits.bodyBytes = 512
    let statuses: Set<Int> = [400, 411, 413, 414, 431, 501, 505]
    do {
        guard let (request, consumed) = try HTTPRequestParser.parse(bytes, limits: limits) else { return 0 }
        precondition(consumed <= bytes.count && request.body.count <= limits.bodyBytes)
        precondition(request.path.hasPrefix("/") && request.headers.count <= limits.headerCount)
        precondition(request.body.count == Int(request.header("content-length") ?? "0"))
        let again = try HTTPRequestParser.parse(Array(bytes[0..<consumed]), limits: limits)
        precondition(again?.request == request && again?.consumed == consumed)
        if let shorter = try? HTTPRequestParser.parse(Array(bytes[0..<(consumed - 1)]), limits: limits) { precondition(shorter == nil) }
    } catch let error as HTTPRequestError {
        precondition(statuses.contains(error.status), "unexpected status \(error.status)")
    } catch {
        preconditionFailure("not an HTTPRequestError: \(error)")
    }
    return 0
}

@_cdecl("FuzzHTTPRequest_main")
func harnessMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzHTTPRequest($0, $1) }
}
