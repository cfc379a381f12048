import Foundation

/// The sections a post-mortem entry belongs to.
public enum PostMortemSection: String, Sendable, Equatable, Codable, CaseIterable {
    case whatHappened = "what-happened"
    case wentWell = "went-well"
    case wentBadly = "went-badly"
    case rootCause = "root-cause"

    public var title: String {
        switch self {
        case .whatHappened: "What happened"
        case .wentWell: "What went well"
        case .wentBadly: "What went badly"
        case .rootCause: "Root causes"
        }
    }
}

/// An incident's post-mortem: started, written, published (then read-only),
/// with follow-up actions that are done after publication too.
public struct PostMortem: Sendable, Equatable, Codable {
    /// Where the post-mortem stands.
    public enum Status: String, Sendable, Equatable, Codable {
        case notStarted = "not-started"
        case drafting
        case published
    }

    public var status: Status = .notStarted
    public var startedAt: Date?
    public var startedBy: String?
    public var entries: [PostMortemEntry] = []
    public var actions: [PostMortemAction] = []
    public var publishedAt: Date?
    public var publishedBy: String?
    public var publishedSHA256: String?

    public init() {}

    public var nextEntryId: String { "e\(entries.count + 1)" }
    public var nextActionId: String { "a\(actions.count + 1)" }

    public func entry(_ id: String) -> PostMortemEntry? { entries.first { $0.id == id } }
    public func action(_ id: String) -> PostMortemAction? { actions.first { $0.id == id } }

    /// The entries as they read now: each correction in place of what it corrects.
    public var currentEntries: [PostMortemEntry] {
        let corrected = Dictionary(
            entries.compactMap { entry in entry.corrects.map { ($0, entry) } }, uniquingKeysWith: { _, later in later })
        return entries.filter { $0.corrects == nil }.map { original in
            var current = original
            var seen: Set<String> = [original.id]
            while let next = corrected[current.id], !seen.contains(next.id) {
                seen.insert(next.id)
                current = next
            }
            return current
        }
    }

    /// The root causes as they read now.
    public var rootCauses: [String] {
        currentEntries.filter { $0.section == .rootCause }.map(\.text)
    }

    /// The SHA-256 of the entries and actions, as `publish` fixes it: what was published can be shown unchanged.
    public var contentSHA256: String {
        var lines: [String] = []
        for entry in entries {
            lines.append(
                ["entry", entry.id, entry.section.rawValue, entry.corrects ?? "", entry.text].joined(
                    separator: "\u{1F}"))
        }
        for action in actions {
            lines.append(["action", action.id, action.owner, action.due, action.text].joined(separator: "\u{1F}"))
        }
        return ContentHash.sha256Hex(lines.joined(separator: "\u{1E}"))
    }
}

/// One finding of a post-mortem.
public struct PostMortemEntry: Sendable, Equatable, Codable {
    public var id: String
    public var section: PostMortemSection
    public var text: String
    public var corrects: String?
    public var reason: String?
    public var by: String
    public var at: Date
}

/// A follow-up action of a post-mortem.
public struct PostMortemAction: Sendable, Equatable, Codable {
    public var id: String
    public var text: String
    public var owner: String
    /// `YYYY-MM-DD` (UTC).
    public var due: String
    public var addedBy: String
    public var addedAt: Date
    public var doneAt: Date?
    public var doneBy: String?
    public var doneNote: String?

    public var isDone: Bool { doneAt != nil }

    /// Whether the action is still open after its due day (UTC).
    public func isOverdue(at now: Date) -> Bool {
        !isDone && PostMortemDay.string(from: now) > due
    }
}

/// Days as crisis writes them (post-mortem due days, `--since`): `YYYY-MM-DD`, in UTC.
public enum PostMortemDay {
    private static let style = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()

    /// The UTC day of `date`.
    public static func string(from date: Date) -> String {
        date.formatted(style)
    }

    /// The start (00:00 UTC) of the day `text` names; nil unless it is a real calendar day written `YYYY-MM-DD`.
    public static func start(of text: String) -> Date? {
        guard text.count == 10, let date = try? style.parse(text), string(from: date) == text else { return nil }
        return date
    }

    /// Whether `text` is a real calendar day written `YYYY-MM-DD`.
    public static func isValid(_ text: String) -> Bool { start(of: text) != nil }
}

extension PostMortem {
    /// Folds one post-mortem event in; other events leave it as it was.
    mutating func evolve(_ event: PostMortemEvent, by: String, at: Date) {
        switch event {
        case .recorded: return  // a note of the incident, not a part of this post-mortem
        case .started:
            status = .drafting
            startedAt = at
            startedBy = by
        case .entryAdded(let e):
            entries.append(
                PostMortemEntry(
                    id: e.entryId, section: e.section, text: e.text, corrects: e.corrects, reason: e.reason, by: by,
                    at: at))
        case .actionAdded(let e):
            actions.append(
                PostMortemAction(
                    id: e.actionId, text: e.text, owner: e.owner, due: e.due, addedBy: by, addedAt: at))
        case .actionCompleted(let e):
            guard let index = actions.firstIndex(where: { $0.id == e.actionId }) else { return }
            actions[index].doneAt = at
            actions[index].doneBy = by
            actions[index].doneNote = e.note
        case .published(let e):
            status = .published
            publishedAt = at
            publishedBy = by
            publishedSHA256 = e.contentSHA256
        }
    }
}
