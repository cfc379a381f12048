/// Which fields of an incident event may hold PHI (issue 13, crypto-shredding): every free-text
/// field a person types into an incident. The store seals exactly these with the incident's data
/// key, so destroying the key destroys them; every other field (ids, kinds, roles, people on the
/// roster, times, counts, hashes) stays readable for ever, since the rules and the database's
/// triggers read them. docs/event-store.md lists them for people.
extension IncidentEvent {
    /// A field's path in the event's JSON data: a key, `key[]` for each string of an array, or
    /// `key[].inner` for a field of each object of an array.
    public typealias FieldPath = String

    /// The PHI fields of each stored event type; a type not named holds none.
    /// `KeyShredded`'s reason is not among them: it must outlive the key it explains. A page's
    /// delivery failure and receipt are the route's words, not a person's.
    public static let phiFields: [String: [FieldPath]] = [
        "IncidentOpened": ["title", "posts[].url"],
        "ActionTaken": ["note"],
        "NoteAdded": ["text"],
        "PrivilegedNoteAdded": ["text"],
        "BusinessAssociateNoticeRecorded": ["associate", "lateReason"],
        "PostMortemRecorded": ["text"],
        "IncidentLinked": ["reason"],
        "IncidentClosed": ["note"],
        "CommandRefused": ["reason"],
        "MessageDrafted": ["text"],
        "MessageEdited": ["text"],
        "MessageApproved": ["note"],
        "MessageRejected": ["reason"],
        "MessagePublished": ["url"],
        "PHIScannerOverridden": ["findings[]", "reason"],
        "RemovalRequested": ["url"],
        "RemovalConfirmed": ["detail"],
        "RemovalFailed": ["detail"],
        "RemovalAbandoned": ["detail"],
        "EvidenceCaptured": ["url"],
        "DiscoveryAmended": ["reason"],
        "ExclusionCheckRecorded": ["reason"],
        "AssessmentFactorRecorded": ["finding"],
        "AssessmentConcluded": ["reason"],
        "AssessmentRevised": ["reason"],
        "BreachCircumstancesRecorded": ["firstKnownBy", "committedBy", "reason"],
        "NotificationRecorded": ["logEntry", "delayReason"],
        "NotificationNotOwedRecorded": ["reason"],
        "LawEnforcementDelayRecorded": ["official"],
        "SanctionRecorded": ["staffMember", "description"],
        "PostMortemEntryAdded": ["text", "reason"],
        "PostMortemActionAdded": ["text"],
        "PostMortemActionCompleted": ["note"],
        "IncidentRestricted": ["reason"],
        "LegalHoldPlaced": ["reason"],
        "LegalHoldReleased": ["reason"],
        "PageAcknowledged": ["note"],
        "FreezeStarted": ["reason"],
        "FreezeEnded": ["reason"],
    ]
}
