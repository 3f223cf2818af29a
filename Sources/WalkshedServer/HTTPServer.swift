#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization
import WalkshedFormats

/// Why the server could not start, read like the other errors: `127.0.0.1:8080: error: …`.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// `host:port` as asked for.
    public var address: String
    public var message: String
    public var description: String { "\(address): error: \(message)" }
}

/// An HTTP/1.1 server on POSIX sockets: one request per connection, each connection on a
/// thread of its own so a long request never blocks the others. Bounded everywhere: request
/// size (`HTTPLimits`), time to send a request (`requestSeconds`, 408 past it), and open
/// connections (`maxConnections`, 503 past it).
public final class HTTPServer: Sendable {
    /// The port bound (the one asked for, or the kernel's pick for 0).
    public let port: Int
    public let host: String
    let listener: Int32
    let limits: HTTPLimits
    let maxConnections: Int
    let requestSeconds: Double
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    let openConnections = Atomic<Int>(0)
    let stopping = Atomic<Bool>(false)

    /// Binds `host:port` (an IPv4 address) and listens.
    /// - Throws: `HTTPServerError` naming the address when it cannot be bound.
    public init(host: String, port: Int, limits: HTTPLimits = HTTPLimits(), maxConnections: Int = 32, requestSeconds: Double = 10,
                handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(clamping: port)).bigEndian
        guard (0...65535).contains(port), inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw HTTPServerError(address: "\(host):\(port)", message: "cannot listen: not an IPv4 address and port")
        }
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw HTTPServerError(address: "\(host):\(port)", message: "cannot open a socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw HTTPServerError(address: "\(host):\(port)", message: "cannot listen: \(reason)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        self.host = host
        listener = fd
        self.limits = limits
        self.maxConnections = maxConnections
        self.requestSeconds = requestSeconds
        self.handler = handler
        signal(SIGPIPE, SIG_IGN)
    }

    /// Accepts connections until `stop()`; then waits (up to `requestSeconds` plus the time
    /// of a request being answered) for open connections to finish, and closes the socket.
    public func run() {
        var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        while !stopping.load(ordering: .relaxed) {
            guard poll(&poller, 1, 200) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            if openConnections.load(ordering: .relaxed) >= maxConnections {
                // Answered on the accepting thread without waiting for the client's bytes, so a
                // flood of connections cannot hold the accept loop.
                send(client, HTTPResponse.json(SessionDocuments.error("too many open connections"), status: 503), drain: false)
                close(client)
                continue
            }
            openConnections.add(1, ordering: .relaxed)
            DispatchQueue.global().async { [self] in
                serve(client)
                close(client)
                openConnections.subtract(1, ordering: .relaxed)
            }
        }
        while openConnections.load(ordering: .relaxed) > 0 { usleep(20_000) }
        close(listener)
    }

    /// Makes `run()` return; safe from any thread or a signal source.
    public func stop() { stopping.store(true, ordering: .relaxed) }

    /// Reads one request within the time limit, answers it.
    func serve(_ client: Int32) {
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sendTimeout = timeval(tv_sec: Int(requestSeconds), tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(requestSeconds * 1e9)
        let most = limits.requestLineBytes + limits.headerBytes + limits.bodyBytes + 4
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            do {
                if let (request, _) = try HTTPRequestParser.parse(buffer, limits: limits) {
                    send(client, handler(request))
                    return
                }
            } catch let error as HTTPRequestError {
                send(client, HTTPResponse.json(SessionDocuments.error(error.message), status: error.status))
                return
            } catch {
                return
            }
            if DispatchTime.now().uptimeNanoseconds > deadline || stopping.load(ordering: .relaxed) && buffer.isEmpty {
                if !buffer.isEmpty { send(client, HTTPResponse.json(SessionDocuments.error("request not received in time"), status: 408)) }
                return
            }
            let room = most + 1 - buffer.count   // the parser refuses before the buffer passes `most`
            guard room > 0 else { return }
            let n = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, min($0.count, room), 0) }
            if n == 0 { return }
            if n < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                return
            }
            buffer += chunk[0..<n]
        }
    }

    /// Writes `response` and ends the sending side; with `drain`, then reads what the client
    /// still sends for up to a second, so that closing does not reset the connection before
    /// the client has read the answer (a refused body).
    func send(_ client: Int32, _ response: HTTPResponse, drain: Bool = true) {
        let bytes = response.serialized()
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(client, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
        shutdown(client, Int32(SHUT_WR))
        guard drain else { return }
        var scratch = [UInt8](repeating: 0, count: 16 << 10)
        let until = DispatchTime.now().uptimeNanoseconds + 1_000_000_000
        var drained = 0
        while DispatchTime.now().uptimeNanoseconds < until, drained < 4 << 20 {
            let n = scratch.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            drained += n
        }
    }
}
