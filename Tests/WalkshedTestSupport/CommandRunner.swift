import Foundation

/// Runs the built `walkshed` binary, the one `swift build`/`swift test` put beside the tests.
public enum CommandRunner {
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The binary: beside the test bundle, else `.build/debug/walkshed`.
    public static var binary: String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("walkshed").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        return RepositoryPaths.root.appendingPathComponent(".build/debug/walkshed").path
    }

    /// Runs `walkshed arguments…` to completion and captures its output.
    public static func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }
}
