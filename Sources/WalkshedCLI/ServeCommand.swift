import Dispatch
import Foundation
import Walkshed
import WalkshedFormats
import WalkshedServer

/// `walkshed serve`: loads a city once and serves a local page on which a planner draws
/// parks, paths, crossings, closures and services and sees who gains, edit by edit.
struct ServeCommand: WalkshedCommand {
    static let help = CommandHelp(
        name: "serve",
        abstract: "A local web page to draw parks, paths, crossings, closures and services and see who gains, edit by edit.",
        usage: "walkshed serve <extract> [--port 8080] [--host 127.0.0.1] [--population <file>] [--profile <name>] [--minutes <n>]",
        discussion: """
        Loads the extract and analyses the baseline once, then serves one self-contained page
        (no CDN, no map tiles) and its JSON API at the address it prints, which carries a random
        session token every request needs. Each edit made on the page is applied to the city in
        memory and evaluated by an exact incremental update of the baseline's searches, the same
        computation as walkshed scenario on a file holding the same edits: the page shows the
        change grids and the residents (or cells) gaining and losing access per measure. The
        session downloads as a scenario file (for walkshed scenario or a batch run) and as a
        report. Listens on 127.0.0.1 only, unless --host says otherwise. Ctrl-C or SIGTERM stops it.

        API (every route takes ?token=<token> or the header X-Walkshed-Token):
          GET /api/city              projection, grid, base map, baseline grids and legends
          GET /api/state             edits, change per measure, changed part of each change grid
          POST /api/edits            add one edit (a JSON object of the scenario-file schema)
          PUT /api/edits/<i>         replace edit i;  DELETE /api/edits/<i>  remove it
          POST /api/undo, /api/redo  step back or forward through the changes
          GET /api/grids/<name>.asc  a change grid as walkshed scenario writes it
          GET /api/scenario.json     the edits as a scenario file
          GET /api/report.html       the report of the edits
          POST /api/suggest-parks    {"bbox": [w, s, e, n], "count": 5}: park sites in view (GeoJSON)
        """,
        arguments: [("<extract>", "OpenStreetMap extract (.osm.pbf, .osm) or a network file (.wsn).")],
        options: [
            OptionSpec(name: "--port", valueName: "<n>", help: "TCP port; 0 picks a free one. (default: 8080)"),
            OptionSpec(name: "--host", valueName: "<ipv4>", help: "Address to listen on. (default: 127.0.0.1, this machine only)"),
            OptionSpec(name: "--max-body-kb", valueName: "<n>", help: "Largest request body accepted, in KiB. (default: 1024)"),
            OptionSpec(name: "--max-connections", valueName: "<n>", help: "Open connections at once; more get 503. (default: 32)"),
            OptionSpec(name: "--request-timeout-s", valueName: "<seconds>", help: "Seconds a client has to send its request. (default: 10)"),
            OptionSpec(name: "--name", valueName: "<name>", help: "Scenario name of the session's saved files. (default: session)"),
            OptionSpec(name: "--scenario", valueName: "<s.json>", help: "Start with this scenario file's edits (e.g. suggest's greenway-links.json); undo takes them back."),
            CommonOptions.profile, CommonOptions.minutes, CommonOptions.cell, CommonOptions.snapLimit,
        ] + CityInputOptions.specs + [CommonOptions.threads, CommonOptions.quiet])

    let inputs: CityInputOptions
    let host: String
    let port: Int
    let limits: HTTPLimits
    let maxConnections: Int
    let requestSeconds: Double
    let sessionName: String
    let scenarioPath: String?
    let profile: TravelProfile
    let options: CoverageOptions
    let quiet: Bool

    init(_ arguments: CommandArguments) throws {
        guard arguments.positionals.count == 1 else {
            throw UsageError("expected one <extract>, got \(arguments.positionals.count) arguments")
        }
        inputs = try CityInputOptions(extract: arguments.positionals[0], arguments)
        host = arguments.values["--host"] ?? "127.0.0.1"
        var address = in_addr()
        guard inet_pton(AF_INET, host, &address) == 1 else {
            throw UsageError("option '--host' takes an IPv4 address such as 127.0.0.1 or 0.0.0.0, got '\(host)'")
        }
        guard let p = Int(arguments.values["--port"] ?? "8080"), (0...65535).contains(p) else {
            throw UsageError("option '--port' takes a port number 0…65535, got '\(arguments.values["--port"] ?? "")'")
        }
        port = p
        var limits = HTTPLimits()
        limits.bodyBytes = try arguments.positiveInt("--max-body-kb", default: 1024) * 1024
        self.limits = limits
        maxConnections = try arguments.positiveInt("--max-connections", default: 32)
        requestSeconds = try arguments.positiveDouble("--request-timeout-s", default: 10, in: 0...3_600)
        sessionName = arguments.values["--name"] ?? "session"
        guard !sessionName.isEmpty, sessionName.count <= 100, !sessionName.hasPrefix("."),
              sessionName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw UsageError("option '--name' takes 1…100 letters, digits, '-', '_' or '.' (not first), got '\(sessionName)'")
        }
        scenarioPath = arguments.values["--scenario"]
        profile = try CommonOptions.profiles(arguments, single: true)[0]
        options = try CoverageOptionsParser.grid(arguments)
        quiet = arguments.flags.contains(CommonOptions.quiet.name)
    }

    func run() throws -> Int32 {
        let clock = StageClock(quiet: quiet)
        let opened = try scenarioPath.map { try ScenarioReader.read($0) }
        let loaded = try StudyLoader.load(inputs.request, progress: clock)
        let baseline = try ScenarioBaseline(study: loaded.study, profile: profile, options: options, progress: clock)
        var session: PlanningSession?
        if let opened {
            clock.begin("opening \(opened.name): \(opened.edits.count) edits")
            var start = PlanningSession(baseline: baseline, name: sessionName)
            do { try start.open(opened.edits, progress: clock) } catch let error as ScenarioError {
                throw JSONInputError(path: scenarioPath!, place: "edits[\(error.editIndex)]", message: error.message)
            }
            session = start
        }
        clock.begin("preparing the page")
        let title = ((inputs.request.extract as NSString).lastPathComponent as NSString).deletingPathExtension
            .replacingOccurrences(of: ".osm", with: "")
        let app = ServeApp(baseline: baseline, title: title, token: ServeApp.randomToken(), name: sessionName, session: session)
        let quiet = self.quiet
        let server = try HTTPServer(host: host, port: port, limits: limits, maxConnections: maxConnections,
                                    requestSeconds: requestSeconds) { request in
            let start = DispatchTime.now().uptimeNanoseconds
            let response = app.handle(request)
            if !quiet {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                Terminal.status("walkshed: \(request.method) \(request.path) \(response.status) in \(FixedPoint.format(seconds, decimals: 3)) s")
            }
            return response
        }
        clock.finish()
        if host != "127.0.0.1" {
            Terminal.status("walkshed: warning: listening on \(host): anyone who can reach this machine on port \(server.port) and learns the token can edit the session")
        }
        // Written unbuffered: whoever started the server (a test, a script) reads the address now.
        let address = "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(server.port)/?token=\(app.token)"
        Terminal.output(Array("Serving \(title) at \(address)\nCtrl-C stops the server.\n".utf8))
        let queue = DispatchQueue(label: "walkshed.serve.signals")
        let sources = [SIGINT, SIGTERM].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { server.stop() }
            source.resume()
            return source
        }
        server.run()
        withExtendedLifetime(sources) {}
        Terminal.status("walkshed: server stopped")
        return 0
    }
}
