import Foundation

/// What is asked of an incident's post-mortem: started, written in sections with follow-up
/// actions, corrected by new entries (the original stays), published read-only.
public enum PostMortemCommand: Sendable, Equatable {
    case start
    case addEntry(PostMortemSection, text: String)
    case addAction(text: String, owner: String, due: String)
    /// A correction is a new entry that names the one it corrects; the original stays in the record.
    case correctEntry(entryId: String, text: String, reason: String)
    case completeAction(actionId: String, note: String?)
    case publish

    public var name: CommandName {
        switch self {
        case .start: .startPostMortem
        case .addEntry, .addAction, .correctEntry: .addPostMortem
        case .completeAction: .completePostMortemAction
        case .publish: .publishPostMortem
        }
    }
}
