import Foundation

/// A drafted public or private message and its road to publication.
public struct Message: Sendable, Equatable, Codable {
    /// Where a message stands.
    public enum Status: String, Sendable, Equatable, Codable {
        case draft
        case submitted
        case approved
        case rejected
        case published
    }

    public var id: String
    public var channel: String
    public var text: String
    /// Increases with every edit; approvals are of one revision.
    public var revision: Int
    public var template: String?
    public var author: String
    /// Everyone who wrote any revision (the author and every editor); none of them may approve it.
    public var authors: [String]
    public var draftedAt: Date
    public var status: Status
    /// When it was last submitted for approval.
    public var submittedAt: Date?
    /// Approvals of the current revision only; an edit voids them.
    public var approvals: [Approval]
    public var voidedApprovals: [Approval]
    public var rejections: [Rejection]
    public var publishedURL: String?
    public var publishedAt: Date?
    public var publishedBy: String?
    /// Every submission for approval, with the revision submitted: what approval turnaround is measured from.
    public var submissions: [MessageSubmission] = []

    /// When `revision` was last submitted at or before `time`.
    public func submittedAt(revision: Int, before time: Date) -> Date? {
        submissions.filter { $0.revision == revision && $0.at <= time }.map(\.at).max()
    }

    /// SHA-256 hex of the current text.
    public var textSHA256: String { ContentHash.sha256Hex(text) }

    /// The organisational roles that have approved the current revision.
    public var approvedRoles: Set<String> { Set(approvals.map(\.role)) }
}

/// One submission of one revision for approval.
public struct MessageSubmission: Sendable, Equatable, Codable {
    public var revision: Int
    public var at: Date
}

/// One approval of one exact revision, in one organisational role.
public struct Approval: Sendable, Equatable, Codable {
    public var role: String
    public var by: String
    public var at: Date
    public var revision: Int
    public var textSHA256: String
    public var note: String?
}

/// A rejection of a revision, with its reason.
public struct Rejection: Sendable, Equatable, Codable {
    public var role: String
    public var by: String
    public var at: Date
    public var revision: Int
    public var reason: String
}
