/// Why `decide` refused a command: a stable rule identifier and a sentence for the person at the
/// terminal saying what was refused, why, and what to do next.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable identifier of the rule, e.g. `message.author-cannot-approve`.
    public var rule: String
    public var message: String

    public init(rule: String, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { message }

    /// The command's own arguments are malformed (empty text, a negative
    /// count, a time still to come, a due day that is no day, a digest that is
    /// no SHA-256) or name something that does not exist (a message, removal,
    /// action, role, factor, template or proposal): no rule of the incident
    /// refused it, so the application records nothing and the CLI answers as
    /// for any bad input (exit 2).
    public var isBadInput: Bool {
        rule.hasPrefix("input.") || Self.argumentRules.contains(rule)
    }

    static let argumentRules: Set<String> = [
        "incident.time-in-future", "evidence.hash-invalid", "evidence.in-future", "post-mortem.due-invalid",
        "action.unknown", "message.unknown", "message.unknown-template", "removal.unknown",
        "post-mortem.unknown-action", "post-mortem.unknown-entry", "assign.unknown-role",
        "assessment.unknown-factor", "policy.unknown",
    ]
}
