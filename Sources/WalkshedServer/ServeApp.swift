import Foundation
import Synchronization
import Walkshed
import WalkshedFormats

/// The routes of `walkshed serve` over one planning session: the page, and a JSON API that
/// calls the application layer (`PlanningSession`, `Study.suggestParks`) and answers with
/// `SessionDocuments`. Every route needs the session token (`?token=` or the
/// `X-Walkshed-Token` header; 403 without it). Changes run one at a time; reads are served
/// alongside from the state the last change left.
public final class ServeApp: Sendable {
    public let token: String
    let session: Mutex<PlanningSession>
    let published: Mutex<Published>
    let cityDocument: [UInt8]
    let page: [UInt8]

    /// What readers see: the state document and the session it describes.
    struct Published: Sendable {
        var version: Int
        var state: [UInt8]
        var session: PlanningSession
    }

    /// - Parameter session: the session to start from (one with a scenario file opened in it);
    ///   a new, empty one of `name` when nil.
    public init(baseline: ScenarioBaseline, title: String, token: String, name: String = "session", session initial: PlanningSession? = nil) {
        self.token = token
        let start = initial ?? PlanningSession(baseline: baseline, name: name)
        session = Mutex(start)
        published = Mutex(Published(version: 0, state: SessionDocuments.state(start, version: 0).bytes, session: start))
        cityDocument = SessionDocuments.city(baseline, title: title).bytes
        page = Array(EditorPage.html(title: title).utf8)
    }

    /// A random token of 32 hex digits (128 bits from the system's generator).
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator)) }.joined()
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        guard authorised(request) else {
            return .json(SessionDocuments.error("missing or wrong session token: open the address walkshed serve printed"), status: 403)
        }
        let path = request.path, method = request.method
        var route = path, argument = ""
        for prefix in ["/api/edits/", "/api/grids/"] where path.hasPrefix(prefix) && path.count > prefix.count {
            route = prefix + "*"
            argument = String(path.dropFirst(prefix.count))
        }
        guard let methods = Self.routes[route] else { return notFound(request) }
        guard methods.contains(method) else {
            return HTTPResponse(status: 405, contentType: "application/json; charset=utf-8",
                                body: Array(SessionDocuments.error("method \(method) not allowed on \(path)").utf8),
                                headers: [("Allow", methods.sorted().joined(separator: ", "))])
        }
        switch (method, route) {
        case ("GET", "/"):
            return HTTPResponse(status: 200, contentType: "text/html; charset=utf-8", body: page,
                                headers: [("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                                           + "img-src data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'")])
        case ("GET", "/api/city"):
            return .json(cityDocument)
        case ("GET", "/api/state"):
            return .json(published.withLock { $0.state })
        case ("POST", "/api/edits"):
            return change(request) { .add($0!) }
        case ("PUT", "/api/edits/*"):
            guard let k = Int(argument) else { return notFound(request) }
            return change(request) { .replace(index: k, with: $0!) }
        case ("DELETE", "/api/edits/*"):
            guard let k = Int(argument) else { return notFound(request) }
            return change(request, body: false) { _ in .remove(index: k) }
        case ("POST", "/api/undo"):
            return step { try $0.undo(progress: SilentProgress()) }
        case ("POST", "/api/redo"):
            return step { try $0.redo(progress: SilentProgress()) }
        case ("GET", "/api/scenario.json"):
            let scenario = published.withLock { $0.session.scenario }
            return HTTPResponse(status: 200, contentType: "application/json; charset=utf-8", body: Array(ScenarioWriter.text(scenario).utf8),
                                headers: [("Content-Disposition", "attachment; filename=\"\(scenario.name).json\"")])
        case ("GET", "/api/report.html"):
            return report()
        case ("GET", "/api/grids/*"):
            guard argument.hasSuffix(".asc") else { return notFound(request) }
            return grid(named: String(argument.dropLast(4)))
        default:   // POST /api/suggest-parks
            return suggestParks(request)
        }
    }

    /// Each route and the methods it answers; `*` is one path segment.
    static let routes: [String: Set<String>] = [
        "/": ["GET"], "/api/city": ["GET"], "/api/state": ["GET"], "/api/edits": ["POST"], "/api/edits/*": ["PUT", "DELETE"],
        "/api/undo": ["POST"], "/api/redo": ["POST"], "/api/scenario.json": ["GET"], "/api/report.html": ["GET"],
        "/api/grids/*": ["GET"], "/api/suggest-parks": ["POST"],
    ]

    func notFound(_ request: HTTPRequest) -> HTTPResponse {
        .json(SessionDocuments.error("no route \(request.path)"), status: 404)
    }

    /// Token from the query or the header, compared in time independent of where it differs.
    func authorised(_ request: HTTPRequest) -> Bool {
        guard let given = request.header("x-walkshed-token") ?? request.query["token"] else { return false }
        let a = Array(given.utf8), b = Array(token.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Reads the body as one edit (when `body`), applies the change, publishes the new state.
    func change(_ request: HTTPRequest, body: Bool = true, _ make: (ScenarioEdit?) -> PlanningSession.Change) -> HTTPResponse {
        var edit: ScenarioEdit?
        if body {
            do { edit = try ScenarioReader.readEdit(bytes: request.body, name: "request body") } catch let error as JSONInputError {
                return .json(SessionDocuments.error(error.message, path: error.place), status: 422)
            } catch {
                return .json(SessionDocuments.error("\(error)"), status: 422)
            }
        }
        return step { session in
            try session.apply(make(edit), progress: SilentProgress())
            return true
        }
    }

    /// Runs one change under the session lock, then publishes; 409 when undo or redo has
    /// nothing to do, 422 when an edit cannot apply (with its place).
    func step(_ body: (inout PlanningSession) throws -> Bool) -> HTTPResponse {
        session.withLock { session in
            do {
                guard try body(&session) else { return .json(SessionDocuments.error("nothing to undo or redo"), status: 409) }
            } catch let error as ScenarioError {
                return .json(SessionDocuments.error(error.message, path: "edits[\(error.editIndex)]"), status: 422)
            } catch {
                return .json(SessionDocuments.error("\(error)"), status: 500)
            }
            // Only changes (serialised by the session lock) move the version, so the document can
            // be made before readers are held, for as long as the swap takes.
            let snapshot = session, version = published.withLock { $0.version } + 1
            let state = SessionDocuments.state(snapshot, version: version).bytes
            published.withLock { $0 = Published(version: version, state: state, session: snapshot) }
            return .json(state)
        }
    }

    /// A change grid of the current edits as its `.asc` file from `walkshed scenario` holds it.
    func grid(named name: String) -> HTTPResponse {
        let session = published.withLock { $0.session }
        guard let outcome = session.outcome else { return .json(SessionDocuments.error("no edits yet, so no change grids"), status: 404) }
        guard let layer = outcome.differenceLayers.first(where: { $0.name == name }) else {
            return .json(SessionDocuments.error("no grid '\(name)'; one of \(outcome.differenceLayers.map(\.name).joined(separator: ", "))"), status: 404)
        }
        return HTTPResponse(status: 200, contentType: "text/plain; charset=utf-8",
                            body: AsciiGridWriter.text(layer, grid: session.baseline.grid).bytes)
    }

    /// The report `walkshed scenario --report` writes for the current edits.
    func report() -> HTTPResponse {
        let session = published.withLock { $0.session }
        guard let outcome = session.outcome else { return .json(SessionDocuments.error("no edits yet, so nothing to report"), status: 404) }
        let city = session.baseline.study.city
        var report = ScenarioReport(outcome, file: "\(session.name).json", budgetMinutes: session.baseline.options.budgetMinutes, before: city.graph)
        report.populationSource = PopulationSource.name(session.baseline.study.residents)
        do {
            let content = try ReportContent.scenarios([(report, outcome.differenceLayers, MapLayers.changes(outcome.applied, from: city))],
                                                      grid: session.baseline.grid, baseMap: MapLayers.of(city))
            return HTTPResponse(status: 200, contentType: "text/html; charset=utf-8",
                                body: HTMLReport.html(content, generator: "Walkshed \(WalkshedVersion.current)").bytes,
                                headers: [("Content-Disposition", "attachment; filename=\"\(session.name)-report.html\"")])
        } catch {
            return .json(SessionDocuments.error("\(error)"), status: 500)
        }
    }

    /// `{"bbox": [west, south, east, north], "count": n}` in longitude/latitude: parks picked
    /// among 0.5 ha squares whose centres lie in the box, on the city as the edits leave it.
    func suggestParks(_ request: HTTPRequest) -> HTTPResponse {
        let fail = { (place: String, message: String) in HTTPResponse.json(SessionDocuments.error(message, path: place), status: 422) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] else {
            return fail("", "expected a JSON object")
        }
        guard let box = object["bbox"] as? [Double], box.count == 4, box[0] < box[2], box[1] < box[3],
              box.allSatisfy({ $0.isFinite && abs($0) <= 180 }) else {
            return fail("bbox", "expected [west, south, east, north] in degrees")
        }
        let count = object["count"] as? Int ?? 5
        guard (1...20).contains(count) else { return fail("count", "expected 1…20") }
        let session = published.withLock { $0.session }
        var study = session.baseline.study
        if let outcome = session.outcome { study.city = outcome.applied.city }
        let projection = study.city.projection
        var area = BoundingBox()
        for (lon, lat) in [(box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])] {
            area.add(projection.project(GeoCoordinate(longitude: lon, latitude: lat)))
        }
        var options = ParkSuggestionOptions()
        options.count = count
        options.area = area
        options.budgetMinutes = session.baseline.options.budgetMinutes
        options.snapLimitMetres = session.baseline.options.snapLimitMetres
        options.threads = session.baseline.options.threads
        do {
            let suggestions = try study.suggestParks(profile: session.baseline.profile, options: options, progress: SilentProgress())
            return .json(SuggestionFiles.parks(suggestions, projection: projection).geojson)
        } catch let error as StudyError {
            return fail("", "\(error)")
        } catch {
            return .json(SessionDocuments.error("\(error)"), status: 500)
        }
    }
}
