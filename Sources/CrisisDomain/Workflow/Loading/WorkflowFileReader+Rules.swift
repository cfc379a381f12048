import Yams

/// Guards and deadlines: the parts of a workflow file that name built-in checks and clocks.
extension WorkflowFileReader {
    static let guardKeys = [
        "name", "check", "explanation", "citation", "role", "channel", "conclusion", "recipient", "action", "kind",
        "when-action-taken",
    ]

    mutating func readGuard(_ entry: Node.Mapping) -> GuardDefinition? {
        fields.rejectUnknownKeys(entry, allowed: Self.guardKeys, in: "A guard")
        guard let name = fields.string(entry, "name", in: "A guard") else { return nil }
        references.guards.append(name)
        let what = "Guard \(name.value)"
        guard let keyword = fields.string(entry, "check", in: what) else { return nil }
        let explanation = fields.string(entry, "explanation", in: what)?.value ?? name.value
        let citation = fields.string(entry, "citation", in: what, required: false)?.value
        let condition = fields.string(entry, "when-action-taken", in: what, required: false)
        if let condition { references.actionRefs.append((condition, what)) }
        guard let check = readCheck(keyword, entry, what) else { return nil }
        return GuardDefinition(
            name: name.value, check: check, explanation: explanation, citation: citation,
            whenActionTaken: condition?.value)
    }

    private mutating func readCheck(_ keyword: Located<String>, _ entry: Node.Mapping, _ what: String) -> GuardCheck? {
        switch keyword.value {
        case "role-assigned":
            guard let role = fields.string(entry, "role", in: what) else { return nil }
            references.roleRefs.append((role, what))
            return .roleAssigned(role.value)
        case "evidence-captured": return .evidenceCaptured
        case "removals-requested": return .removalsRequested
        case "removals-resolved": return .removalsResolved
        case "message-approved":
            return .messageApproved(channel: fields.string(entry, "channel", in: what, required: false)?.value)
        case "message-published":
            return .messagePublished(channel: fields.string(entry, "channel", in: what, required: false)?.value)
        case "exclusion-check-recorded": return .exclusionCheckRecorded
        case "assessment-complete": return .assessmentComplete
        case "assessment-concluded":
            guard let text = fields.string(entry, "conclusion", in: what, required: false) else {
                return .assessmentConcluded(nil)
            }
            guard let conclusion = AssessmentConclusion(rawValue: text.value) else {
                fields.report(
                    text.at, "bad-value",
                    "\(what): conclusion must be breach or low-probability, not \"\(text.value)\".")
                return nil
            }
            return .assessmentConcluded(conclusion)
        case "affected-population-recorded": return .affectedPopulationRecorded
        case "notification-recorded":
            guard let recipient = readRecipient(entry, "recipient", what) else { return nil }
            return .notificationRecorded(recipient)
        case "notifications-complete": return .notificationsComplete
        case "sanction-recorded": return .sanctionRecorded
        case "training-recorded": return .trainingRecorded
        case "post-mortem-recorded": return .postMortemRecorded
        case "post-mortem-published": return .postMortemPublished
        case "action-taken":
            guard let action = fields.string(entry, "action", in: what) else { return nil }
            references.actionRefs.append((action, what))
            return .actionTaken(action.value)
        case "linked-incident":
            guard let kind = fields.string(entry, "kind", in: what) else { return nil }
            return .linkedIncident(kind: kind.value)
        case "no-message-awaiting-approval": return .noMessageAwaitingApproval
        case "identifiability-decided": return .identifiabilityDecided
        default:
            fields.report(
                keyword.at, "unknown-check",
                "\(what) uses the check \"\(keyword.value)\", which crisis does not know; use one of: \(GuardCheck.keywords.joined(separator: ", "))."
            )
            return nil
        }
    }

    private mutating func readRecipient(_ entry: Node.Mapping, _ key: String, _ what: String) -> NotificationRecipient?
    {
        guard let text = fields.string(entry, key, in: what) else { return nil }
        guard let recipient = NotificationRecipient(rawValue: text.value) else {
            fields.report(
                text.at, "bad-value",
                "\(what): \(key) must be one of \(NotificationRecipient.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(text.value)\"."
            )
            return nil
        }
        return recipient
    }

    static let deadlineKeys = [
        "name", "title", "citation", "starts", "within", "met-by", "applies-when", "per-state-residents-over",
        "escalate-to", "escalate-outside-business-hours-to", "paused-by-law-enforcement", "warn-before",
    ]

    mutating func readDeadline(_ entry: Node.Mapping) -> DeadlineDefinition? {
        fields.rejectUnknownKeys(entry, allowed: Self.deadlineKeys, in: "A deadline")
        guard let name = fields.string(entry, "name", in: "A deadline") else { return nil }
        references.deadlines.append(name)
        let what = "Deadline \(name.value)"
        let title = fields.string(entry, "title", in: what)
        let citation = fields.string(entry, "citation", in: what)
        let anchor = fields.string(entry, "starts", in: what).flatMap { readAnchor($0, what) }
        let within = fields.string(entry, "within", in: what).flatMap { readDuration($0, what) }
        let metBy = readStop(entry, what)
        let conditions = readConditions(entry, what)
        let perState = fields.int(entry, "per-state-residents-over", in: what, required: false)?.value
        let escalateTo = fields.string(entry, "escalate-to", in: what)
        if let escalateTo { references.roleRefs.append((escalateTo, what)) }
        let outside = fields.string(entry, "escalate-outside-business-hours-to", in: what, required: false)
        if let outside { references.roleRefs.append((outside, what)) }
        let warnText = fields.string(entry, "warn-before", in: what, required: false)
        let warn = warnText.flatMap { readDuration($0, what) }
        if let warnText, let warn, let within, warn.roughSeconds >= within.roughSeconds {
            fields.report(
                warnText.at, "warn-before-too-long",
                "\(what) warns \(warnText.value) before it is due but runs only \(within); give a warn-before shorter than within."
            )
        }
        guard let title, let citation, let anchor, let within, let metBy, let escalateTo else { return nil }
        return DeadlineDefinition(
            name: name.value, title: title.value, citation: citation.value, anchor: anchor, within: within,
            metBy: metBy, appliesWhen: conditions, perStateResidentsOver: perState, escalateTo: escalateTo.value,
            escalateOutsideBusinessHoursTo: outside?.value,
            pausedByLawEnforcement: fields.bool(entry, "paused-by-law-enforcement", in: what), warnBefore: warn)
    }

    mutating func readDuration(_ text: Located<String>, _ what: String) -> WorkflowDuration? {
        guard let duration = WorkflowDuration.parse(text.value) else {
            fields.report(
                text.at, "bad-duration",
                "\(what): \"\(text.value)\" is not a duration; write e.g. \"4 hours\", \"60 days\" or \"15 business days\"."
            )
            return nil
        }
        return duration
    }

    mutating func readAnchor(_ text: Located<String>, _ what: String) -> DeadlineAnchor? {
        switch text.value {
        case "opened": return .opened
        case "detection": return .detection
        case "discovery": return .discovery
        case "determination": return .determination
        case "end-of-discovery-year": return .endOfDiscoveryYear
        default:
            if text.value.hasPrefix("state-entered:") {
                let state = String(text.value.dropFirst("state-entered:".count))
                references.stateRefs.append((Located(value: state, at: text.at), what))
                return .stateEntered(state)
            }
            fields.report(
                text.at, "bad-anchor",
                "\(what) starts at \"\(text.value)\", which is not a clock start; use opened, detection, discovery, determination, end-of-discovery-year or state-entered:STATE."
            )
            return nil
        }
    }

    private mutating func readStop(_ entry: Node.Mapping, _ what: String) -> DeadlineStop? {
        guard let node = entry["met-by"] else {
            fields.report(
                Spot(entry.mark), "missing-field",
                "\(what) needs a \"met-by\" field (guard: NAME or notification: RECIPIENT).")
            return nil
        }
        guard let stop = fields.mapping(node, "met-by in \(what)") else { return nil }
        fields.rejectUnknownKeys(stop, allowed: ["guard", "notification"], in: "met-by")
        if let name = fields.string(stop, "guard", in: "met-by", required: false) {
            references.guardRefs.append((name, what))
            return .guardHolds(name.value)
        }
        if stop["notification"] != nil, let recipient = readRecipient(stop, "notification", what) {
            return .notification(recipient)
        }
        fields.report(
            Spot(node.mark), "missing-field", "\(what): met-by needs either guard: NAME or notification: RECIPIENT.")
        return nil
    }

    private mutating func readConditions(_ entry: Node.Mapping, _ what: String) -> [DeadlineCondition] {
        guard let node = entry["applies-when"] else { return [] }
        guard let items = node.sequence else {
            fields.report(Spot(node.mark), "wrong-type", "\(what): applies-when must be a list.")
            return []
        }
        return items.compactMap { item -> DeadlineCondition? in
            if item.string == "breach-presumed" { return .breachPresumed }
            if let mapping = item.mapping, mapping.count == 1, let (key, value) = mapping.first, let name = key.string {
                let spot = Spot(value.mark)
                if name == "action-taken", let action = value.string {
                    references.actionRefs.append((Located(value: action, at: spot), what))
                    return .actionTaken(action)
                }
                if let number = value.int {
                    switch name {
                    case "affected-at-least": return .affectedAtLeast(number)
                    case "affected-below": return .affectedBelow(number)
                    case "unreachable-at-least": return .unreachableAtLeast(number)
                    default: break
                    }
                }
            }
            fields.report(
                Spot(item.mark), "bad-condition",
                "\(what): a condition is breach-presumed, affected-at-least: N, affected-below: N, unreachable-at-least: N or action-taken: ACTION."
            )
            return nil
        }
    }
}
