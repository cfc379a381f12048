import Foundation

/// What is asked of an incident's publishing freezes (issue 16): during a crisis a scheduled
/// cheerful post from the hospital's account is a second crisis, so its accounts pause.
public enum FreezeCommand: Sendable, Equatable {
    /// `crisis freeze start ID --account PLATFORM:HANDLE... --reason TEXT`.
    case start(accounts: [String], reason: String)
    /// `crisis freeze end ID FREEZE [--handed-over-to WHO] [--reason TEXT]`: the pause ends, or is
    /// handed over (to a team that keeps it outside crisis) with a reason.
    case end(freezeId: String, reason: String?, handedOverTo: String?)
    /// Records what a publishing tool's webhook answered when told of a freeze (crisis itself).
    case recordNotice(FreezeNotified)

    public var name: CommandName {
        switch self {
        case .start: .startFreeze
        case .end: .endFreeze
        case .recordNotice: .recordFreezeNotice
        }
    }

    /// A freeze's notices are recorded after closing too: the end is told after the close.
    public var acceptedAfterClosing: Bool {
        switch self {
        case .recordNotice: true
        case .start, .end: false
        }
    }
}

/// A publishing account as `PLATFORM:HANDLE` (`instagram:stmaryshospital`), compared without case
/// and without a leading `@` on the handle.
public enum PublishingAccount {
    /// The account in its one written form, or nil when `text` is not `PLATFORM:HANDLE`.
    public static func normalised(_ text: String) -> String? {
        let parts = text.trimmingCharacters(in: .whitespaces).lowercased().split(
            separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let platform = parts[0]
        var handle = Substring(parts[1])
        if handle.hasPrefix("@") { handle = handle.dropFirst() }
        guard let first = platform.first, first.isLetter,
            platform.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }),
            !handle.isEmpty, handle.count <= 100,
            handle.allSatisfy({ !$0.isWhitespace && $0 != ":" && $0 != "/" })
        else { return nil }
        return "\(platform):\(handle)"
    }
}
