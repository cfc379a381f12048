import Foundation

/// What is asked of the intake stream.
public enum IntakeCommand: Sendable, Equatable {
    /// A batch pushed by a social-listening tool (`POST /api/v1/intake/mentions`).
    case recordMentions([Mention])
    /// `crisis intake watch add NAME --match TEXT... --threshold N --within D`.
    case addWatch(name: String, match: [String], threshold: Int, withinSeconds: Int)
    /// `crisis intake watch remove NAME`.
    case removeWatch(name: String)
    /// `crisis intake promote SIGNAL --kind K`, recorded once the incident is open.
    case promote(signalId: String, kind: String, incident: UUID)

    /// The command's name in its events' metadata.
    public var name: String {
        switch self {
        case .recordMentions: "record-mentions"
        case .addWatch: "add-watch"
        case .removeWatch: "remove-watch"
        case .promote: "promote-signal"
        }
    }
}

/// The intake stream as a ``Decider`` (issue 12): mentions from social listening, recorded once
/// per source and address; watches that turn a spike into a signal; signals promoted into
/// incidents. Who may do what fails closed: each command names who may issue it, and nobody else may.
public struct IntakeDecider: Decider {
    public typealias Command = IntakeCommand
    public typealias Event = IntakeEvent
    public typealias State = IntakeBoard

    /// The database role `crisis serve` records pushed mentions as, and the only one that may.
    public static let intakeRole = "crisis_intake"
    /// Who keeps the watches and promotes signals.
    public static let watchers = ["commander", "social-media"]
    /// The most mentions one batch may carry.
    public static let batchLimit = 1_000
    /// The longest window a watch may count over: a week.
    public static let longestWindow = 7 * 86_400

    public var actor: Actor
    public var now: Date
    /// The incident kinds a signal may be promoted into (the workflows there are).
    public var kinds: [String]

    public init(actor: Actor, now: Date, kinds: [String]) {
        self.actor = actor
        self.now = now
        self.kinds = kinds
    }

    public static var initial: IntakeBoard { IntakeBoard() }

    public static func evolve(_ state: consuming IntakeBoard, _ recorded: Recorded<IntakeEvent>) -> IntakeBoard {
        state.applying(recorded)
    }

    public func decide(_ command: IntakeCommand, _ board: IntakeBoard) throws(Refusal) -> [IntakeEvent] {
        switch command {
        case .recordMentions(let batch):
            guard actor.databaseRole == Self.intakeRole else {
                throw Refusal(
                    .permissionRole,
                    "\(actor.databaseRole) may not record mentions: only \(Self.intakeRole), the role `crisis serve` records a signed social-listening batch as, may."
                )
            }
            return try record(batch, on: board)
        case .addWatch(let name, let match, let threshold, let within):
            try requireWatcher("keep intake watches")
            try checkWatch(name: name, match: match, threshold: threshold, within: within)
            guard board.watch(name) == nil else {
                throw Refusal(
                    .intakeWatchExists,
                    "There is already a watch named \(name); remove it first or choose another name.")
            }
            return [.watchAdded(WatchAdded(name: name, match: match, threshold: threshold, withinSeconds: within))]
        case .removeWatch(let name):
            try requireWatcher("keep intake watches")
            guard board.watch(name) != nil else {
                throw Refusal(
                    .intakeWatchUnknown, "There is no watch named \(name); `crisis intake watch list` shows them.")
            }
            return [.watchRemoved(WatchRemoved(name: name))]
        case .promote(let id, let kind, let incident):
            try requireWatcher("promote signals")
            guard let signal = board.signal(id) else {
                throw Refusal(.intakeSignalUnknown, "There is no signal \(id); `crisis intake list` shows them.")
            }
            guard kinds.contains(kind) else {
                throw Refusal(
                    .inputUnknownKind,
                    "There is no workflow for the kind \"\(kind)\"; use one of: \(kinds.joined(separator: ", ")).")
            }
            if let promoted = signal.incident {
                // A retry of the same promotion finds it done: nothing more to record.
                if promoted == incident { return [] }
                throw Refusal(
                    .intakeSignalPromoted,
                    "Signal \(id) was already promoted into incident \(promoted.uuidString.lowercased()); work on it there."
                )
            }
            return [.signalPromoted(SignalPromoted(signalId: id, incidentId: incident, kind: kind))]
        }
    }

    private func requireWatcher(_ what: String) throws(Refusal) {
        guard actor.holdsAny(of: Self.watchers) else {
            throw Refusal(
                .permissionRole,
                "\(actor.databaseRole) may not \(what): that is for the commander or social media; ask one of them.")
        }
    }

    private func checkWatch(name: String, match: [String], threshold: Int, within: Int) throws(Refusal) {
        guard !name.isEmpty, name.count <= 64,
            name.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" })
        else {
            throw Refusal(
                .intakeWatchInvalid,
                "A watch's name is lower-case letters, digits and dashes, at most 64 (e.g. parking-complaints); \"\(name)\" is not."
            )
        }
        let texts = match.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard !texts.isEmpty, texts.allSatisfy({ !$0.isEmpty && $0.count <= 200 }) else {
            throw Refusal(
                .intakeWatchInvalid,
                "A watch needs at least one --match text, each not empty and at most 200 characters.")
        }
        guard threshold >= 1 else {
            throw Refusal(.intakeWatchInvalid, "--threshold is how many mentions make a spike: give 1 or more.")
        }
        guard within >= 60, within <= Self.longestWindow else {
            throw Refusal(
                .intakeWatchInvalid, "--within is the window a spike is counted in: give 1m to 7d (e.g. 30m).")
        }
    }

    private func record(_ batch: [Mention], on board: IntakeBoard) throws(Refusal) -> [IntakeEvent] {
        guard !batch.isEmpty, batch.count <= Self.batchLimit else {
            throw Refusal(
                .intakeMentionInvalid,
                "A batch carries 1 to \(Self.batchLimit) mentions; this one carries \(batch.count).")
        }
        for (index, mention) in batch.enumerated() {
            try Self.check(mention, at: index + 1)
        }
        var state = board
        var events: [IntakeEvent] = []
        for mention in batch where state.mention(source: mention.source, url: mention.url) == nil {
            let id = "m\(state.mentionCount + 1)"
            let joined = state.watches.filter { $0.matches(mention) }.compactMap { state.openSignal(of: $0.name)?.id }
            let event = IntakeEvent.mentionRecorded(MentionRecorded(mentionId: id, mention: mention, signals: joined))
            events.append(event)
            state = state.applying(Recorded(event: event, actor: actor.databaseRole, recordedAt: now, version: 0))
        }
        guard !events.isEmpty else { return [] }
        for watch in state.watches where state.openSignal(of: watch.name) == nil {
            guard let spike = Self.spike(of: watch, in: state) else { continue }
            let event = IntakeEvent.signalRaised(
                SignalRaised(signalId: "s\(state.signalCount + 1)", watch: watch.name, mentionIds: spike))
            events.append(event)
            state = state.applying(Recorded(event: event, actor: actor.databaseRole, recordedAt: now, version: 0))
        }
        return events
    }

    /// The mentions making a spike for `watch`: at least `threshold` matching mentions, posted
    /// within `withinSeconds` of one another, that no earlier signal of the watch counted. Nil: no spike.
    static func spike(of watch: IntakeBoard.Watch, in board: IntakeBoard) -> [String]? {
        let counted = Set(board.signals.filter { $0.watch == watch.name }.flatMap(\.mentionIds))
        let matching = board.mentions.filter { !counted.contains($0.id) && watch.matches($0.mention) }
            .sorted { ($0.mention.postedAt, $0.id) < ($1.mention.postedAt, $1.id) }
        guard matching.count >= watch.threshold else { return nil }
        let window = TimeInterval(watch.withinSeconds)
        var start = 0
        for end in matching.indices {
            while matching[end].mention.postedAt.timeIntervalSince(matching[start].mention.postedAt) > window {
                start += 1
            }
            if end - start + 1 >= watch.threshold {
                return matching[start...end].map(\.id)
            }
        }
        return nil
    }

    static func check(_ mention: Mention, at position: Int) throws(Refusal) {
        func refuse(_ what: String) -> Refusal {
            Refusal(
                .intakeMentionInvalid, "Mention \(position) of the batch: \(what); nothing of the batch was recorded.")
        }
        for (field, value, limit) in [
            ("source", mention.source, 100), ("platform", mention.platform, 100), ("author", mention.author, 200),
        ] where value.isEmpty || value.count > limit || value.contains(where: \.isNewline) {
            throw refuse("\(field) must be one line of 1 to \(limit) characters")
        }
        let url = mention.url.lowercased()
        guard url.hasPrefix("https://") || url.hasPrefix("http://"), mention.url.count <= 2_000,
            URL(string: mention.url)?.host != nil
        else {
            throw refuse("url must be the post's http(s) address, at most 2,000 characters")
        }
        guard mention.text.count <= 10_000 else { throw refuse("text is over 10,000 characters") }
        guard mention.reach >= 0 else { throw refuse("reach is a count of people and cannot be negative") }
    }
}
