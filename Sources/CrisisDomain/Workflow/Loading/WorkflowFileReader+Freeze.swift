import Yams

/// The `freeze:` section: which publishing accounts pause, on opening or on an action, in which
/// states the pause may end, and which channels tell the publishing tools (issue 16).
extension WorkflowFileReader {
    mutating func readFreeze(_ top: Node.Mapping) -> FreezePolicy {
        guard let node = top["freeze"], let freeze = fields.mapping(node, "freeze") else { return .none }
        fields.rejectUnknownKeys(freeze, allowed: ["notify", "rules"], in: "freeze")
        var policy = FreezePolicy()
        for channel in fields.strings(freeze, "notify", in: "freeze") {
            guard channel.value.range(of: "^[a-z][a-z0-9-]*$", options: .regularExpression) != nil else {
                fields.report(
                    channel.at, "bad-channel",
                    "freeze notifies \"\(channel.value)\", which is no channel name (lower-case letters, digits and dashes, as `crisis channel add` takes)."
                )
                continue
            }
            policy.notify.append(channel.value)
        }
        for entry in fields.mappings(freeze, "rules", in: "freeze") {
            fields.rejectUnknownKeys(entry, allowed: ["on", "accounts", "may-end-in"], in: "A freeze rule")
            guard let on = fields.string(entry, "on", in: "A freeze rule") else { continue }
            let what = "The freeze rule on \(on.value)"
            if on.value != FreezePolicy.onOpening { references.actionRefs.append((on, what)) }
            var accounts: [String] = []
            for account in fields.strings(entry, "accounts", in: what) {
                guard let normalised = PublishingAccount.normalised(account.value) else {
                    fields.report(
                        account.at, "bad-account",
                        "\(what) freezes \"\(account.value)\", which is not an account in PLATFORM:HANDLE form (for example instagram:stmaryshospital)."
                    )
                    continue
                }
                accounts.append(normalised)
            }
            if accounts.isEmpty {
                fields.report(
                    on.at, "missing-field", "\(what) needs \"accounts\": the PLATFORM:HANDLE accounts it pauses.")
            }
            let mayEndIn = fields.strings(entry, "may-end-in", in: what)
            mayEndIn.forEach { references.stateRefs.append(($0, what)) }
            policy.rules.append(
                FreezePolicy.Rule(on: on.value, accounts: accounts, mayEndIn: mayEndIn.map(\.value)))
        }
        return policy
    }
}
