import Foundation

/// Payload of `PostMortemStarted`: the commander opened the post-mortem.
public struct PostMortemStarted: Sendable, Equatable, Codable {
    public init() {}
}

/// Payload of `PostMortemEntryAdded`: one finding in one section. A correction
/// names the entry it corrects; the corrected entry stays in the record.
public struct PostMortemEntryAdded: Sendable, Equatable, Codable {
    public var entryId: String
    public var section: PostMortemSection
    public var text: String
    public var corrects: String?
    public var reason: String?

    public init(
        entryId: String, section: PostMortemSection, text: String, corrects: String? = nil, reason: String? = nil
    ) {
        self.entryId = entryId
        self.section = section
        self.text = text
        self.corrects = corrects
        self.reason = reason
    }
}

/// Payload of `PostMortemActionAdded`: a follow-up with an owner and a due day.
public struct PostMortemActionAdded: Sendable, Equatable, Codable {
    public var actionId: String
    public var text: String
    public var owner: String
    /// The day it is due, `YYYY-MM-DD` (UTC): overdue from the day after.
    public var due: String

    public init(actionId: String, text: String, owner: String, due: String) {
        self.actionId = actionId
        self.text = text
        self.owner = owner
        self.due = due
    }
}

/// Payload of `PostMortemActionCompleted`.
public struct PostMortemActionCompleted: Sendable, Equatable, Codable {
    public var actionId: String
    public var note: String?

    public init(actionId: String, note: String?) {
        self.actionId = actionId
        self.note = note
    }
}

/// Payload of `PostMortemPublished`: from here on the post-mortem is read-only;
/// what it said is fixed by the hash of its entries and actions.
public struct PostMortemPublished: Sendable, Equatable, Codable {
    public var entries: Int
    public var actions: Int
    public var contentSHA256: String

    public init(entries: Int, actions: Int, contentSHA256: String) {
        self.entries = entries
        self.actions = actions
        self.contentSHA256 = contentSHA256
    }
}
