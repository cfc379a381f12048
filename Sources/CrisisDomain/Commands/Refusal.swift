/// A command refused by a rule, with the sentence the person at the terminal reads.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which rule refused it.
    public var id: Rule
    public var message: String

    public init(_ id: Rule, _ message: String) {
        self.id = id
        self.message = message
    }

    /// Stable identifier of the rule, e.g. `message.author-cannot-approve`, as recorded.
    public var rule: String { id.rawValue }

    public var description: String { message }

    /// The command's own arguments are wrong (see ``Rule/isAboutArguments``): the application
    /// records nothing and the CLI answers as for any bad input (exit 2).
    public var isBadInput: Bool { id.isAboutArguments }
}
