import Yams

/// The `pages:` section: which events page whom, and how long a page waits for an acknowledgement.
extension WorkflowFileReader {
    mutating func readPaging(_ top: Node.Mapping) -> PagingPolicy {
        guard let node = top["pages"], let pages = fields.mapping(node, "pages") else { return .none }
        fields.rejectUnknownKeys(pages, allowed: ["ack-within", "rules"], in: "pages")
        var policy = PagingPolicy()
        if let text = fields.string(pages, "ack-within", in: "pages", required: false),
            let duration = readDuration(text, "pages")
        {
            policy.acknowledgeWithin = duration
        }
        var seen: [String: Spot] = [:]
        var effects: [String: (name: String, at: Spot)] = [:]
        for entry in fields.mappings(pages, "rules", in: "pages", required: true) {
            guard let rule = readPageRule(entry) else { continue }
            if let first = seen[rule.name.value] {
                fields.report(
                    rule.name.at, "duplicate-name",
                    "The paging rule \"\(rule.name.value)\" is defined twice (first on line \(first.line)); page ids derive from the rule's name, so give each a unique name."
                )
                continue
            }
            seen[rule.name.value] = rule.name.at
            // Two rules with the same effect would page the same person twice for one thing.
            for effect in Self.effects(of: rule.rule) {
                if let other = effects[effect.key] {
                    fields.report(
                        rule.name.at, "duplicate-rule",
                        "The paging rules \"\(other.name)\" (line \(other.at.line)) and \"\(rule.name.value)\" both page \(effect.who) \(effect.when); one page is enough: remove one, or give them different \(rule.rule.trigger == .deadlineDueSoon ? "warn-before" : "remind-after") times."
                    )
                } else {
                    effects[effect.key] = (rule.name.value, rule.name.at)
                }
            }
            policy.rules.append(rule.rule)
        }
        return policy
    }

    /// What a rule does, one entry per role it pages (or one for the roles the incident names).
    private static func effects(of rule: PageRule) -> [(key: String, who: String, when: String)] {
        let timing = [rule.remindAfter.map { "remind-after \($0)" }, rule.warnBefore.map { "warn-before \($0)" }]
            .compactMap { $0 }.joined(separator: " ")
        let when = "when \(rule.trigger.rawValue)" + (timing.isEmpty ? "" : " (\(timing))")
        guard rule.trigger.namesRoles else {
            return [("\(rule.trigger.rawValue)|\(timing)", "the roles the incident names", when)]
        }
        return rule.roles.map { ("\(rule.trigger.rawValue)|\(timing)|\($0)", $0, when) }
    }

    private mutating func readPageRule(_ entry: Node.Mapping) -> (name: Located<String>, rule: PageRule)? {
        fields.rejectUnknownKeys(
            entry, allowed: ["name", "when", "page", "remind-after", "warn-before"], in: "A paging rule")
        guard let name = fields.string(entry, "name", in: "A paging rule") else { return nil }
        let what = "Paging rule \(name.value)"
        guard let when = fields.string(entry, "when", in: what) else { return nil }
        guard let trigger = PageTrigger(rawValue: when.value) else {
            fields.report(
                when.at, "unknown-trigger",
                "\(what) pages \"when: \(when.value)\", which crisis does not know; use one of: \(PageTrigger.allCases.map(\.rawValue).joined(separator: ", "))."
            )
            return nil
        }
        let roles = fields.strings(entry, "page", in: what)
        roles.forEach { references.roleRefs.append(($0, what)) }
        if trigger.namesRoles && roles.isEmpty {
            fields.report(
                when.at, "missing-field",
                "\(what) needs \"page\": the roles paged (on call) \(trigger == .incidentOpened ? "when an incident opens" : "when a removal fails")."
            )
        }
        if !trigger.namesRoles, let first = roles.first {
            fields.report(
                first.at, "page-roles-not-listed",
                "\(what) fires on \(trigger.rawValue), which pages the roles the incident names (the approvals a message still needs, a deadline's escalate-to); remove \"page\"."
            )
        }
        let remind = fields.string(entry, "remind-after", in: what, required: false)
        if let remind, trigger != .approvalNeeded {
            fields.report(
                remind.at, "misplaced-field", "\(what): remind-after belongs to an approval-needed rule only.")
        }
        let warn = fields.string(entry, "warn-before", in: what, required: trigger == .deadlineDueSoon)
        if let warn, trigger != .deadlineDueSoon {
            fields.report(warn.at, "misplaced-field", "\(what): warn-before belongs to a deadline-due-soon rule only.")
        }
        return (
            name,
            PageRule(
                name: name.value, trigger: trigger, roles: roles.map(\.value),
                remindAfter: remind.flatMap { readDuration($0, what) },
                warnBefore: warn.flatMap { readDuration($0, what) })
        )
    }
}
