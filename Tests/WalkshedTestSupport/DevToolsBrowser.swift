import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium driven over the Chrome DevTools Protocol (a WebSocket, RFC 6455, on
/// 127.0.0.1): real mouse and key events through the browser's input pipeline, script
/// evaluation to read the page, console errors, screenshots. For pages served by a test's
/// own `walkshed serve`; the browser is stopped by `close()`.
public final class DevToolsBrowser: @unchecked Sendable {
    let process: Process
    let profile: URL
    let socket: Int32
    var nextID = 1
    /// Console errors and uncaught exceptions seen so far.
    public private(set) var consoleErrors: [String] = []

    /// Starts `browser` on `address` in a `width` × `height` window and attaches to the page.
    public init(browser: String, address: String, width: Int = 1400, height: Int = 1000) throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("walkshed-cdp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--hide-scrollbars",
                             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=\(profile.path)",
                             "--window-size=\(width),\(height)", address]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Chromium writes its port and browser path to DevToolsActivePort once it listens.
        let portFile = profile.appendingPathComponent("DevToolsActivePort")
        var port = 0
        for _ in 0..<600 where port == 0 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let p = Int(text.split(separator: "\n").first ?? "") { port = p } else { usleep(50_000) }
        }
        guard port > 0 else { process.terminate(); throw ServerProcessError(message: "Chromium wrote no DevToolsActivePort") }
        var pagePath: String?
        for _ in 0..<200 where pagePath == nil {
            let list = try? HTTPExchange.send(Array("GET /json/list HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8), port: port)
            let targets = (list.flatMap { try? JSONSerialization.jsonObject(with: Data($0.body)) } as? [[String: Any]]) ?? []
            if let ws = targets.first(where: { $0["type"] as? String == "page" })?["webSocketDebuggerUrl"] as? String,
               let range = ws.range(of: "/devtools/") {
                pagePath = String(ws[range.lowerBound...])
            } else { usleep(50_000) }
        }
        guard let pagePath else { process.terminate(); throw ServerProcessError(message: "Chromium showed no page target") }
        socket = try HTTPExchange.connect(port: port, seconds: 60)
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        HTTPExchange.write(socket, Array("GET \(pagePath) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n".utf8))
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !head.suffix(4).elementsEqual([13, 10, 13, 10]) {
            guard recv(socket, &byte, 1, 0) == 1 else { throw ServerProcessError(message: "WebSocket handshake failed") }
            head.append(byte)
        }
        guard String(decoding: head, as: UTF8.self).hasPrefix("HTTP/1.1 101") else { throw ServerProcessError(message: "WebSocket handshake refused") }
        _ = try call("Runtime.enable")
        _ = try call("Page.enable")
    }

    /// Stops the browser and removes its profile.
    public func close() {
        Glibc.close(socket)
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
    }

    /// Sends one command and returns its `result`, noting console errors among the events.
    @discardableResult
    public func call(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        let message = try JSONSerialization.data(withJSONObject: ["id": id, "method": method, "params": params])
        sendFrame([UInt8](message))
        while true {
            let text = try receiveFrame()
            guard let object = (try? JSONSerialization.jsonObject(with: Data(text))) as? [String: Any] else { continue }
            if let event = object["method"] as? String {
                let params = object["params"] as? [String: Any] ?? [:]
                if event == "Runtime.exceptionThrown" { consoleErrors.append("\(params["exceptionDetails"] ?? params)") }
                if event == "Runtime.consoleAPICalled", params["type"] as? String == "error" { consoleErrors.append("\(params["args"] ?? params)") }
                continue
            }
            guard object["id"] as? Int == id else { continue }
            if let error = object["error"] { throw ServerProcessError(message: "\(method): \(error)") }
            return object["result"] as? [String: Any] ?? [:]
        }
    }

    /// The value of a JavaScript expression (JSON-serialisable).
    public func evaluate(_ expression: String) throws -> Any? {
        let result = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] { throw ServerProcessError(message: "\(expression): \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Polls `expression` every 50 ms until it is true, for at most `seconds`.
    public func wait(until expression: String, seconds: Double = 60) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try evaluate(expression) as? Bool == true { return }
            usleep(50_000)
        }
        throw ServerProcessError(message: "timed out waiting for \(expression): status \(String(describing: try? evaluate("document.body.dataset.status")))")
    }

    /// A left click (press and release) at page coordinates `x`, `y` in CSS pixels.
    public func click(x: Double, y: Double) throws {
        try call("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": x, "y": y])
        try call("Input.dispatchMouseEvent", ["type": "mousePressed", "x": x, "y": y, "button": "left", "buttons": 1, "clickCount": 1])
        try call("Input.dispatchMouseEvent", ["type": "mouseReleased", "x": x, "y": y, "button": "left", "buttons": 0, "clickCount": 1])
    }

    /// Presses and releases a key (`"Enter"`, or `"z"` with `modifiers` 2 for Ctrl-Z).
    public func press(key: String, code: String, keyCode: Int, modifiers: Int = 0) throws {
        for type in ["rawKeyDown", "keyUp"] {
            try call("Input.dispatchKeyEvent", ["type": type, "key": key, "code": code, "windowsVirtualKeyCode": keyCode, "modifiers": modifiers])
        }
    }

    /// A PNG of the viewport.
    public func screenshot() throws -> [UInt8] {
        let data = try call("Page.captureScreenshot", ["format": "png"])["data"] as? String ?? ""
        return [UInt8](Data(base64Encoded: data) ?? Data())
    }

    func sendFrame(_ payload: [UInt8]) {
        var frame: [UInt8] = [0x81]
        if payload.count < 126 { frame.append(0x80 | UInt8(payload.count)) } else if payload.count < 65536 {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xff)]
        } else {
            frame.append(0x80 | 127)
            frame += (0..<8).reversed().map { UInt8(truncatingIfNeeded: payload.count >> ($0 * 8)) }
        }
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        HTTPExchange.write(socket, frame)
    }

    /// One whole message (continuation frames joined); pings and other control frames skipped.
    func receiveFrame() throws -> [UInt8] {
        var message: [UInt8] = []
        while true {
            let head = try read(2)
            var length = Int(head[1] & 0x7f)
            if length == 126 { length = try read(2).reduce(0) { $0 << 8 | Int($1) } } else if length == 127 { length = try read(8).reduce(0) { $0 << 8 | Int($1) } }
            let mask = head[1] & 0x80 != 0 ? try read(4) : []
            var payload = try read(length)
            if !mask.isEmpty { payload = payload.enumerated().map { $0.element ^ mask[$0.offset % 4] } }
            let opcode = head[0] & 0x0f
            if opcode >= 8 { if opcode == 8 { throw ServerProcessError(message: "DevTools closed the connection") }; continue }
            message += payload
            if head[0] & 0x80 != 0 { return message }
        }
    }

    func read(_ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = out.withUnsafeMutableBytes { recv(socket, $0.baseAddress! + got, count - got, 0) }
            guard n > 0 else { throw ServerProcessError(message: "DevTools connection ended") }
            got += n
        }
        return out
    }
}
