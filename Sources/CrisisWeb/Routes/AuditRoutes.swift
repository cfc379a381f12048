import CrisisApp
import CrisisDomain
import CrisisStore
import Foundation
import Hummingbird

/// `/audit/ID`: the incident replayed as of a chosen time, whether its hash chain verifies,
/// and downloads of the JSONL, CSV and HTML exports. Each replay and each export is recorded
/// in the access log, as `crisis audit replay` and `crisis audit export` record theirs; who
/// may read what is the database's decision, as on the CLI.
struct AuditRoutes: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        router.get("/audit/:id") { request, context in
            let person: PersonSession
            switch await site.personOrSignIn(request) {
            case .failure(let response): return response
            case .success(let signedIn): person = signedIn
            }
            let reference = context.parameters.get("id") ?? ""
            let asOf = request.uri.queryParameters["asOf"].map(String.init)?.trimmingCharacters(in: .whitespaces)
            do {
                let moment = try Self.moment(asOf)
                var view = try await person.run { handler in
                    let stream = try await IncidentReference.resolve(reference, in: handler.database)
                    try await AccessLog(database: handler.database).record(
                        "replay", subject: stream.rawValue, detail: ["moment": "\(moment)", "via": "web"])
                    let replayed = try await AuditReplay(handler: handler).replay(stream, at: moment, keepHistory: true)
                    let chain = try await ChainVerification(database: handler.database).run(stream: stream)
                    return AuditView(replayed, chain: chain, asOf: asOf ?? "")
                }
                view.chrome = Chrome(person)
                return site.html("audit", view)
            } catch {
                return site.outcome(person, WebFailure(error), back: "/audit/\(reference)")
            }
        }
        router.get("/audit/:id/export/:format") { request, context in
            let person: PersonSession
            switch await site.personOrSignIn(request) {
            case .failure(let response): return response
            case .success(let signedIn): person = signedIn
            }
            let reference = context.parameters.get("id") ?? ""
            guard let format = Export(rawValue: context.parameters.get("format") ?? "") else {
                return site.outcome(
                    person, WebFailure(status: .notFound, "exports are jsonl, csv or html"), back: "/audit/\(reference)"
                )
            }
            do {
                return try await export(format, of: reference, by: person)
            } catch {
                return site.outcome(person, WebFailure(error), back: "/audit/\(reference)")
            }
        }
    }

    enum Export: String, Sendable {
        case jsonl, csv, html

        var contentType: String {
            switch self {
            case .jsonl: "application/x-ndjson; charset=utf-8"
            case .csv: "text/csv; charset=utf-8"
            case .html: "text/html; charset=utf-8"
            }
        }
    }

    /// Writes the export as the CLI does (to a private temporary file, then sent and removed).
    private func export(_ format: Export, of reference: String, by person: PersonSession) async throws -> Response {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crisis-export-\(UUID())")
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("export.\(format.rawValue)").path
        let id = try await person.run { handler in
            let stream = try await IncidentReference.resolve(reference, in: handler.database)
            try await AccessLog(database: handler.database).record(
                "export", subject: stream.rawValue, detail: ["format": format.rawValue, "via": "web"])
            switch format {
            case .jsonl, .csv:
                // The JSONL ends with the breach-notification protocol's answers, as the CLI's does.
                let summary =
                    format == .jsonl ? try await EventExport.protocolLine(of: stream, handler: handler) : nil
                _ = try await EventExport(store: handler.database.store, keys: handler.database.keys).write(
                    stream, format: format == .csv ? .csv : .jsonl, to: file, summary: summary)
            case .html:
                let chain = try await ChainVerification(database: handler.database).run(stream: stream)
                let verification = HTMLReport.Verification(
                    intact: chain.isIntact,
                    summary: chain.firstProblem.map { "\($0)" }
                        ?? "\(chain.eventsChecked) events; the hash chain verifies", seal: nil)
                try await HTMLReport(handler: handler).write(stream, verification: verification, to: file)
            }
            return stream.rawValue.replacingOccurrences(of: "incident-", with: "")
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        var headers: HTTPFields = [.contentType: format.contentType, .cacheControl: "no-store"]
        headers[.contentDisposition] = "attachment; filename=\"incident-\(id.prefix(8)).\(format.rawValue)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `asOf` as the CLI's `--as-of` takes it; empty: now.
    static func moment(_ asOf: String?) throws -> ReplayMoment {
        guard let asOf, !asOf.isEmpty else { return .now }
        guard let micros = AuditTime.parseMicroseconds(asOf) else {
            throw WebFailure(
                status: .badRequest,
                "the time must be ISO 8601 with an offset, e.g. 2026-11-23T09:30:00-05:00 or 2026-11-23T14:30:00Z")
        }
        return .asOf(microseconds: micros)
    }
}

struct AuditView: Sendable {
    var chrome = Chrome(nil)
    var id: String
    var short: String
    var title: String
    var asOf: String
    var asOfShown: String
    var lastPosition: Int64
    var version: Int64
    var state: String
    var lifecycle: String
    var intact: Bool
    var verification: String
    var messages: [IncidentMessage]
    var deadlines: [IncidentDeadline]
    var timeline: [TimelineLine]

    init(_ replayed: AuditReplay.Result, chain: ChainVerifier.Report, asOf: String) {
        let incident = replayed.incident
        id = incident.id
        short = String(incident.id.prefix(8))
        title = incident.state.title
        self.asOf = asOf
        asOfShown = WebTime.utc(replayed.asOf)
        lastPosition = replayed.lastPosition
        version = incident.version
        state = incident.state.currentState
        lifecycle = incident.state.lifecycle.rawValue
        intact = chain.isIntact
        verification =
            chain.firstProblem.map { "The hash chain does NOT verify: \($0)" }
            ?? "The hash chain verifies: \(chain.eventsChecked) events checked."
        messages = incident.state.messages.map { IncidentMessage($0, incident: incident.id, open: false) }
        deadlines =
            incident.definition.map {
                CrisisDomain.deadlines(incident.state, $0, now: replayed.asOf).map {
                    IncidentDeadline($0, now: replayed.asOf)
                }
            } ?? []
        timeline = incident.history.map { TimelineLine($0) }
    }
}
