import Foundation
import Yams

/// Reads one workflow file into a definition, remembering where every name and reference was
/// written so that ``WorkflowChecks`` can point at it.
struct WorkflowFileReader {
    var fields: YAMLFields
    var references = References()

    /// Names defined in the file and the references to them, with their places.
    struct References {
        var kind: Located<String>?
        var initial: Located<String>?
        var roles: [Located<String>] = []
        var states: [Located<String>] = []
        var actions: [(state: String, name: Located<String>)] = []
        var guards: [Located<String>] = []
        var deadlines: [Located<String>] = []
        var templates: [Located<String>] = []
        var stateRefs: [(Located<String>, String)] = []
        var roleRefs: [(Located<String>, String)] = []
        var guardRefs: [(Located<String>, String)] = []
        var actionRefs: [(Located<String>, String)] = []
        var stateSpots: [String: Spot] = [:]
    }

    init(file: String) {
        fields = YAMLFields(file: file)
    }

    static let topLevelKeys = [
        "kind", "version", "title", "summary", "business-hours", "roles", "initial", "messages", "permissions",
        "guards", "states", "deadlines", "templates", "breach-track-starts-with", "pages", "retention-years",
        "freeze", "identifiability", "breach",
    ]

    mutating func read(_ root: Node, contentHash: String) -> WorkflowDefinition? {
        guard let top = fields.mapping(root, "A workflow file") else { return nil }
        fields.rejectUnknownKeys(top, allowed: Self.topLevelKeys, in: "The workflow")
        let kind = fields.string(top, "kind", in: "The workflow")
        references.kind = kind
        let version = fields.int(top, "version", in: "The workflow")
        if let version, version.value < 1 {
            fields.report(version.at, "bad-version", "The version must be a whole number of 1 or more.")
        }
        let title = fields.string(top, "title", in: "The workflow")
        let summary = fields.string(top, "summary", in: "The workflow", required: false)
        references.initial = fields.string(top, "initial", in: "The workflow")
        if let initial = references.initial { references.stateRefs.append((initial, "the initial state")) }
        let roles = readRoles(top)
        let hours = readBusinessHours(top)
        let policy = readMessagePolicy(top)
        let permissions = readPermissions(top)
        let guards = fields.mappings(top, "guards", in: "The workflow").compactMap { readGuard($0) }
        let states = fields.mappings(top, "states", in: "The workflow", required: true).compactMap { readState($0) }
        let deadlines = fields.mappings(top, "deadlines", in: "The workflow").compactMap { readDeadline($0) }
        let templates = fields.mappings(top, "templates", in: "The workflow").compactMap { readTemplate($0) }
        let breachTrack = fields.string(top, "breach-track-starts-with", in: "The workflow", required: false)
        if let breachTrack { references.actionRefs.append((breachTrack, "breach-track-starts-with")) }
        let paging = readPaging(top)
        let freeze = readFreeze(top)
        let retention = readRetentionYears(top)
        let identifiability = readIdentifiability(top)
        let promptNotice = readBreachSection(top)
        guard let kind, let version, let title, let initial = references.initial else { return nil }
        return WorkflowDefinition(
            kind: kind.value, version: version.value, title: title.value, summary: summary?.value ?? "",
            contentHash: contentHash, fileName: fields.file, roles: roles, initialState: initial.value, states: states,
            guards: guards, deadlines: deadlines, templates: templates, messagePolicy: policy,
            permissions: CommandPermissions.defaults.merging(permissions) { _, workflow in workflow },
            businessHours: hours, breachTrackStartsWith: breachTrack?.value, paging: paging,
            freeze: freeze, retentionYears: retention, identifiability: identifiability,
            promptNotice: promptNotice)
    }

    /// `identifiability:` names the two findings actions (`identifiable`, `not-identifiable`).
    private mutating func readIdentifiability(_ top: Node.Mapping) -> IdentifiabilityFindings? {
        guard let node = top["identifiability"], let entry = fields.mapping(node, "identifiability") else {
            return nil
        }
        let what = "identifiability"
        fields.rejectUnknownKeys(entry, allowed: ["identifiable", "not-identifiable"], in: what)
        let identifiable = fields.string(entry, "identifiable", in: what)
        let notIdentifiable = fields.string(entry, "not-identifiable", in: what)
        guard let identifiable, let notIdentifiable else { return nil }
        references.actionRefs.append((identifiable, what))
        references.actionRefs.append((notIdentifiable, what))
        return IdentifiabilityFindings(identifiable: identifiable.value, notIdentifiable: notIdentifiable.value)
    }

    /// `retention-years:`: how long a closed incident's record is kept before its PHI may be
    /// shredded; never under the six years HIPAA requires of the documentation.
    private mutating func readRetentionYears(_ top: Node.Mapping) -> Int {
        guard let years = fields.int(top, "retention-years", in: "The workflow", required: false) else {
            return RetentionRecord.defaultYears
        }
        guard (RetentionRecord.defaultYears...100).contains(years.value) else {
            fields.report(
                years.at, "bad-retention",
                "retention-years must be between \(RetentionRecord.defaultYears) and 100: HIPAA requires the record be kept six years (45 CFR 164.316(b)(2), 164.530(j)); a state's law or the organisation's schedule may require longer."
            )
            return RetentionRecord.defaultYears
        }
        return years.value
    }

    private mutating func readRoles(_ top: Node.Mapping) -> [RoleDefinition] {
        fields.mappings(top, "roles", in: "The workflow").compactMap { role in
            fields.rejectUnknownKeys(role, allowed: ["id", "description"], in: "A role")
            guard let id = fields.string(role, "id", in: "A role") else { return nil }
            references.roles.append(id)
            return RoleDefinition(
                id: id.value,
                description: fields.string(role, "description", in: "Role \(id.value)", required: false)?.value ?? "")
        }
    }

    private mutating func readBusinessHours(_ top: Node.Mapping) -> BusinessHours {
        guard let node = top["business-hours"], let hours = fields.mapping(node, "business-hours") else {
            return BusinessHours()
        }
        fields.rejectUnknownKeys(hours, allowed: ["opens", "closes", "time-zone"], in: "business-hours")
        var result = BusinessHours()
        if let opens = fields.string(hours, "opens", in: "business-hours") {
            result.opensAt = minutes(opens) ?? result.opensAt
        }
        if let closes = fields.string(hours, "closes", in: "business-hours") {
            result.closesAt = minutes(closes) ?? result.closesAt
        }
        if let zone = fields.string(hours, "time-zone", in: "business-hours") {
            if TimeZone(identifier: zone.value) == nil {
                fields.report(
                    zone.at, "bad-time-zone",
                    "\"\(zone.value)\" is not a time zone; use an identifier such as America/New_York.")
            } else {
                result.timeZone = zone.value
            }
        }
        return result
    }

    private mutating func minutes(_ text: Located<String>) -> Int? {
        let parts = text.value.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else {
            fields.report(text.at, "bad-time", "\"\(text.value)\" is not a time of day; write it as HH:MM, e.g. 08:00.")
            return nil
        }
        return parts[0] * 60 + parts[1]
    }

    private mutating func readMessagePolicy(_ top: Node.Mapping) -> MessagePolicy {
        guard let node = top["messages"], let messages = fields.mapping(node, "messages") else {
            return MessagePolicy(requiredApprovals: [], conditionalApprovals: [], citation: "")
        }
        fields.rejectUnknownKeys(messages, allowed: ["approvals", "conditional-approvals", "citation"], in: "messages")
        let approvals = fields.strings(messages, "approvals", in: "messages")
        approvals.forEach { references.roleRefs.append(($0, "the message approvals")) }
        let conditional = fields.mappings(messages, "conditional-approvals", in: "messages").compactMap {
            entry -> ConditionalApproval? in
            fields.rejectUnknownKeys(
                entry, allowed: ["role", "when-any-action-taken", "reason"], in: "A conditional approval")
            guard let role = fields.string(entry, "role", in: "A conditional approval") else { return nil }
            references.roleRefs.append((role, "a conditional approval"))
            let actions = fields.strings(entry, "when-any-action-taken", in: "A conditional approval")
            actions.forEach { references.actionRefs.append(($0, "a conditional approval")) }
            return ConditionalApproval(
                role: role.value, whenAnyActionTaken: actions.map(\.value),
                reason: fields.string(entry, "reason", in: "A conditional approval", required: false)?.value ?? "")
        }
        return MessagePolicy(
            requiredApprovals: approvals.map(\.value), conditionalApprovals: conditional,
            citation: fields.string(messages, "citation", in: "messages", required: false)?.value ?? "")
    }

    private mutating func readPermissions(_ top: Node.Mapping) -> [CommandName: [String]] {
        guard let node = top["permissions"], let permissions = fields.mapping(node, "permissions") else { return [:] }
        var result: [CommandName: [String]] = [:]
        for (key, _) in permissions {
            guard let name = key.string else { continue }
            guard let command = CommandName(rawValue: name) else {
                fields.report(
                    Spot(key.mark), "unknown-command",
                    "permissions names \"\(name)\", which is not a command; use one of: \(CommandName.allCases.map(\.rawValue).joined(separator: ", "))."
                )
                continue
            }
            switch CommandPermissions.rule(for: command) {
            case .roles, .anyTeamMember: break
            case .decidedByWorkflow, .crisis, .pageRecipient:
                fields.report(
                    Spot(key.mark), "permission-not-listed",
                    "permissions names \"\(name)\", whose permission is not a role list: an action's roles are set on the action, approvals by the message policy, a page is acknowledged by the person paged, and crisis records missed deadlines and pages itself. Remove the entry."
                )
                continue
            }
            let roles = fields.strings(permissions, name, in: "permissions")
            guard !roles.isEmpty else {
                // Nobody could issue the command: a workflow says who may, or leaves the default.
                fields.report(
                    Spot(key.mark), "empty-permission",
                    "permissions for \"\(name)\" names no role, so nobody could issue it; name at least one role, or remove the entry to keep the default."
                )
                continue
            }
            roles.forEach { references.roleRefs.append(($0, "permissions for \(name)")) }
            result[command] = roles.map(\.value)
        }
        return result
    }

    private mutating func readState(_ entry: Node.Mapping) -> StateDefinition? {
        fields.rejectUnknownKeys(entry, allowed: ["name", "title", "final", "checklist", "actions"], in: "A state")
        guard let name = fields.string(entry, "name", in: "A state") else { return nil }
        references.states.append(name)
        if references.stateSpots[name.value] == nil { references.stateSpots[name.value] = name.at }
        let what = "State \(name.value)"
        let actions = fields.mappings(entry, "actions", in: what).compactMap { readAction($0, state: name.value) }
        return StateDefinition(
            name: name.value, title: fields.string(entry, "title", in: what, required: false)?.value ?? name.value,
            isFinal: fields.bool(entry, "final", in: what),
            checklist: fields.strings(entry, "checklist", in: what).map(\.value), actions: actions)
    }

    private mutating func readAction(_ entry: Node.Mapping, state: String) -> ActionDefinition? {
        fields.rejectUnknownKeys(
            entry, allowed: ["name", "title", "to", "roles", "guards", "requires-note"], in: "An action")
        guard let name = fields.string(entry, "name", in: "An action in state \(state)") else { return nil }
        references.actions.append((state, name))
        let what = "Action \(name.value)"
        let target = fields.string(entry, "to", in: what)
        if let target { references.stateRefs.append((target, "action \(name.value)")) }
        let roles = fields.strings(entry, "roles", in: what)
        if roles.isEmpty { fields.report(name.at, "missing-field", "\(what) needs \"roles\": who may take it.") }
        roles.forEach { references.roleRefs.append(($0, "action \(name.value)")) }
        let guards = fields.strings(entry, "guards", in: what)
        guards.forEach { references.guardRefs.append(($0, "action \(name.value)")) }
        guard let target else { return nil }
        return ActionDefinition(
            name: name.value, title: fields.string(entry, "title", in: what, required: false)?.value ?? name.value,
            target: target.value, roles: roles.map(\.value), guards: guards.map(\.value),
            requiresNote: fields.bool(entry, "requires-note", in: what))
    }

    private mutating func readTemplate(_ entry: Node.Mapping) -> TemplateDefinition? {
        fields.rejectUnknownKeys(entry, allowed: ["name", "title", "channel", "body"], in: "A template")
        guard let name = fields.string(entry, "name", in: "A template") else { return nil }
        references.templates.append(name)
        let what = "Template \(name.value)"
        guard let body = fields.string(entry, "body", in: what) else { return nil }
        let sample = TemplateText.placeholders(in: body.value).reduce(body.value) {
            $0.replacingOccurrences(of: "{{\($1)}}", with: "placeholder")
        }
        for finding in PHIScanner.scan(sample) {
            fields.report(
                body.at, "template-phi",
                "\(what) looks like it holds patient detail: \(finding.description). Templates must hold none.")
        }
        return TemplateDefinition(
            name: name.value, title: fields.string(entry, "title", in: what, required: false)?.value ?? name.value,
            channel: fields.string(entry, "channel", in: what, required: false)?.value ?? "public", body: body.value)
    }
}
