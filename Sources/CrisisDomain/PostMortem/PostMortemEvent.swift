import Foundation

/// What happened to an incident's post-mortem, in the past tense.
public enum PostMortemEvent: Sendable, Equatable {
    /// Written before post-mortems had sections; still read, no longer written.
    case recorded(NoteAdded)
    case started(PostMortemStarted)
    case entryAdded(PostMortemEntryAdded)
    case actionAdded(PostMortemActionAdded)
    case actionCompleted(PostMortemActionCompleted)
    case published(PostMortemPublished)

    /// Every post-mortem event type name, in declaration order.
    public static let eventTypes = [
        "PostMortemRecorded", "PostMortemStarted", "PostMortemEntryAdded", "PostMortemActionAdded",
        "PostMortemActionCompleted", "PostMortemPublished",
    ]

    public var eventType: String {
        switch self {
        case .recorded: "PostMortemRecorded"
        case .started: "PostMortemStarted"
        case .entryAdded: "PostMortemEntryAdded"
        case .actionAdded: "PostMortemActionAdded"
        case .actionCompleted: "PostMortemActionCompleted"
        case .published: "PostMortemPublished"
        }
    }

    func encodedData(_ encoder: JSONEncoder) throws -> Data {
        switch self {
        case .recorded(let p): try encoder.encode(p)
        case .started(let p): try encoder.encode(p)
        case .entryAdded(let p): try encoder.encode(p)
        case .actionAdded(let p): try encoder.encode(p)
        case .actionCompleted(let p): try encoder.encode(p)
        case .published(let p): try encoder.encode(p)
        }
    }

    /// The event for a stored type name, or nil when the name is not a post-mortem event's.
    static func decode(eventType: String, data: Data, _ decoder: JSONDecoder) throws -> PostMortemEvent? {
        switch eventType {
        case "PostMortemRecorded": .recorded(try decoder.decode(NoteAdded.self, from: data))
        case "PostMortemStarted": .started(try decoder.decode(PostMortemStarted.self, from: data))
        case "PostMortemEntryAdded": .entryAdded(try decoder.decode(PostMortemEntryAdded.self, from: data))
        case "PostMortemActionAdded": .actionAdded(try decoder.decode(PostMortemActionAdded.self, from: data))
        case "PostMortemActionCompleted":
            .actionCompleted(try decoder.decode(PostMortemActionCompleted.self, from: data))
        case "PostMortemPublished": .published(try decoder.decode(PostMortemPublished.self, from: data))
        default: nil
        }
    }

    /// One line of the timeline.
    public var sentence: String {
        switch self {
        case .recorded(let e): "post-mortem: \(e.text)"
        case .started: "started the post-mortem"
        case .entryAdded(let e):
            if let corrected = e.corrects {
                "corrected post-mortem entry \(corrected) with \(e.entryId) (\(e.section.rawValue)): \(e.text)"
                    + (e.reason.map { " — because \($0)" } ?? "")
            } else {
                "added post-mortem entry \(e.entryId) (\(e.section.rawValue)): \(e.text)"
            }
        case .actionAdded(let e):
            "added post-mortem action \(e.actionId) for \(e.owner), due \(e.due): \(e.text)"
        case .actionCompleted(let e):
            "completed post-mortem action \(e.actionId)" + (e.note.map { " — \($0)" } ?? "")
        case .published(let e):
            "published the post-mortem (\(e.entries) entries, \(e.actions) actions, sha256 \(e.contentSHA256.prefix(12))); it is now read-only"
        }
    }

    /// Folds the event into the incident: a post-mortem of the old kind is a note.
    func evolve(_ state: inout IncidentState, by: String, at: Date) {
        switch self {
        case .recorded(let e): state.notes.append(Note(kind: .postMortem, text: e.text, by: by, at: at))
        case .started, .entryAdded, .actionAdded, .actionCompleted, .published:
            state.postMortem.evolve(self, by: by, at: at)
        }
    }
}
