/// Identifiability of a patient in a recording (issue 18): a video of a patient is a possible
/// breach until the privacy officer signs, with the reasons, that no patient is identifiable.
extension Decision {
    /// Checks an `act` that records one of the workflow's identifiability findings.
    func checkIdentifiabilityFinding(action name: String, note: String?) throws(Refusal) {
        guard let findings = definition.identifiability, name == findings.notIdentifiable else { return }
        guard actor.organisationalRoles.contains(IdentifiabilityFindings.signer) else {
            throw Refusal(
                .identifiabilityNeedsPrivacyOfficer,
                "\(actor.databaseRole) may not take \(name): only the privacy officer signs that no patient is "
                    + "identifiable, which ends the breach clocks; ask the privacy officer.")
        }
        guard note.typedText != nil else {
            throw Refusal(
                .actionNoteRequired,
                "\(name) needs the reasons no patient is identifiable (face, voice, tattoos, room, context); add --note TEXT."
            )
        }
        // A signed breach conclusion, or a clock already missed, is changed only by a revision,
        // which keeps the misses (`conclude --revise`); this finding would silently end them.
        guard state.breach.conclusion?.conclusion != .breach, state.missedDeadlines.isEmpty else {
            throw Refusal(
                .identifiabilityAfterBreachConclusion,
                "The breach track already \(state.missedDeadlines.isEmpty ? "concluded a breach" : "missed a clock"), which a finding "
                    + "may not undo; the privacy officer revises the conclusion with `crisis assessment conclude ID "
                    + "--low-probability --revise --reason TEXT`, and the missed clocks stay missed.")
        }
        guard !state.hasTaken(findings.identifiable) else {
            throw Refusal(
                .identifiabilityAlreadyIdentifiable,
                "A patient was already found identifiable (\(findings.identifiable)), so the breach track runs; only the "
                    + "four-factor assessment's conclusion (`crisis assessment conclude ID --low-probability`) can end it now."
            )
        }
    }
}
