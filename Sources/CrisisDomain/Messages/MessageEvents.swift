import Foundation

/// Payload of `MessageDrafted`.
public struct MessageDrafted: Sendable, Equatable, Codable {
    public var messageId: String
    public var channel: String
    public var text: String
    public var template: String?

    public init(messageId: String, channel: String, text: String, template: String?) {
        self.messageId = messageId
        self.channel = channel
        self.text = text
        self.template = template
    }
}

/// Payload of `MessageEdited`: the text changed; approvals of earlier text no longer count.
public struct MessageEdited: Sendable, Equatable, Codable {
    public var messageId: String
    public var text: String
    public var revision: Int

    public init(messageId: String, text: String, revision: Int) {
        self.messageId = messageId
        self.text = text
        self.revision = revision
    }
}

/// Payload of `MessageSubmitted` (sent for approval).
public struct MessageSubmitted: Sendable, Equatable, Codable {
    public var messageId: String
    public var revision: Int

    public init(messageId: String, revision: Int) {
        self.messageId = messageId
        self.revision = revision
    }
}

/// Payload of `MessageApproved`: the exact text (by hash and revision) approved in an organisational role.
public struct MessageApproved: Sendable, Equatable, Codable {
    public var messageId: String
    public var role: String
    public var revision: Int
    /// SHA-256 hex of the approved text's UTF-8 bytes.
    public var textSHA256: String
    public var note: String?
    /// True when this approval was the last one the workflow required at the time.
    public var approvalComplete: Bool

    public init(
        messageId: String, role: String, revision: Int, textSHA256: String, note: String?, approvalComplete: Bool
    ) {
        self.messageId = messageId
        self.role = role
        self.revision = revision
        self.textSHA256 = textSHA256
        self.note = note
        self.approvalComplete = approvalComplete
    }
}

/// Payload of `MessageRejected`.
public struct MessageRejected: Sendable, Equatable, Codable {
    public var messageId: String
    public var role: String
    public var revision: Int
    public var reason: String

    public init(messageId: String, role: String, revision: Int, reason: String) {
        self.messageId = messageId
        self.role = role
        self.revision = revision
        self.reason = reason
    }
}

/// Payload of `MessagePublished`.
public struct MessagePublished: Sendable, Equatable, Codable {
    public var messageId: String
    public var url: String
    public var revision: Int
    public var textSHA256: String

    public init(messageId: String, url: String, revision: Int, textSHA256: String) {
        self.messageId = messageId
        self.url = url
        self.revision = revision
        self.textSHA256 = textSHA256
    }
}

/// Payload of `PHIScannerOverridden`: a privacy officer allowed this exact text despite the scanner's findings.
public struct PHIScannerOverridden: Sendable, Equatable, Codable {
    public var textSHA256: String
    public var findings: [String]
    public var reason: String
    /// The ids of the scanner rules overridden, each once; nil in events recorded before rule ids
    /// existed (they still decode; `policy review` counts them as "rule not recorded").
    public var rules: [String]?

    public init(textSHA256: String, findings: [String], reason: String, rules: [String]? = nil) {
        self.textSHA256 = textSHA256
        self.findings = findings
        self.reason = reason
        self.rules = rules
    }
}
