import Foundation

/// The post-mortem: started by the commander, written by the team, published
/// once (read-only from then on: corrections are new entries), with
/// follow-up actions their owners mark done.
extension Decision {
    func decidePostMortem(_ command: PostMortemCommand) throws(Refusal) -> [IncidentEvent] {
        let postMortem = state.postMortem
        switch command {
        case .start:
            guard postMortem.status == .notStarted else {
                throw Refusal(
                    .postMortemAlreadyStarted,
                    "The post-mortem was already started\(postMortem.startedBy.map { " by \($0)" } ?? ""); add to it with `crisis postmortem add`."
                )
            }
            return [.postMortem(.started(PostMortemStarted()))]
        case .addEntry(let section, let text):
            try requireWritable(postMortem)
            return [
                .postMortem(
                    .entryAdded(
                        PostMortemEntryAdded(
                            entryId: postMortem.nextEntryId, section: section,
                            text: try required(text, "the entry's text"))))
            ]
        case .addAction(let text, let owner, let due):
            try requireWritable(postMortem)
            let text = try required(text, "the action's text")
            let owner = try requiredName(owner, "the action's owner (--owner)")
            guard PostMortemDay.isValid(due) else {
                throw Refusal(
                    .postMortemDueInvalid,
                    "The due date \"\(due)\" is not a day written YYYY-MM-DD (e.g. 2026-12-15); give it that way.")
            }
            guard due >= PostMortemDay.string(from: now) else {
                throw Refusal(
                    .postMortemDueInPast,
                    "The due date \(due) is already past (today is \(PostMortemDay.string(from: now)) UTC); give a day from today on."
                )
            }
            return [
                .postMortem(
                    .actionAdded(
                        PostMortemActionAdded(actionId: postMortem.nextActionId, text: text, owner: owner, due: due)))
            ]
        case .correctEntry(let entryId, let text, let reason):
            try requireStarted(postMortem)
            guard let entry = postMortem.entry(entryId) else {
                throw Refusal(
                    .postMortemUnknownEntry,
                    "There is no post-mortem entry \(entryId) on this incident; `crisis postmortem show ID` lists them."
                )
            }
            let text = try required(text, "the corrected text")
            return [
                .postMortem(
                    .entryAdded(
                        PostMortemEntryAdded(
                            entryId: postMortem.nextEntryId, section: entry.section, text: text, corrects: entryId,
                            reason: try required(reason, "the reason for the correction"))))
            ]
        case .completeAction(let actionId, let note):
            try requireStarted(postMortem)
            guard let action = postMortem.action(actionId) else {
                throw Refusal(
                    .postMortemUnknownAction,
                    "There is no post-mortem action \(actionId) on this incident; `crisis postmortem show ID` lists them."
                )
            }
            guard !action.isDone else {
                throw Refusal(
                    .postMortemActionDone,
                    "Action \(actionId) was already marked done by \(action.doneBy ?? "someone"); nothing to do.")
            }
            return [
                .postMortem(.actionCompleted(PostMortemActionCompleted(actionId: actionId, note: note.typedText)))
            ]
        case .publish:
            try requireWritable(postMortem)
            let sections = Set(postMortem.entries.map(\.section))
            let missing = [PostMortemSection.whatHappened, .rootCause].filter { !sections.contains($0) }
            guard missing.isEmpty else {
                throw Refusal(
                    .postMortemIncomplete,
                    "The post-mortem cannot be published without \(missing.map { "a \($0.rawValue) entry" }.joined(separator: " and ")); add it with `crisis postmortem add ID --\(missing[0].rawValue) TEXT`."
                )
            }
            return [
                .postMortem(
                    .published(
                        PostMortemPublished(
                            entries: postMortem.entries.count, actions: postMortem.actions.count,
                            contentSHA256: postMortem.contentSHA256)))
            ]
        }
    }

    private func requireStarted(_ postMortem: PostMortem) throws(Refusal) {
        guard postMortem.status != .notStarted else {
            throw Refusal(
                .postMortemNotStarted,
                "The post-mortem has not been started; the commander starts it with `crisis postmortem start ID`.")
        }
    }

    private func requireWritable(_ postMortem: PostMortem) throws(Refusal) {
        try requireStarted(postMortem)
        guard postMortem.status != .published else {
            throw Refusal(
                .postMortemPublished,
                "The post-mortem was published and is read-only; record a correction with `crisis postmortem correct ID --entry ENTRY --text TEXT --reason WHY`."
            )
        }
    }
}
