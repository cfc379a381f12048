import Foundation

/// What the intake stream holds, folded: the mentions recorded, the watches in force, and the
/// signals their spikes raised (issue 12).
public struct IntakeBoard: Sendable, Equatable, Codable {
    /// One recorded mention.
    public struct RecordedMention: Sendable, Equatable, Codable {
        public var id: String
        public var mention: Mention
        public var recordedBy: String
        public var recordedAt: Date
    }

    /// A watch in force: `threshold` matching mentions within `withinSeconds` raise a signal.
    public struct Watch: Sendable, Equatable, Codable {
        public var name: String
        public var match: [String]
        public var threshold: Int
        public var withinSeconds: Int
        public var addedBy: String

        /// Whether a mention's words contain one of the watch's texts, ignoring case.
        public func matches(_ mention: Mention) -> Bool {
            match.contains { mention.text.range(of: $0, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
        }
    }

    /// A spike a watch saw.
    public struct Signal: Sendable, Equatable, Codable {
        public var id: String
        public var watch: String
        public var mentionIds: [String]
        public var raisedAt: Date
        /// The incident it was promoted into; nil while it is open.
        public var incident: UUID?
        public var promotedBy: String?

        public var isOpen: Bool { incident == nil }
    }

    public var mentions: [RecordedMention] = []
    public var watches: [Watch] = []
    public var signals: [Signal] = []
    public var version: Int64 = 0
    /// How many mentions and signals were ever recorded (ids are never reused).
    public var mentionCount = 0
    public var signalCount = 0

    public init() {}

    public func watch(_ name: String) -> Watch? { watches.first { $0.name == name } }
    public func signal(_ id: String) -> Signal? { signals.first { $0.id == id } }
    public func mention(_ id: String) -> RecordedMention? { mentions.first { $0.id == id } }

    /// The mention recorded for this source and address, if any (the idempotency key).
    public func mention(source: String, url: String) -> RecordedMention? {
        mentions.first { $0.mention.source == source && $0.mention.url == url }
    }

    /// The mentions of a signal, in the order they were recorded.
    public func mentions(of signal: Signal) -> [RecordedMention] {
        signal.mentionIds.compactMap { mention($0) }
    }

    /// The watch's signal still open, if any.
    public func openSignal(of watch: String) -> Signal? {
        signals.first { $0.watch == watch && $0.isOpen }
    }

    func applying(_ recorded: Recorded<IntakeEvent>) -> IntakeBoard {
        var next = self
        next.version = recorded.version
        switch recorded.event {
        case .mentionRecorded(let e):
            next.mentionCount += 1
            next.mentions.append(
                RecordedMention(
                    id: e.mentionId, mention: e.mention, recordedBy: recorded.actor, recordedAt: recorded.recordedAt))
            for id in e.signals {
                if let index = next.signals.firstIndex(where: { $0.id == id }) {
                    next.signals[index].mentionIds.append(e.mentionId)
                }
            }
        case .watchAdded(let e):
            next.watches.append(
                Watch(
                    name: e.name, match: e.match, threshold: e.threshold, withinSeconds: e.withinSeconds,
                    addedBy: recorded.actor))
        case .watchRemoved(let e):
            next.watches.removeAll { $0.name == e.name }
        case .signalRaised(let e):
            next.signalCount += 1
            next.signals.append(
                Signal(
                    id: e.signalId, watch: e.watch, mentionIds: e.mentionIds, raisedAt: recorded.recordedAt,
                    incident: nil, promotedBy: nil))
        case .signalPromoted(let e):
            if let index = next.signals.firstIndex(where: { $0.id == e.signalId }) {
                next.signals[index].incident = e.incidentId
                next.signals[index].promotedBy = recorded.actor
            }
        }
        return next
    }
}
