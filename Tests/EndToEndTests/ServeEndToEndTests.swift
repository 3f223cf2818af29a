import Foundation
import Synchronization
import Testing
import WalkshedTestSupport

private let helsinki = RepositoryPaths.network("helsinki.osm.pbf")
private let kallioPark = #"{"type": "add_park", "name": "Kallio pocket park", "kind": "park", "geometry": {"type": "Polygon", "coordinates": [[[24.9342, 60.1796], [24.9358, 60.1796], [24.9358, 60.1804], [24.9342, 60.1804], [24.9342, 60.1796]]]}}"#
private let greenwayPath = #"{"type": "add_path", "class": "path", "greenway": true, "geometry": {"type": "LineString", "coordinates": [[24.9330, 60.1700], [24.9365, 60.1712], [24.9400, 60.1720]]}}"#
private let kiosk = #"{"type": "add_services", "category": "food", "name": "Greenway kiosk", "points": [[24.9365, 60.1712]]}"#
private let movedPark = #"{"type": "add_park", "name": "Punavuori pocket park", "kind": "playground", "geometry": {"type": "Polygon", "coordinates": [[[24.9350, 60.1662], [24.9364, 60.1662], [24.9364, 60.1669], [24.9350, 60.1669], [24.9350, 60.1662]]]}}"#

/// The change grids the server shows after a sequence of edits (add, add, add, replace,
/// remove) are byte for byte the grids `walkshed scenario` writes for a file holding the
/// same edits, both the file the server saves and one written by hand; the residents gaining
/// per measure agree with scenarios.csv.
@Test func editsOnTheServerEqualWalkshedScenarioByteForByte() throws {
    let server = try ServerProcess([helsinki, "--population", "buildings"])
    defer { #expect(server.stop() == 0) }
    for edit in [kallioPark, greenwayPath, kiosk] { #expect(try server.request("POST", "/api/edits", body: edit).status == 200) }
    #expect(try server.request("PUT", "/api/edits/0", body: movedPark).status == 200)
    let state = try server.request("DELETE", "/api/edits/1")
    #expect(state.status == 200)
    #expect((state.json["edits"] as? [Any])?.count == 2 && state.json["can_undo"] as? Bool == true)

    let saved = try server.request("GET", "/api/scenario.json")
    #expect(saved.status == 200 && saved.headers["content-disposition"] == "attachment; filename=\"session.json\"")
    let byHand = #"{"version": 1, "name": "session", "edits": [\#(movedPark), \#(kiosk)]}"#
    let root = RepositoryPaths.temporaryFolder("serve-vs-scenario")
    for (label, text) in [("saved", saved.text), ("by-hand", byHand)] {
        let file = root.appendingPathComponent("\(label).json").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let out = root.appendingPathComponent("out-\(label)").path
        let run = try CommandRunner.run(["scenario", helsinki, file, "--out", out, "--population", "buildings", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let grids = try FileManager.default.contentsOfDirectory(atPath: "\(out)/session").filter { $0.hasSuffix("_change.asc") }.sorted()
        #expect(grids.count == 10, "nine kinds and categories_within: \(grids)")
        for name in grids {
            let served = try server.request("GET", "/api/grids/\(name)")
            #expect(served.status == 200)
            #expect(served.body == Array(try Data(contentsOf: URL(fileURLWithPath: "\(out)/session/\(name)"))), "\(label): \(name)")
        }
        let csv = try String(contentsOfFile: "\(out)/scenarios.csv", encoding: .utf8)
        let served = state.json["residents"] as? [[String: Any]] ?? []
        #expect(served.count == 10)
        for row in served {
            let measure = row["measure"] as! String
            let fields = csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
                .first { $0.count > 7 && $0[2] == "residents" && $0[3] == measure }
            #expect(fields?[6] == String(format: "%.2f", row["gaining"] as! Double) && fields?[7] == String(format: "%.2f", row["losing"] as! Double),
                    "\(measure): \(fields ?? []) vs \(row)")
        }
    }
    let food = (state.json["residents"] as? [[String: Any]])?.first { $0["measure"] as? String == "food_minutes" }
    #expect((food?["mean_change"] as? Double ?? 0) < 0, "the kiosk brings food nearer: \(food ?? [:])")
}

/// Undo walks back through every change to the baseline exactly (no edits, no change grids,
/// the state of a fresh server but for the version and redo); redo replays to the same grids.
@Test func undoReturnsExactlyToTheBaselineAndRedoReplays() throws {
    let server = try ServerProcess([helsinki])
    defer { #expect(server.stop() == 0) }
    let fresh = try server.request("GET", "/api/state").json
    _ = try server.request("POST", "/api/edits", body: kallioPark)
    _ = try server.request("POST", "/api/edits", body: greenwayPath)
    let twoEdits = try server.request("GET", "/api/grids/park_minutes_change.asc").body
    #expect(try server.request("POST", "/api/undo").status == 200)
    let back = try server.request("POST", "/api/undo").json
    #expect((back["edits"] as? [Any])?.isEmpty == true && back["can_undo"] as? Bool == false && back["can_redo"] as? Bool == true)
    for key in ["changes", "residents", "cells"] { #expect(back[key] is NSNull && fresh[key] is NSNull, "\(key)") }
    #expect((back["grids"] as? [Any])?.isEmpty == true && back["recomputed_nodes"] as? Int == 0)
    #expect(try server.request("GET", "/api/grids/park_minutes_change.asc").status == 404)
    #expect(try server.request("POST", "/api/undo").status == 409)
    _ = try server.request("POST", "/api/redo")
    _ = try server.request("POST", "/api/redo")
    #expect(try server.request("GET", "/api/grids/park_minutes_change.asc").body == twoEdits)
    #expect(try server.request("POST", "/api/redo").status == 409)
}

/// Bad edits answer 422 with the field path, and change nothing.
@Test func badEditsAreRefusedWithTheFieldPath() throws {
    let server = try ServerProcess([helsinki])
    defer { #expect(server.stop() == 0) }
    let missing = try server.request("POST", "/api/edits", body: #"{"type": "add_park", "geometry": {"type": "Polygon"}}"#)
    #expect(missing.status == 422 && missing.json["path"] as? String == "edit.geometry.coordinates" && missing.json["error"] as? String == "required")
    let typo = try server.request("POST", "/api/edits", body: #"{"type": "close_way", "ways": [1]}"#)
    #expect(typo.status == 422 && typo.json["path"] as? String == "edit.type")
    let unknownWay = try server.request("POST", "/api/edits", body: #"{"type": "close_ways", "ways": [1]}"#)
    #expect(unknownWay.status == 422 && unknownWay.json["path"] as? String == "edits[0]"
            && unknownWay.json["error"] as? String == "way 1 is not part of the walk network")
    let notJSON = try server.request("POST", "/api/edits", body: "{nope")
    #expect(notJSON.status == 422)
    #expect(try server.request("DELETE", "/api/edits/3").status == 422)
    #expect((try server.request("GET", "/api/state").json["edits"] as? [Any])?.isEmpty == true)
}

/// Every route needs the token; only the server's own routes exist; methods are checked.
@Test func theTokenIsRequiredAndOnlyOwnRoutesAnswer() throws {
    let server = try ServerProcess([helsinki])
    defer { #expect(server.stop() == 0) }
    #expect(try server.request("GET", "/api/state", token: false).status == 403)
    #expect(try server.request("GET", "/", token: false).status == 403)
    #expect(try server.request("GET", "/api/state", token: false, headers: ["X-Walkshed-Token: 0123"]).status == 403)
    #expect(try server.request("GET", "/api/state?token=\(server.token)", token: false).status == 200)
    let page = try server.request("GET", "/?token=\(server.token)", token: false)
    #expect(page.status == 200 && page.headers["content-type"] == "text/html; charset=utf-8" && page.text.contains("<canvas id=\"map\">"))
    #expect(page.headers["content-security-policy"]?.contains("connect-src 'self'") == true)
    for path in ["/../../etc/passwd", "/api/../../etc/passwd", "/Package.swift", "/api/grids/../../Package.swift", "/api/nothing", "/index.html"] {
        #expect(try server.request("GET", path).status == 404, "\(path)")
    }
    let wrongMethod = try server.request("DELETE", "/api/city")
    #expect(wrongMethod.status == 405 && wrongMethod.headers["allow"] == "GET")
}

/// Requests past a limit get their status: 413 body, 414 request line, 431 header fields,
/// 501 chunked bodies, 400 smuggling shapes, 408 a client too slow to send its request.
@Test func oversizedSlowAndMalformedRequestsAreRefused() throws {
    let server = try ServerProcess([helsinki, "--max-body-kb", "1", "--request-timeout", "1"])
    defer { #expect(server.stop() == 0) }
    #expect(try server.request("POST", "/api/edits", body: String(repeating: " ", count: 1025) + kallioPark).status == 413)
    #expect(try server.request("GET", "/api/state?" + String(repeating: "a", count: 9000)).status == 414)
    #expect(try server.request("GET", "/api/state", headers: (0..<101).map { "X-\($0): 1" }).status == 431)
    #expect(try server.request("POST", "/api/edits", headers: ["Transfer-Encoding: chunked"]).status == 501)
    #expect(try server.request("GET", "/api/state", headers: ["Content-Length: 1", "Content-Length: 2"]).status == 400)
    #expect(try server.request("GET", "/api/state", headers: ["Bad : header"]).status == 400)
    let slow = try HTTPExchange.connect(port: server.port)
    HTTPExchange.write(slow, Array("GET /api/state HTTP/1.1\r\nHost: x\r\n".utf8))
    #expect(try HTTPExchange.readResponse(slow).status == 408)
    #expect(try server.request("GET", "/api/state").status == 200, "still serving after refusals")
}

/// Past `--max-connections` open connections a new one is answered 503 at once.
@Test func connectionsPastTheCapGet503() throws {
    let server = try ServerProcess([helsinki, "--max-connections", "1", "--request-timeout", "5"])
    defer { #expect(server.stop() == 0) }
    let idle = try HTTPExchange.connect(port: server.port)
    HTTPExchange.write(idle, Array("GET /api/state HTTP/1.1\r\n".utf8))
    usleep(300_000)
    #expect(try server.request("GET", "/api/state").status == 503)
    HTTPExchange.write(idle, Array("X-Walkshed-Token: \(server.token)\r\n\r\n".utf8))
    #expect(try HTTPExchange.readResponse(idle).status == 200)
}

/// Loopback unless told: the listening socket is 127.0.0.1 (from /proc/net/tcp); another
/// host prints a warning; a port in use and a host that is not an IPv4 address are clear
/// errors; SIGINT and SIGTERM both stop the server with status 0.
@Test func bindsToLoopbackByDefaultAndStopsCleanlyOnSignals() throws {
    let server = try ServerProcess([helsinki])
    let table = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
    let local = String(format: "0100007F:%04X", server.port)
    #expect(table.split(separator: "\n").contains { $0.contains(" \(local) 00000000:0000 0A ") }, "listening on 127.0.0.1:\(server.port)")
    let taken = try CommandRunner.run(["serve", helsinki, "--port", String(server.port), "--quiet"])
    #expect(taken.status == 1 && taken.stderr.contains("127.0.0.1:\(server.port): error: cannot listen: Address already in use"), "\(taken.stderr)")
    let named = try CommandRunner.run(["serve", helsinki, "--host", "localhost"])
    #expect(named.status == 64 && named.stderr.contains("option '--host' takes an IPv4 address"), "\(named.stderr)")
    #expect(server.stop(signal: SIGINT) == 0)
    let open = try ServerProcess([helsinki, "--host", "0.0.0.0"])
    usleep(200_000)
    #expect(open.stderr.contains("warning: listening on 0.0.0.0"), "\(open.stderr)")
    #expect(open.stop(signal: SIGTERM) == 0)
}

/// Changes run one at a time and reads see whole states: 8 clients adding edits at once and 8
/// reading alongside; every edit lands (8 edits, versions 1…8 each answered once), and every
/// state read, at whatever moment, has as many edits as its version.
@Test func concurrentEditsAreSerialisedAndReadsSeeWholeStates() throws {
    let server = try ServerProcess([helsinki])
    defer { #expect(server.stop() == 0) }
    let baseline = try server.request("GET", "/api/city").json
    #expect((baseline["summary"] as? [String: Any])?["cells"] is [Any], "the city document carries the baseline's shares")
    struct Seen: Sendable { var versions: [Int] = [], reads: [(version: Int, edits: Int)] = [], failures: [String] = [] }
    let seen = Mutex(Seen())
    DispatchQueue.concurrentPerform(iterations: 16) { k in
        do {
            if k % 2 == 0 {
                let lon = 24.936 + Double(k) * 0.0005
                let edit = #"{"type": "add_services", "category": "food", "name": "Stall \#(k)", "points": [[\#(lon), 60.168]]}"#
                let response = try server.request("POST", "/api/edits", body: edit)
                let version = response.json["version"] as? Int
                seen.withLock { if response.status == 200, let version { $0.versions.append(version) } else { $0.failures.append("\(response.status)") } }
            } else {
                for _ in 0..<3 {
                    let state = try server.request("GET", "/api/state").json
                    let read = (state["version"] as? Int ?? -1, (state["edits"] as? [Any])?.count ?? -1)
                    seen.withLock { $0.reads.append(read) }
                }
            }
        } catch { seen.withLock { $0.failures.append("\(error)") } }
    }
    let result = seen.withLock { $0 }
    #expect(result.failures.isEmpty, "\(result.failures)")
    #expect(result.versions.sorted() == Array(1...8))
    #expect(result.reads.count == 24 && result.reads.allSatisfy { $0.version == $0.edits }, "\(result.reads)")
    #expect((try server.request("GET", "/api/state").json["edits"] as? [Any])?.count == 8)
}

/// `--scenario` opens a scenario file into the session (here the pocket parks; the same way
/// the greenway links `suggest` writes): its edits are the session's, saved back as the same
/// edits, and one undo takes them all back.
@Test func aScenarioFileOpensIntoTheSession() throws {
    let file = RepositoryPaths.network("scenarios/helsinki-pocket-parks.json")
    let server = try ServerProcess([helsinki, "--scenario", file])
    defer { #expect(server.stop() == 0) }
    let state = try server.request("GET", "/api/state").json
    #expect((state["edits"] as? [Any])?.count == 2 && state["can_undo"] as? Bool == true)
    #expect(try server.request("GET", "/api/grids/park_minutes_change.asc").status == 200)
    func edits(_ data: Data) throws -> [NSDictionary] {
        ((try JSONSerialization.jsonObject(with: data) as! [String: Any])["edits"] as! [[String: Any]]).map { NSDictionary(dictionary: $0) }
    }
    let saved = try edits(Data(server.request("GET", "/api/scenario.json").body))
    let original = try edits(Data(contentsOf: URL(fileURLWithPath: file)))
    #expect(saved == original)
    let back = try server.request("POST", "/api/undo").json
    #expect((back["edits"] as? [Any])?.isEmpty == true)
}
