import Foundation

extension Decision {
    func decideFreeze(_ command: FreezeCommand) throws(Refusal) -> [FreezeEvent] {
        switch command {
        case .start(let accounts, let reason):
            let reason = try required(reason, "a reason (--reason)")
            let accounts = try Self.accounts(accounts)
            if let frozen = accounts.first(where: { state.freezeInForce(on: $0) != nil }),
                let freeze = state.freezeInForce(on: frozen)
            {
                throw Refusal(
                    .freezeAlreadyFrozen,
                    "\(frozen) is already frozen by this incident (\(freeze.id)); `crisis freeze list` shows it. Leave it out, or end \(freeze.id) first."
                )
            }
            return [
                .started(
                    FreezeStarted(
                        freezeId: nextFreezeId(), accounts: accounts, reason: reason, trigger: "manual", mayEndIn: []))
            ]
        case .end(let id, let reason, let handedOverTo):
            guard let freeze = state.freezes.first(where: { $0.id == id }) else {
                throw Refusal(
                    .freezeUnknown, "This incident has no freeze \(id); `crisis freeze list` shows its freezes.")
            }
            guard freeze.inForce else {
                throw Refusal(.freezeEnded, "Freeze \(id) has already ended; nothing to do.")
            }
            if let handedOverTo {
                let to = try requiredName(handedOverTo, "whom the freeze is handed over to")
                let why = try required(reason ?? "", "a reason for handing the freeze over (--reason)")
                return [.ended(FreezeEnded(freezeId: id, reason: why, handedOverTo: to))]
            }
            guard freeze.mayEndIn.isEmpty || freeze.mayEndIn.contains(state.currentState) else {
                throw Refusal(
                    .freezeTooEarly,
                    "Freeze \(id) may end only in \(freeze.mayEndIn.joined(separator: " or ")) (the \(definition.kind) workflow's freeze section), and the incident is in \(state.currentState); wait, or hand it over with --handed-over-to and --reason."
                )
            }
            return [.ended(FreezeEnded(freezeId: id, reason: reason, handedOverTo: nil))]
        case .recordNotice(let notice):
            guard state.freezes.contains(where: { $0.id == notice.freezeId }) else {
                throw Refusal(.freezeUnknown, "This incident has no freeze \(notice.freezeId).")
            }
            return [.notified(notice)]
        }
    }

    /// The freezes the workflow starts on `trigger` (`incident-opened`, or an action's name), for
    /// accounts not already frozen by this incident; ids follow `already` new freezes.
    func automaticFreezes(on trigger: String) -> [FreezeEvent] {
        var events: [FreezeEvent] = []
        var frozen = Set(state.freezesInForce.flatMap(\.accounts))
        for rule in definition.freeze.rules where rule.on == trigger {
            let accounts = rule.accounts.filter { !frozen.contains($0) }
            guard !accounts.isEmpty else { continue }
            frozen.formUnion(accounts)
            let id = "f\(state.freezes.count + events.count + 1)"
            events.append(
                .started(
                    FreezeStarted(
                        freezeId: id, accounts: accounts,
                        reason: "the \(definition.kind) workflow freezes these accounts on \(trigger)",
                        trigger: trigger == FreezePolicy.onOpening ? trigger : "action:\(trigger)",
                        mayEndIn: rule.mayEndIn)))
        }
        return events
    }

    /// A closing refused while a freeze is in force.
    func checkNoFreezeInForce() throws(Refusal) {
        let inForce = state.freezesInForce
        guard !inForce.isEmpty else { return }
        let list = inForce.map { "\($0.id) (\($0.accounts.joined(separator: ", ")))" }.joined(separator: "; ")
        throw Refusal(
            .freezeInForce,
            "A publishing freeze is still in force: \(list). End it with `crisis freeze end ID FREEZE`, or hand it over with --handed-over-to and --reason, then close."
        )
    }

    private func nextFreezeId() -> String { "f\(state.freezes.count + 1)" }

    /// Each account in its normalised form, once; bad input when one is not `PLATFORM:HANDLE`.
    static func accounts(_ typed: [String]) throws(Refusal) -> [String] {
        guard !typed.isEmpty else {
            throw Refusal(.inputRequired, "Name at least one account to freeze with --account PLATFORM:HANDLE.")
        }
        var accounts: [String] = []
        for text in typed {
            guard let account = PublishingAccount.normalised(text) else {
                throw Refusal(
                    .freezeAccountInvalid,
                    "\"\(text)\" is not an account in PLATFORM:HANDLE form (for example instagram:stmaryshospital); give each --account that way."
                )
            }
            if !accounts.contains(account) { accounts.append(account) }
        }
        return accounts
    }
}
