import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `walkshed serve` started for a test on 127.0.0.1 with a free port: its address and
/// token as printed, raw HTTP exchanges with it, and a stop that checks the exit status.
public final class ServerProcess: @unchecked Sendable {
    public let process: Process
    public let port: Int
    public let token: String
    /// The address it printed (`http://127.0.0.1:<port>/?token=…`).
    public let address: String
    let errFile: URL

    /// Starts `walkshed serve <arguments> --port 0` and waits (up to `seconds`) for its address.
    public init(_ arguments: [String], seconds: Double = 120) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        process.arguments = ["serve"] + arguments + ["--port", "0", "--quiet"]
        let out = Pipe()
        errFile = FileManager.default.temporaryDirectory.appendingPathComponent("walkshed-serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(seconds)
        while !text.contains("\n"), Date() < deadline, process.isRunning {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { usleep(50_000) } else { text += String(decoding: data, as: UTF8.self) }
        }
        guard let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]+)"#, options: .regularExpression) else {
            process.terminate()
            throw ServerProcessError(message: "walkshed serve printed no address: \(text) \(Self.read(errFile))")
        }
        address = String(text[range])
        let parts = address.dropFirst("http://127.0.0.1:".count).split(separator: "/")
        port = Int(parts[0])!
        token = String(address.split(separator: "=").last!)
    }

    /// What the server wrote to stderr so far.
    public var stderr: String { Self.read(errFile) }

    static func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    /// Sends SIGTERM (or `signal`) and waits up to 30 s; returns the exit status.
    public func stop(signal: Int32 = SIGTERM) -> Int32 {
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        try? FileManager.default.removeItem(at: errFile)
        return process.terminationStatus
    }

    /// One request with the token header (unless `token` is false); the response.
    public func request(_ method: String, _ path: String, body: String? = nil, token useToken: Bool = true,
                        headers: [String] = []) throws -> HTTPExchange.Response {
        var lines = ["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1:\(port)"] + headers
        if useToken { lines.append("X-Walkshed-Token: \(token)") }
        let bytes = Array((body ?? "").utf8)
        if body != nil || method == "POST" || method == "PUT" { lines.append("Content-Length: \(bytes.count)") }
        return try HTTPExchange.send(Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + bytes, port: port)
    }
}

public struct ServerProcessError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Raw HTTP over a TCP socket to 127.0.0.1: bytes out exactly as given, the response read to
/// the server's close, with a time limit on every step.
public enum HTTPExchange {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
        /// The body as a JSON object (empty when it is not one).
        public var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]) ?? [:] }
    }

    /// A connected socket to 127.0.0.1:`port`, with `seconds` of receive timeout.
    public static func connect(port: Int, seconds: Int = 60) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard result == 0 else { close(fd); throw ServerProcessError(message: "cannot connect to 127.0.0.1:\(port)") }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    public static func write(_ fd: Int32, _ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    /// Reads until the server closes (or the timeout) and parses the response.
    public static func readResponse(_ fd: Int32) throws -> Response {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            data += chunk[0..<n]
        }
        close(fd)
        guard let split = data.indices.first(where: { data[$0...].starts(with: [13, 10, 13, 10]) }) else {
            throw ServerProcessError(message: "no HTTP response (\(data.count) bytes)")
        }
        let head = String(decoding: data[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return Response(status: status, headers: headers, body: Array(data[(split + 4)...]))
    }

    public static func send(_ bytes: [UInt8], port: Int) throws -> Response {
        let fd = try connect(port: port)
        write(fd, bytes)
        return try readResponse(fd)
    }
}
