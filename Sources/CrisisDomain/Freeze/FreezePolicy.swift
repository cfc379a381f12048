import Foundation

/// A workflow's `freeze:` section: which publishing accounts pause, on opening or on an action,
/// in which states the pause may end, and which channels tell the publishing tools.
public struct FreezePolicy: Sendable, Equatable, Codable {
    /// One automatic freeze.
    public struct Rule: Sendable, Equatable, Codable {
        /// `incident-opened`, or the name of an action.
        public var on: String
        public var accounts: [String]
        /// The states in which it may end (empty: any).
        public var mayEndIn: [String]

        public init(on: String, accounts: [String], mayEndIn: [String]) {
            self.on = on
            self.accounts = accounts
            self.mayEndIn = mayEndIn
        }
    }

    /// The channels (`crisis channel add`) told when a freeze starts or ends.
    public var notify: [String] = []
    public var rules: [Rule] = []

    public init(notify: [String] = [], rules: [Rule] = []) {
        self.notify = notify
        self.rules = rules
    }

    /// A workflow without a `freeze:` section.
    public static let none = FreezePolicy()

    /// What `on:` says for the opening of an incident.
    public static let onOpening = "incident-opened"
}
