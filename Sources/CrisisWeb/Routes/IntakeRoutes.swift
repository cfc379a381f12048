import CrisisApp
import CrisisDomain
import Foundation
import HTTPTypes
import Hummingbird

/// Intake from social listening (issue 12): `POST /api/v1/intake/mentions` takes a signed batch
/// pushed by a listening tool and records it as `crisis_intake`; `/intake` shows the signals
/// with their mentions to a signed-in person, with a Promote button that does what
/// `crisis intake promote` does, as that person.
struct IntakeRoutes: Sendable {
    let site: Site
    /// Nil when `CRISIS_INTAKE_SECRETS` or `CRISIS_INTAKE_PASSWORD_FILE` is not set: batches are refused with 503.
    let intake: (line: IntakeLine, secrets: IntakeSecrets)?

    static let sourceHeader = HTTPField.Name("X-Crisis-Source")
    static let signatureHeader = HTTPField.Name("X-Crisis-Signature")

    init(site: Site) {
        self.site = site
        intake = IntakeLine.configure(site.configuration.database, library: site.configuration.library)
    }

    func register(on router: Router<WebContext>) {
        router.post("/api/v1/intake/mentions") { request, _ in
            do {
                let receipt = try await receive(request)
                return JSONBody.response(receipt, status: receipt.recorded > 0 ? .created : .ok)
            } catch {
                return JSONBody.failure(WebFailure(error))
            }
        }
        router.get("/intake") { request, _ in
            let person: PersonSession
            switch await site.personOrSignIn(request) {
            case .failure(let response): return response
            case .success(let signedIn): person = signedIn
            }
            do {
                let (board, kinds) = try await person.run { handler in
                    let board = try await IntakeDesk(handler: handler).board()
                    let kinds = (try? handler.library.catalog().kinds) ?? []
                    return (board, kinds)
                }
                return site.html("intake", IntakeView(chrome: Chrome(person), board: board, kinds: kinds))
            } catch {
                return site.outcome(person, WebFailure(error))
            }
        }
        router.post("/intake/signals/:signal/promote") { request, context in
            switch await site.postedForm(request) {
            case .failure(let response):
                return response
            case .success(let (person, form)):
                let signal = context.parameters.get("signal") ?? ""
                let kind = form.text("kind") ?? ""
                do {
                    let incident = try await person.run { handler in
                        try await IntakeDesk(handler: handler).promote(signal, kind: kind)
                    }
                    let id = incident.uuidString.lowercased()
                    return site.done(
                        person, heading: "Promoted",
                        "Signal \(signal) is now \(kind) incident \(id.prefix(8)), with its mentions as the incident's posts.",
                        back: "/incidents/\(id)")
                } catch {
                    return site.outcome(person, WebFailure(error), back: "/intake")
                }
            }
        }
    }

    /// Checks a pushed batch (size, source, signature, time, JSON) before anything is recorded.
    private func receive(_ request: Request) async throws -> IntakeReceipt {
        guard let intake else {
            throw WebFailure(
                status: .serviceUnavailable,
                "intake is not configured on this server: set CRISIS_INTAKE_SECRETS and CRISIS_INTAKE_PASSWORD_FILE (docs/web.md); nothing was recorded"
            )
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: FormBody.limit)
        } catch {
            throw WebFailure(
                status: .contentTooLarge,
                "the batch is larger than 1 MB; send it in smaller batches; nothing was recorded")
        }
        let body = Data(buffer.readableBytesView)
        let source = Self.sourceHeader.flatMap { request.headers[$0] } ?? ""
        guard let secret = intake.secrets.secret(for: source) else {
            throw WebFailure(
                status: .unauthorized, rule: "intake.unknown-source",
                "X-Crisis-Source names no source this server has a secret for (\(source.isEmpty ? "none given" : "\"\(source.prefix(100))\"")); nothing was recorded"
            )
        }
        do {
            try IntakeSignature.verify(
                Self.signatureHeader.flatMap { request.headers[$0] }, body: body, secret: secret, now: Date())
        } catch {
            throw WebFailure(status: .unauthorized, rule: "intake.signature", error.sentence)
        }
        let batch = try Self.decode(body)
        if let other = batch.first(where: { $0.source != source }) {
            throw WebFailure(
                status: .badRequest,
                "every mention's source must be the signing source \(source); one says \"\(other.source.prefix(100))\"; nothing was recorded"
            )
        }
        return try await intake.line.record(batch)
    }

    /// A JSON array of mentions, or an object `{"mentions": [...]}`.
    static func decode(_ body: Data) throws -> [Mention] {
        struct Wrapped: Decodable { var mentions: [Mention] }
        let decoder = EventJSON.decoder()
        if let batch = try? decoder.decode([Mention].self, from: body) { return batch }
        if let wrapped = try? decoder.decode(Wrapped.self, from: body) { return wrapped.mentions }
        throw WebFailure(
            status: .badRequest,
            "the body is not a JSON array of mentions {source, platform, url, author, text, posted_at (ISO 8601), reach}; nothing was recorded"
        )
    }
}

/// `/intake`: the signals, newest first, each with its mentions and, while open, a Promote form.
struct IntakeView {
    struct Signal {
        var id: String
        var watch: String
        var raisedAt: String
        var count: Int
        var open: Bool
        var incident: String?
        var incidentShort: String?
        var promotedBy: String?
        var mentions: [IntakeListing.Mention]
    }

    struct Kind {
        var name: String
        var selected: Bool
    }

    var chrome: Chrome
    var signals: [Signal]
    var hasSignals: Bool
    var kinds: [Kind]
    var mentionCount: Int
    var watches: [IntakeBoard.Watch]

    init(chrome: Chrome, board: IntakeBoard, kinds: [String]) {
        self.chrome = chrome
        signals = IntakeListing(board).signals.map {
            Signal(
                id: $0.id, watch: $0.watch, raisedAt: $0.raisedAt, count: $0.mentions.count, open: $0.incident == nil,
                incident: $0.incident, incidentShort: $0.incident.map { String($0.prefix(8)) },
                promotedBy: $0.promotedBy, mentions: $0.mentions)
        }
        hasSignals = !signals.isEmpty
        self.kinds = kinds.map { Kind(name: $0, selected: $0 == "viral-complaint") }
        mentionCount = board.mentions.count
        watches = board.watches
    }
}
