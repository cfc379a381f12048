/// The two findings that settle whether anyone in a recording is an identifiable patient
/// (`identifiability:` in a workflow file, used by inappropriate-video). Until one is recorded the
/// recording is a possible breach: the breach presumption and its clocks run from discovery.
/// `notIdentifiable` (the privacy officer only, with the reasons) ends them; `identifiable` keeps
/// them, and then only the four-factor assessment's low-probability conclusion ends them.
public struct IdentifiabilityFindings: Sendable, Equatable {
    /// The action recording that a patient is identifiable (face, voice, tattoo, room, context).
    public var identifiable: String
    /// The action by which the privacy officer signs that no patient is identifiable.
    public var notIdentifiable: String

    /// The only role that may sign that no patient is identifiable.
    public static let signer = "privacy-officer"

    public init(identifiable: String, notIdentifiable: String) {
        self.identifiable = identifiable
        self.notIdentifiable = notIdentifiable
    }

    /// Whether the privacy officer's "no patient is identifiable" stands (not overtaken by an
    /// "identifiable" finding).
    public func ruledOut(_ state: IncidentState) -> Bool {
        state.hasTaken(notIdentifiable) && !state.hasTaken(identifiable)
    }

    /// Whether either finding has been recorded.
    public func decided(_ state: IncidentState) -> Bool {
        state.hasTaken(identifiable) || state.hasTaken(notIdentifiable)
    }
}
