import CrisisDomain
import Foundation
import Testing

/// The table of PHI fields (issue 13): what the store seals with each incident's key. A name in
/// it that matches nothing would leave a field in plaintext without anyone noticing.
@Suite("PHI fields of incident events")
struct PHIFieldTests {
    @Test("every event type named in the PHI table exists")
    func typesExist() {
        let known = Set(IncidentEvent.eventTypes)
        #expect(IncidentEvent.phiFields.keys.filter { !known.contains($0) }.sorted() == [])
    }

    @Test("every PHI path names a string field of its event", arguments: EventCodingTests.samples)
    func pathsNameStrings(event: IncidentEvent) throws {
        let object = try JSONSerialization.jsonObject(with: try event.encodedData())
        var strings: Set<String> = []
        Self.collect(object, path: "", into: &strings)
        for path in IncidentEvent.phiFields[event.eventType] ?? []
        where !Self.absentInSamples.contains(event.eventType + "." + path) {
            #expect(strings.contains(path), "\(event.eventType): \(path) is not a string field of the sample")
        }
    }

    @Test("every free-text field a person types is in the PHI table", arguments: EventCodingTests.samples)
    func freeTextIsSealed(event: IncidentEvent) throws {
        let object = try JSONSerialization.jsonObject(with: try event.encodedData())
        var strings: Set<String> = []
        Self.collect(object, path: "", into: &strings)
        let sealed = Set(IncidentEvent.phiFields[event.eventType] ?? [])
        let unsealed = strings.subtracting(sealed).filter {
            !Self.notFreeText.contains($0) && !(Self.notFreeTextOf[event.eventType] ?? []).contains($0)
        }
        #expect(
            unsealed.isEmpty,
            "\(event.eventType) has string fields neither sealed nor known to be no free text: \(unsealed.sorted())")
    }

    /// String fields that are never typed free text: ids, names from a closed set (kinds, roles,
    /// states, actions, platforms, channels, sections), people on the roster, times, hashes.
    static let notFreeText: Set<String> = [
        "incidentId", "kind", "workflow.kind", "workflow.contentHash", "overlays[].name", "overlays[].contentHash",
        "initialState", "posts[].platform", "detectedAt", "discoveredAt", "linkedIncident", "role", "person",
        "action", "from", "to", "otherIncident", "otherKind", "finalState", "command", "rule", "deadlineId", "dueAt",
        "escalatedTo", "messageId", "channel", "template", "textSHA256", "rules[]", "removalId", "platform",
        "capturedAt", "contentSHA256", "factor", "conclusion", "recipient", "notifiedAt", "stateCode", "method",
        "tollFree.number", "tollFree.from", "tollFree.until", "postedUntil", "statement", "statedAt", "until",
        "effectiveAt", "entryId", "section", "corrects", "actionId", "owner", "due",
        "pageId", "recipients[]", "route", "routes[]", "at", "retryAt", "toPageId", "level", "reason.kind",
        "subject", "deadline", "person", "by", "error", "messageIdentifier", "routes[].person", "routes[].route",
        "acknowledgeBy", "cause.kind", "passOnTo[].person", "passOnTo[].route",
        "freezeId", "accounts[]", "trigger", "mayEndIn[]", "change", "handedOverTo", "toldAt",
        // Issue 18: revisions and the breach's circumstances.
        "replaces", "keptMisses[].deadlineId", "keptMisses[].name", "keptMisses[].stateCode",
        "keptMisses[].startedAt", "keptMisses[].dueAt", "keptMisses[].metAt", "breachOn",
    ]

    /// Fields of one event type that are no free text though the same name elsewhere is:
    /// `KeyShredded`'s reason must outlive the key; a page's failure and receipt are the
    /// delivery route's words, its escalation reason a kind.
    static let notFreeTextOf: [String: Set<String>] = [
        "KeyShredded": ["reason"], "PageFailed": ["reason"], "PageEscalated": ["reason"], "PageDelivered": ["receipt"],
        "FreezeNotified": ["answer"],
    ]

    /// PHI fields (event type and path) that are nil in the sample events.
    static let absentInSamples: Set<String> = [
        "ActionTaken.note", "MessageApproved.note", "RemovalConfirmed.detail", "RemovalFailed.detail",
        "RemovalAbandoned.detail", "NotificationRecorded.logEntry", "PostMortemActionCompleted.note",
        "IncidentClosed.note", "NotificationRecorded.delayReason",
    ]

    static func collect(_ value: Any, path: String, into strings: inout Set<String>) {
        switch value {
        case is String: strings.insert(path)
        case let object as [String: Any]:
            for (key, inner) in object { collect(inner, path: path.isEmpty ? key : path + "." + key, into: &strings) }
        case let array as [Any]:
            for inner in array { collect(inner, path: path + "[]", into: &strings) }
        default: break
        }
    }
}
