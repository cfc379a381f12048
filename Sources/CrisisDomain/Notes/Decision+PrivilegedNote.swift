extension Decision {
    /// A privileged note: only legal may claim privilege for words in the record, whatever the
    /// workflow's `permissions:` says, since only legal may later release them to a regulator.
    func decidePrivilegedNote(_ text: String) throws(Refusal) -> [IncidentEvent] {
        guard actor.organisationalRoles.contains(PrivilegedNoteAdded.role) else {
            throw Refusal(
                .notePrivilegedNeedsLegal,
                "\(actor.databaseRole) may not add a privileged note: privilege is claimed by legal only "
                    + "(it keeps the words out of regulator exports); ask legal, or add an ordinary note "
                    + "with `crisis incident note`.")
        }
        return [.privilegedNoteAdded(PrivilegedNoteAdded(text: try required(text, "the note's text")))]
    }
}

/// Who may release privileged notes into an export: legal, who claimed the privilege.
public enum PrivilegedRelease {
    /// Refuses anyone who does not hold legal; `what` names the option asked for.
    public static func check(_ actor: Actor, asking what: String) throws(Refusal) {
        guard actor.organisationalRoles.contains(PrivilegedNoteAdded.role) else {
            throw Refusal(
                .notePrivilegedNeedsLegal,
                "\(actor.databaseRole) may not ask for \(what): only legal may release privileged notes into an "
                    + "export; export without it (the notes are withheld, their hashes kept), or ask legal.")
        }
    }
}
