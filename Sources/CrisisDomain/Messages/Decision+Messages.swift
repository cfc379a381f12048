/// Message rules: the exact text is what gets approved, editing voids approvals, authors never
/// approve their own words, publication needs every required approval and the approved text,
/// and the PHI scanner screens every draft and edit.
extension Decision {
    func decideMessage(_ command: MessageCommand) throws(Refusal) -> [IncidentEvent] {
        switch command {
        case .draft(let channel, let body):
            let (text, template) = try render(body)
            // A draft from a template goes to the template's channel unless another is named.
            let channel = try requiredName(
                channel.isEmpty ? (template.flatMap { definition.template(named: $0)?.channel } ?? "") : channel,
                "a channel")
            try screen(text)
            return [
                .message(
                    .drafted(
                        MessageDrafted(messageId: state.nextMessageId, channel: channel, text: text, template: template)
                    ))
            ]
        case .edit(let id, let text):
            let message = try existing(id)
            try notPublished(message)
            let text = try required(text, "the new text")
            try screen(text)
            return [.message(.edited(MessageEdited(messageId: id, text: text, revision: message.revision + 1)))]
        case .submit(let id):
            let message = try existing(id)
            try notPublished(message)
            guard message.status == .draft || message.status == .rejected else {
                throw Refusal(
                    .messageAlreadySubmitted,
                    "\(id) is already \(message.status.rawValue); it waits for approval, nothing to submit.")
            }
            return [.message(.submitted(MessageSubmitted(messageId: id, revision: message.revision)))]
        case .approve(let id, let role, let note, let digest):
            return try approve(id, role: role, note: note, digest: digest)
        case .reject(let id, let role, let reason):
            let message = try existing(id)
            try notPublished(message)
            try awaitingApproval(message)
            let reason = try required(reason, "a reason the author can act on")
            let role = try approvalRole(requested: role, message: message, allowApproved: true)
            return [
                .message(
                    .rejected(MessageRejected(messageId: id, role: role, revision: message.revision, reason: reason)))
            ]
        case .publish(let id, let url, let text):
            return try publish(id, url: url, text: text)
        case .overridePHIFinding(let text, let reason):
            let reason = try required(reason, "the reason the text may go out despite the finding")
            let findings = PHIScanner.scan(text)
            guard !findings.isEmpty else {
                throw Refusal(
                    .phiNothingToOverride,
                    "The PHI scanner finds nothing in this text; there is nothing to override.")
            }
            return [
                .message(
                    .phiScannerOverridden(
                        PHIScannerOverridden(
                            textSHA256: ContentHash.sha256Hex(text), findings: findings.map(\.description),
                            reason: reason,
                            rules: Self.ruleIds(of: findings))))
            ]
        }
    }

    /// The ids of the rules that fired, each once, in order of first finding.
    private static func ruleIds(of findings: [PHIFinding]) -> [String] {
        var ids: [String] = []
        for finding in findings where !ids.contains(finding.rule) { ids.append(finding.rule) }
        return ids
    }

    private func approve(_ id: String, role: String?, note: String?, digest: String?) throws(Refusal)
        -> [IncidentEvent]
    {
        let message = try existing(id)
        try notPublished(message)
        try awaitingApproval(message)
        if let digest, digest.lowercased() != message.textSHA256 {
            throw Refusal(
                .messageTextChanged,
                "The words of \(id) changed since they were read (now revision \(message.revision), SHA-256 \(message.textSHA256.prefix(12))); read the current text and approve that."
            )
        }
        guard !message.authors.contains(actor.databaseRole) else {
            throw Refusal(
                .messageAuthorCannotApprove,
                "\(actor.databaseRole) wrote \(id) and can never approve it; ask another holder of the role to approve."
            )
        }
        let role = try approvalRole(requested: role, message: message, allowApproved: false)
        if message.approvals.contains(where: { $0.by == actor.databaseRole }) {
            throw Refusal(
                .messageOneApprovalPerPerson,
                "\(actor.databaseRole) has already approved \(id) in another role; each required approval must come from a different person."
            )
        }
        let required = Set(definition.requiredApprovals(for: state))
        let complete = required.isSubset(of: message.approvedRoles.union([role]))

        return [
            .message(
                .approved(
                    MessageApproved(
                        messageId: id, role: role, revision: message.revision, textSHA256: message.textSHA256,
                        note: note.typedText, approvalComplete: complete)))
        ]
    }

    private func publish(_ id: String, url: String, text: String) throws(Refusal) -> [IncidentEvent] {
        let message = try existing(id)
        guard message.status != .published else {
            throw Refusal(
                .messageAlreadyPublished,
                "\(id) was already published at \(message.publishedURL ?? "its URL"); draft a new message for a follow-up."
            )
        }
        let url = try requiredName(url, "the URL where it was published")
        let missing = definition.requiredApprovals(for: state).filter { !message.approvedRoles.contains($0) }
        guard missing.isEmpty else {
            throw Refusal(
                .messageApprovalsMissing,
                "\(id) cannot be published: it still needs approval by \(missing.joined(separator: ", ")) for its current text; "
                    + "submit it and wait for `crisis legal approve`.")
        }
        guard text == message.text else {
            throw Refusal(
                .messageTextNotApproved,
                "The text being published is not the text that was approved for \(id); publish exactly the approved text, or edit the message and have it approved again."
            )
        }
        return [
            .message(
                .published(
                    MessagePublished(
                        messageId: id, url: url, revision: message.revision, textSHA256: message.textSHA256)))
        ]
    }

    /// The role an approval or rejection is given in.
    private func approvalRole(requested: String?, message: Message, allowApproved: Bool) throws(Refusal) -> String {
        let required = definition.requiredApprovals(for: state)
        if let requested {
            guard required.contains(requested) else {
                throw Refusal(
                    .messageRoleNotRequired,
                    "\(requested) is not an approval this message needs; it needs \(required.joined(separator: ", ")).")
            }
            guard actor.organisationalRoles.contains(requested) else {
                throw Refusal(
                    .messageApproverLacksRole,
                    "\(actor.databaseRole) does not hold the role \(requested); ask someone who does.")
            }
            if !allowApproved && message.approvedRoles.contains(requested) {
                throw Refusal(
                    .messageRoleAlreadyApproved,
                    "\(id(message)) is already approved by \(requested) in its current text; nothing to add.")
            }
            return requested
        }
        let held = required.filter { actor.organisationalRoles.contains($0) }
        guard !held.isEmpty else {
            throw Refusal(
                .messageApproverLacksRole,
                "\(actor.databaseRole) holds none of the roles that approve messages here (\(required.joined(separator: ", "))); ask one of them."
            )
        }
        if allowApproved { return held[0] }
        guard let open = held.first(where: { !message.approvedRoles.contains($0) }) else {
            throw Refusal(
                .messageRoleAlreadyApproved,
                "\(id(message)) is already approved by \(held.joined(separator: ", ")) in its current text; nothing to add."
            )
        }
        return open
    }

    private func id(_ message: Message) -> String { message.id }

    private func render(_ body: MessageBody) throws(Refusal) -> (String, String?) {
        switch body {
        case .text(let text):
            return (try required(text, "the message text"), nil)
        case .template(let name, let values):
            guard let template = definition.template(named: name) else {
                throw Refusal(
                    .messageUnknownTemplate,
                    "There is no template \"\(name)\" in the \(definition.kind) workflow; use one of: \(definition.templates.map(\.name).joined(separator: ", "))."
                )
            }
            switch TemplateText.render(template.body, values: values) {
            case .success(let text): return (text, name)
            case .failure(let missing):
                throw Refusal(
                    .messageTemplateValuesMissing,
                    "The template \(name) needs values for \(missing.names.joined(separator: ", ")); give each with --set KEY=VALUE."
                )
            }
        }
    }

    /// Refuses text that looks like patient detail unless a privacy officer overrode this exact text;
    /// the refusal says why, in the words of each rule, and what to write instead.
    private func screen(_ text: String) throws(Refusal) {
        let findings = PHIScanner.scan(text)
        guard !findings.isEmpty else { return }
        let hash = ContentHash.sha256Hex(text)
        guard !state.phiOverrides.contains(where: { $0.textSHA256 == hash }) else { return }
        var alternatives: [String] = []
        for finding in findings where !alternatives.contains(finding.alternative) {
            alternatives.append(finding.alternative)
        }
        throw Refusal(
            .messagePhiSuspected,
            "The text looks like it holds patient detail: " + findings.map(\.description).joined(separator: "; ")
                + ". Instead: " + alternatives.joined(separator: " ") + privateReplyTemplateHint
                + " If it must go out as written, ask the privacy officer to override this exact text with a recorded reason."
        )
    }

    /// The workflow's template for a reply that moves the conversation private, as a command to run.
    private var privateReplyTemplateHint: String {
        let templates = definition.templates.filter { $0.channel != "private" }
        let template =
            templates.first { $0.name.contains("private") }
            ?? templates.first { $0.body.contains("privately") || $0.body.contains("direct message") }
            ?? templates.first { $0.body.lowercased().contains("contact") }
        guard let template else { return "" }
        let incident = state.id.map { String($0.uuidString.lowercased().prefix(8)) } ?? "INCIDENT"
        return
            " The workflow's template \"\(template.name)\" is written for this: `crisis message draft \(incident) --template \(template.name)`."
    }

    private func existing(_ id: String) throws(Refusal) -> Message {
        guard let message = state.message(id) else {
            throw Refusal(.messageUnknown, "There is no message \(id) on this incident; run `crisis message list ID`.")
        }
        return message
    }

    private func notPublished(_ message: Message) throws(Refusal) {
        guard message.status != .published else {
            throw Refusal(
                .messageAlreadyPublished,
                "\(message.id) is already published and cannot change; draft a new message for a follow-up.")
        }
    }

    private func awaitingApproval(_ message: Message) throws(Refusal) {
        guard message.status == .submitted || message.status == .approved else {
            throw Refusal(
                .messageNotSubmitted,
                "\(message.id) is a \(message.status.rawValue), not submitted for approval; submit it first.")
        }
    }
}
