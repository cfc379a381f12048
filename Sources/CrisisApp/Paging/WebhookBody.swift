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
            var severity = "critical"
            var customDetails: [String: String]
        }

        var routingKey: String
        var eventAction = "trigger"
        var dedupKey: String
        var payload: Payload
    }

    static func encode(_ notice: PageNotice, format: ChannelFormat, routingKey: String?, now: Date) throws -> Data {
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
            return try encoder.encode(
                PagerDuty(
                    routingKey: routingKey ?? "", dedupKey: notice.pageId,
                    payload: PagerDuty.Payload(summary: String(notice.subject.prefix(1024)), customDetails: details)))
        }
    }
}
