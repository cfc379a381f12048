import CrisisDomain
import Foundation

/// The signals as `crisis intake list --json` prints them and `/intake` shows them: newest
/// first, each with its mentions.
public struct IntakeListing: Sendable, Codable {
    public struct Signal: Sendable, Codable {
        public var id: String
        public var watch: String
        /// UTC, ISO 8601.
        public var raisedAt: String
        /// The incident it was promoted into; nil while open.
        public var incident: String?
        public var promotedBy: String?
        public var mentions: [Mention]
    }

    public struct Mention: Sendable, Codable {
        public var id: String
        public var source: String
        public var platform: String
        public var url: String
        public var author: String
        public var text: String
        public var postedAt: String
        public var reach: Int
    }

    public var signals: [Signal]

    public init(_ board: IntakeBoard) {
        signals = board.signals.reversed().map { signal in
            Signal(
                id: signal.id, watch: signal.watch, raisedAt: signal.raisedAt.formatted(.iso8601),
                incident: signal.incident?.uuidString.lowercased(), promotedBy: signal.promotedBy,
                mentions: board.mentions(of: signal).map {
                    Mention(
                        id: $0.id, source: $0.mention.source, platform: $0.mention.platform, url: $0.mention.url,
                        author: $0.mention.author, text: $0.mention.text,
                        postedAt: $0.mention.postedAt.formatted(.iso8601), reach: $0.mention.reach)
                })
        }
    }
}
