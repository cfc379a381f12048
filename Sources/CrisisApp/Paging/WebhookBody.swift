import CrisisDomain
import Foundation

/// The JSON body of a webhook page, in the channel's format: crisis's own, Slack's incoming
/// webhook, or PagerDuty Events API v2 (with the page id as `dedup_key`, so a retry after a crash
/// is the same alert).
enum WebhookBody {
    struct Generic: Encodable {
        var pageId: String
        var incident: String
        var kind: String
        var state: String
        var role: String
        var level: Int
        var ask: String
        var dueAt: Date?
        var acknowledge: String
        var drill: Bool
        var text: String
    }

    struct Slack: Encodable {
        var text: String
    }

    struct PagerDuty: Encodable {
        struct Payload: Encodable {
            var summary: String
            var source = "crisis"
            var severity: String
            var customDetails: [String: String]
        }

        var routingKey: String
        var eventAction: String
        var dedupKey: String
        /// Only a `trigger` carries one; `acknowledge` and `resolve` name the alert by `dedup_key`.
        var payload: Payload?
    }

    /// What a body tells the receiver: a page, or that an earlier page was acknowledged (PagerDuty
    /// keeps an alert open until told; the other formats keep nothing open, so they are not told).
    enum Action: String {
        case trigger
        case acknowledge
        /// Closes a test alert at once (`crisis channel test`).
        case resolve
    }

    static func encode(
        _ notice: PageNotice, format: ChannelFormat, routingKey: String?, now: Date, action: Action = .trigger
    ) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        switch format {
        case .generic:
            return try encoder.encode(
                Generic(
                    pageId: notice.pageId, incident: notice.incident, kind: notice.kind, state: notice.state,
                    role: notice.role, level: notice.level, ask: notice.ask, dueAt: notice.dueAt,
                    acknowledge: notice.acknowledge, drill: notice.drill, text: notice.text(now: now)))
        case .slack:
            return try encoder.encode(Slack(text: notice.subject + "\n" + notice.text(now: now)))
        case .pagerduty:
            let details = [
                "incident": notice.incident, "kind": notice.kind, "state": notice.state, "role": notice.role,
                "level": String(notice.level), "acknowledge": notice.acknowledge,
            ]
            // A test page is an `info` alert, so no one is woken by `crisis channel test`.
            let payload = PagerDuty.Payload(
                summary: String(notice.subject.prefix(1024)), severity: notice.kind == "test" ? "info" : "critical",
                customDetails: details)
            return try encoder.encode(
                PagerDuty(
                    routingKey: routingKey ?? "", eventAction: action.rawValue, dedupKey: notice.pageId,
                    payload: action == .trigger ? payload : nil))
        }
    }
}
