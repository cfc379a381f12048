import CrisisApp
import CrisisDomain
import Foundation
import Hummingbird

/// `/review`: the policy review (`crisis policy review`) on the server's templates, each kind's
/// response times as a chart of its own (`/review/charts/KIND.svg`), so the page needs no
/// unescaped markup. Who may read it is the database's decision, as on the CLI.
struct ReviewRoutes: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        router.get("/review") { request, _ in
            let person: PersonSession
            switch await site.personOrSignIn(request) {
            case .failure(let response): return response
            case .success(let signedIn): person = signedIn
            }
            let sinceText = request.uri.queryParameters["since"].map(String.init) ?? ""
            let kind = request.uri.queryParameters["kind"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            do {
                let since = try Self.since(sinceText)
                var view = try await person.run { handler in
                    let (review, projections) = try await PolicyReviewSource(handler: handler).review(
                        since: since, kind: kind)
                    return ReviewView(review, projections: projections, since: sinceText)
                }
                view.chrome = Chrome(person)
                return site.html("review", view)
            } catch {
                return site.outcome(person, WebFailure(error), back: "/review")
            }
        }
        router.get("/review/charts/:chart") { request, context in
            guard let person = await site.person(request) else {
                return Response(status: .unauthorized)
            }
            let chart = context.parameters.get("chart") ?? ""
            guard chart.hasSuffix(".svg") else { return Response(status: .notFound) }
            let kind = String(chart.dropLast(".svg".count))
            let since = try? Self.since(request.uri.queryParameters["since"].map(String.init) ?? "")
            do {
                let review = try await person.run { handler in
                    try await PolicyReviewSource(handler: handler).review(since: since ?? nil, kind: kind).0
                }
                guard let found = review.kinds.first(where: { $0.kind == kind }) else {
                    return Response(status: .notFound)
                }
                return Response(
                    status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(string: PolicyReviewHTML.responseTimesSVG(found))))
            } catch {
                return Response(status: WebFailure(error).status)
            }
        }
    }

    /// `since` as the CLI's `--since` takes it: a day YYYY-MM-DD, or an ISO 8601 time; empty: any time.
    static func since(_ text: String) throws -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        if let day = PostMortemDay.start(of: trimmed) { return day }
        let plain = ISO8601DateFormatter()
        if let time = plain.date(from: trimmed) { return time }
        throw WebFailure(
            status: .badRequest, "since takes a day YYYY-MM-DD or an ISO 8601 time, e.g. 2026-11-23T09:30:00-05:00")
    }
}

struct ReviewView: Sendable {
    var chrome = Chrome(nil)
    var since: String
    var drawnUp: String
    var period: String
    var behind: String?
    var empty: Bool
    var kinds: [ReviewKind]
    var recurring: [String]
    var overdue: [String]
    var proposals: [String]

    init(_ review: PolicyReview, projections: ProjectionStatus, since: String) {
        self.since = since
        drawnUp = WebTime.utc(review.generatedAt)
        period = review.since.map { "opened since \(WebTime.utc($0))" } ?? "opened at any time"
        behind =
            projections.isCurrent
            ? nil
            : "The projections are \(projections.eventsBehind) events behind the record; a writer's next command brings them up to date."
        empty = review.kinds.isEmpty
        kinds = review.kinds.map { ReviewKind($0, since: since) }
        recurring = review.rootCauses.filter(\.recurring).map { "\($0.incidents.count) incidents: \($0.text)" }
        overdue = review.overdueActions.map {
            "\($0.incidentId.uuidString.lowercased().prefix(8)) \($0.actionId) \($0.owner), due \($0.due) (\($0.daysOverdue) days overdue): \($0.text)"
        }
        proposals = review.proposals.map {
            "\($0.workflowKind): \($0.change) (\($0.adoptedInVersion.map { "adopted in v\($0)" } ?? $0.status.rawValue))"
        }
    }
}

struct ReviewKind: Sendable {
    var kind: String
    var chart: String
    var counts: String
    var measures: [ReviewMeasure]
    var missed: [String]
    var versions: String

    init(_ kind: PolicyReview.KindReview, since: String) {
        self.kind = kind.kind
        let query =
            since.isEmpty ? "" : "?since=" + (since.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        chart =
            "/review/charts/\(kind.kind.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? kind.kind).svg\(query)"
        counts = "\(kind.incidents) incidents: \(kind.open) open, \(kind.closed) closed"
        measures =
            [
                ReviewMeasure("First approved public response", kind.firstApprovedResponse),
                ReviewMeasure("Legal approval turnaround", kind.legalTurnaround),
            ] + kind.removalByPlatform.map { ReviewMeasure("Removal on \($0.platform)", $0.removal) }
            + kind.pages.map { ReviewMeasure("Page to \($0.role) acknowledged", $0.acknowledged) }
        missed = kind.missedDeadlines.map { missed in
            let to = missed.escalatedTo.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }
            return
                "\(missed.deadlineId) missed \(missed.missed) times; escalated to \(to.isEmpty ? "nobody" : to.joined(separator: ", "))"
        }
        versions = kind.workflowVersions.map { "v\($0.version) (\($0.incidents) incidents)" }.joined(separator: ", ")
    }
}

struct ReviewMeasure: Sendable {
    var label: String
    var count: Int
    var median: String
    var p90: String

    init(_ label: String, _ distribution: Distribution) {
        self.label = label
        count = distribution.count
        median = Self.minutes(distribution.median)
        p90 = Self.minutes(distribution.p90)
    }

    static func minutes(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        let minutes = seconds / 60
        return minutes >= 120 ? String(format: "%.1f h", minutes / 60) : String(format: "%.0f min", minutes)
    }
}
