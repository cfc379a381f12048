/// One rule of the PHI scanner: what it looks for, the reason a person reads when it fires and
/// the safe thing to write instead. Rules are values; `PHIRuleBook` checks them all before the
/// scanner uses any.
struct PHIRule: Sendable {
    /// How a rule finds its matches.
    enum Detector: Sendable {
        /// Word sequences over the text's tokens.
        case patterns([PHIPattern])
        /// A hand-written scan (e-mail and web addresses, phone numbers, names).
        case scan(@Sendable (PHIText) -> [PHIMatch])
    }

    /// A stable id, "group.name": `care.`, `id.`, `name.`; recorded with every override.
    var id: String
    var category: PHIFinding.Category
    var detector: Detector
    /// A last look at a match in its context (an organisation's own phone line is allowed).
    var accepts: (@Sendable (PHIText, PHIMatch) -> Bool)?
    var reason: String
    var alternative: String

    init(
        _ id: String, _ category: PHIFinding.Category, _ detector: Detector, reason: String, alternative: String,
        accepts: (@Sendable (PHIText, PHIMatch) -> Bool)? = nil
    ) {
        self.id = id
        self.category = category
        self.detector = detector
        self.reason = reason
        self.alternative = alternative
        self.accepts = accepts
    }

    /// Every match this rule accepts in `text`.
    func matches(in text: PHIText) -> [PHIMatch] {
        let keep: (PHIMatch) -> Bool = { match in accepts?(text, match) ?? true }
        switch detector {
        case .patterns(let patterns): return patterns.flatMap { $0.matches(in: text, accepting: keep) }
        case .scan(let scan): return scan(text).filter(keep)
        }
    }

    /// The union of the rules of each group, in the order the scanner runs them.
    static let all: [PHIRule] = careRelations + identifiers + names
}

/// What the scanner suggests instead, by kind of rule.
enum PHIAlternative {
    static let doNotConfirm =
        "Do not confirm a visit, a treatment or that anyone is a patient, even if they said so first; acknowledge the concern in general terms and invite them to contact us privately."
    static let removeIdentifier =
        "Remove the identifier; never repeat a person's details in public, even ones they posted themselves; invite them to contact us privately."
    static let doNotName =
        "Do not name the person or tie a name to care; answer in general terms and invite them to contact us privately."
    static let organisationLine =
        "Post only the organisation's own lines, said to be ours (\"call our Patient Relations line at …\") or toll-free; never a person's number."
}
