import Foundation

/// What happened to an incident's public messages, in the past tense.
public enum MessageEvent: Sendable, Equatable {
    case drafted(MessageDrafted)
    case edited(MessageEdited)
    case submitted(MessageSubmitted)
    case approved(MessageApproved)
    case rejected(MessageRejected)
    case published(MessagePublished)
    case phiScannerOverridden(PHIScannerOverridden)

    /// Every message event type name, in declaration order.
    public static let eventTypes = [
        "MessageDrafted", "MessageEdited", "MessageSubmitted", "MessageApproved", "MessageRejected",
        "MessagePublished", "PHIScannerOverridden",
    ]

    public var eventType: String {
        switch self {
        case .drafted: "MessageDrafted"
        case .edited: "MessageEdited"
        case .submitted: "MessageSubmitted"
        case .approved: "MessageApproved"
        case .rejected: "MessageRejected"
        case .published: "MessagePublished"
        case .phiScannerOverridden: "PHIScannerOverridden"
        }
    }

    func encodedData(_ encoder: JSONEncoder) throws -> Data {
        switch self {
        case .drafted(let p): try encoder.encode(p)
        case .edited(let p): try encoder.encode(p)
        case .submitted(let p): try encoder.encode(p)
        case .approved(let p): try encoder.encode(p)
        case .rejected(let p): try encoder.encode(p)
        case .published(let p): try encoder.encode(p)
        case .phiScannerOverridden(let p): try encoder.encode(p)
        }
    }

    /// The event for a stored type name, or nil when the name is not a message event's.
    static func decode(eventType: String, data: Data, _ decoder: JSONDecoder) throws -> MessageEvent? {
        switch eventType {
        case "MessageDrafted": .drafted(try decoder.decode(MessageDrafted.self, from: data))
        case "MessageEdited": .edited(try decoder.decode(MessageEdited.self, from: data))
        case "MessageSubmitted": .submitted(try decoder.decode(MessageSubmitted.self, from: data))
        case "MessageApproved": .approved(try decoder.decode(MessageApproved.self, from: data))
        case "MessageRejected": .rejected(try decoder.decode(MessageRejected.self, from: data))
        case "MessagePublished": .published(try decoder.decode(MessagePublished.self, from: data))
        case "PHIScannerOverridden": .phiScannerOverridden(try decoder.decode(PHIScannerOverridden.self, from: data))
        default: nil
        }
    }

    /// The message the event is about (nil for a scanner override, which is about a text).
    public var messageId: String? {
        switch self {
        case .drafted(let e): e.messageId
        case .edited(let e): e.messageId
        case .submitted(let e): e.messageId
        case .approved(let e): e.messageId
        case .rejected(let e): e.messageId
        case .published(let e): e.messageId
        case .phiScannerOverridden: nil
        }
    }

    /// One line of the timeline.
    public var sentence: String {
        switch self {
        case .drafted(let e):
            "drafted \(e.messageId) for \(e.channel)" + (e.template.map { " from template \($0)" } ?? "")
        case .edited(let e): "edited \(e.messageId) (revision \(e.revision)); earlier approvals no longer count"
        case .submitted(let e): "submitted \(e.messageId) revision \(e.revision) for approval"
        case .approved(let e):
            "approved \(e.messageId) revision \(e.revision) as \(e.role) (text \(e.textSHA256.prefix(12)))"
                + (e.approvalComplete ? "; every required approval given" : "")
        case .rejected(let e): "rejected \(e.messageId) as \(e.role): \(e.reason)"
        case .published(let e): "published \(e.messageId) revision \(e.revision) at \(e.url)"
        case .phiScannerOverridden(let e):
            "overrode the PHI scanner for text \(e.textSHA256.prefix(12)): \(e.reason)"
        }
    }

    /// Folds the event into the incident's messages (and scanner overrides).
    func evolve(_ state: inout IncidentState, by: String, at: Date) {
        func update(_ id: String, _ change: (inout Message) -> Void) {
            guard let index = state.messages.firstIndex(where: { $0.id == id }) else { return }
            change(&state.messages[index])
        }
        switch self {
        case .drafted(let e):
            state.messages.append(
                Message(
                    id: e.messageId, channel: e.channel, text: e.text, revision: 1, template: e.template, author: by,
                    authors: [by], draftedAt: at, status: .draft, submittedAt: nil, approvals: [],
                    voidedApprovals: [], rejections: []))
        case .edited(let e):
            update(e.messageId) { message in
                message.text = e.text
                message.revision = e.revision
                if !message.authors.contains(by) { message.authors.append(by) }
                message.voidedApprovals += message.approvals
                message.approvals = []
                message.status = .draft
            }
        case .submitted(let e):
            update(e.messageId) { message in
                message.status = .submitted
                message.submittedAt = at
                message.submissions.append(MessageSubmission(revision: e.revision, at: at))
            }
        case .approved(let e):
            update(e.messageId) { message in
                message.approvals.append(
                    Approval(
                        role: e.role, by: by, at: at, revision: e.revision, textSHA256: e.textSHA256, note: e.note))
                if e.approvalComplete { message.status = .approved }
            }
        case .rejected(let e):
            update(e.messageId) { message in
                message.rejections.append(
                    Rejection(role: e.role, by: by, at: at, revision: e.revision, reason: e.reason))
                message.status = .rejected
            }
        case .published(let e):
            update(e.messageId) { message in
                message.status = .published
                message.publishedURL = e.url
                message.publishedAt = at
                message.publishedBy = by
            }
        case .phiScannerOverridden(let e):
            state.phiOverrides.append(
                PHIOverride(
                    textSHA256: e.textSHA256, findings: e.findings, reason: e.reason, by: by, at: at, rules: e.rules))
        }
    }
}
