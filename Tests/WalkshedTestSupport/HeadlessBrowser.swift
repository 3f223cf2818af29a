import Foundation

/// Headless Chromium for the HTML report tests: loads a file with no network, dumps the DOM
/// after the scripts ran, or takes a screenshot. `.ci/run` installs Debian's `chromium`.
public enum HeadlessBrowser {
    /// `$WALKSHED_CHROMIUM`, else the first of the usual Debian and Google paths that exists.
    public static var path: String? {
        let candidates = [ProcessInfo.processInfo.environment["WALKSHED_CHROMIUM"]].compactMap { $0 }
            + ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether a missing browser must fail the test run (on CI) rather than skip the test.
    public static var required: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    public struct Page {
        /// The serialised DOM after the page's scripts ran.
        public var dom: String
        /// Lines the page wrote to the console (`console.*` and uncaught errors).
        public var consoleLines: [String]
    }

    /// Loads `file` (with `fragment` after `#`) and returns the DOM once the page settled (5 s of virtual time).
    public static func load(_ file: String, fragment: String = "", browser: String) throws -> Page {
        let address = URL(fileURLWithPath: file).absoluteString + (fragment.isEmpty ? "" : "#" + fragment)
        let (stdout, stderr) = try run(browser, ["--enable-logging=stderr", "--v=0", "--dump-dom", address])
        let console = stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
        return Page(dom: stdout, consoleLines: console)
    }

    /// A PNG screenshot of `file` in a `width` × `height` window.
    public static func screenshot(_ file: String, browser: String, width: Int = 1400, height: Int = 1000) throws -> [UInt8] {
        let shot = FileManager.default.temporaryDirectory.appendingPathComponent("walkshed-shot-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: shot) }
        _ = try run(browser, ["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(shot.path)", URL(fileURLWithPath: file).absoluteString])
        return [UInt8](try Data(contentsOf: shot))
    }

    static func run(_ browser: String, _ arguments: [String]) throws -> (String, String) {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("walkshed-chromium-\(UUID().uuidString)")
        let errFile = profile.appendingPathExtension("log")
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: profile); try? FileManager.default.removeItem(at: errFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=\(profile.path)", "--virtual-time-budget=5000"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }
}
