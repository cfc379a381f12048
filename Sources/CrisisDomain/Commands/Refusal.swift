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
}
