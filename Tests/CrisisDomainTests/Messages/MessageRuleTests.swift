import CrisisDomain
import Foundation
import Testing

@Suite("Message rules")
struct MessageRuleTests {
    typealias F = Fixtures
    static let safeText = "We hear you. Please send us a direct message so we can follow up privately."

    func openPHILeak() throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        return h
    }

    @Test("a draft gets an id derived from the incident: m1, m2, ...")
    func ids() throws {
        var h = try openPHILeak()
        try h.run(.message(.draft(channel: "public", body: .text(Self.safeText))), as: F.sam)
        try h.run(.message(.draft(channel: "public", body: .text(Self.safeText))), as: F.sam)
        #expect(h.state.messages.map(\.id) == ["m1", "m2"])
        #expect(h.state.messages[0].author == "sam")
    }

    @Test("the author of a message can never approve it")
    func authorCannotApprove() throws {
        var h = try openPHILeak()
        let author = Actor(databaseRole: "eve", organisationalRoles: ["legal", "communications"])
        try h.run(.message(.draft(channel: "public", body: .text(Self.safeText))), as: author)
        try h.run(.message(.submit(messageId: "m1")), as: F.sam)
        #expect(
            h.refusal(.message(.approve(messageId: "m1", role: "legal", note: nil)), as: author)?.rule
                == "message.author-cannot-approve")
    }

    @Test(
        "an approval carrying the digest of words that changed since they were read is refused; the current digest is accepted"
    )
    func approvalOfChangedWordsRefused() throws {
        var h = try openPHILeak()
        try h.run(.message(.draft(channel: "public", body: .text(Self.safeText))), as: F.sam)
        try h.run(.message(.submit(messageId: "m1")), as: F.sam)
        let read = try #require(h.state.message("m1")).textSHA256
        try h.run(.message(.edit(messageId: "m1", text: Self.safeText + " Thank you.")), as: F.sam)
        try h.run(.message(.submit(messageId: "m1")), as: F.sam)
        let refusal = h.refusal(
            .message(.approve(messageId: "m1", role: "legal", note: nil, textSHA256: read)), as: F.lee)
        #expect(refusal?.rule == "message.text-changed")
        #expect(refusal?.message.contains("revision 2") == true, "\(refusal?.message ?? "")")
        let current = try #require(h.state.message("m1")).textSHA256
        try h.run(
            .message(.approve(messageId: "m1", role: "legal", note: nil, textSHA256: current.uppercased())), as: F.lee)
        #expect(h.state.message("m1")?.approvals.map(\.by) == [F.lee.databaseRole])
    }

    @Test("someone who edited a message counts as its author and cannot approve it")
    func editorCannotApprove() throws {
        var h = try openPHILeak()
        let editor = Actor(databaseRole: "eve", organisationalRoles: ["legal", "communications"])
        try h.run(.message(.draft(channel: "public", body: .text(Self.safeText))), as: F.sam)
        try h.run(.message(.edit(messageId: "m1", text: Self.safeText + " Thank you.")), as: editor)
        try h.run(.message(.submit(messageId: "m1")), as: F.sam)
        #expect(
            h.refusal(.message(.approve(messageId: "m1", role: "legal", note: nil)), as: editor)?.rule
                == "message.author-cannot-approve")
    }

    @Test("a message cannot be published before every required approval")
    func publishBeforeApproval() throws {
        var h = try openPHILeak()
        let id = try h.approvedMessage(Self.safeText, approvers: [F.lee])
        let text = try #require(h.state.message(id)).text
        let refusal = h.refusal(.message(.publish(messageId: id, url: "https://x.example/1", text: text)), as: F.sam)
        #expect(refusal?.rule == "message.approvals-missing")
        #expect(refusal?.message.contains("privacy-officer") == true)
        try h.run(.message(.approve(messageId: id, role: nil, note: nil)), as: F.pat)
        try h.publish(id)
        #expect(h.state.message(id)?.status == .published)
    }

    @Test("only the approved text can be published")
    func publishOtherText() throws {
        var h = try openPHILeak()
        let id = try h.approvedMessage(Self.safeText, approvers: [F.lee, F.pat])
        #expect(
            h.refusal(
                .message(.publish(messageId: id, url: "https://x.example/1", text: Self.safeText + "!")), as: F.sam)?
                .rule == "message.text-not-approved")
    }

    @Test("editing after approval voids the approvals")
    func editVoidsApprovals() throws {
        var h = try openPHILeak()
        let id = try h.approvedMessage(Self.safeText, approvers: [F.lee, F.pat])
        #expect(h.state.message(id)?.status == .approved)
        try h.run(.message(.edit(messageId: id, text: Self.safeText + " Thank you.")), as: F.sam)
        let message = try #require(h.state.message(id))
        #expect(message.approvals.isEmpty)
        #expect(message.voidedApprovals.count == 2)
        #expect(message.status == .draft)
        #expect(message.revision == 2)
        #expect(
            h.refusal(.message(.publish(messageId: id, url: "u", text: message.text)), as: F.sam)?.rule
                == "message.approvals-missing")
    }

    @Test("an approval records the role it was given in and the hash of the exact text")
    func approvalRecordsRoleAndHash() throws {
        var h = try openPHILeak()
        let id = try h.approvedMessage(Self.safeText, approvers: [F.lee])
        let approval = try #require(h.state.message(id)?.approvals.first)
        #expect(approval.role == "legal")
        #expect(approval.by == "lee")
        #expect(approval.textSHA256 == ContentHash.sha256Hex(Self.safeText))
    }

    @Test("one person gives one approval per message, even holding two required roles")
    func onePersonOneApproval() throws {
        var h = try openPHILeak()
        let id = try h.approvedMessage(Self.safeText, approvers: [F.both])
        #expect(
            h.refusal(.message(.approve(messageId: id, role: "privacy-officer", note: nil)), as: F.both)?.rule
                == "message.one-approval-per-person")
    }

    @Test("a role cannot approve the same text twice")
    func roleAlreadyApproved() throws {
        var h = try openPHILeak()
        let id = try h.approvedMessage(Self.safeText, approvers: [F.lee])
        let otherLawyer = Actor(databaseRole: "lena", organisationalRoles: ["legal"])
        #expect(
            h.refusal(.message(.approve(messageId: id, role: nil, note: nil)), as: otherLawyer)?.rule
                == "message.role-already-approved")
        #expect(
            h.refusal(.message(.approve(messageId: id, role: "legal", note: nil)), as: otherLawyer)?.rule
                == "message.role-already-approved")
    }

    @Test("an approval in a role the message does not need is refused")
    func roleNotRequired() throws {
        var h = try openPHILeak()
        let id = try h.approvedMessage(Self.safeText, approvers: [])
        #expect(
            h.refusal(.message(.approve(messageId: id, role: "hr", note: nil)), as: F.hank)?.rule
                == "message.role-not-required")
    }

    @Test("an approver must hold the role the approval is given in")
    func approverLacksRole() throws {
        var h = try openPHILeak()
        let id = try h.approvedMessage(Self.safeText, approvers: [])
        #expect(
            h.refusal(.message(.approve(messageId: id, role: nil, note: nil)), as: F.rita)?.rule
                == "message.approver-lacks-role")
        #expect(
            h.refusal(.message(.approve(messageId: id, role: "legal", note: nil)), as: F.pat)?.rule
                == "message.approver-lacks-role")
    }

    @Test("a message must be submitted before it can be approved")
    func notSubmitted() throws {
        var h = try openPHILeak()
        try h.run(.message(.draft(channel: "public", body: .text(Self.safeText))), as: F.sam)
        #expect(
            h.refusal(.message(.approve(messageId: "m1", role: nil, note: nil)), as: F.lee)?.rule
                == "message.not-submitted")
        #expect(
            h.refusal(.message(.reject(messageId: "m1", role: nil, reason: "no")), as: F.lee)?.rule
                == "message.not-submitted")
    }

    @Test("a submitted message cannot be submitted again")
    func alreadySubmitted() throws {
        var h = try openPHILeak()
        _ = try h.approvedMessage(Self.safeText, approvers: [])
        #expect(h.refusal(.message(.submit(messageId: "m1")), as: F.sam)?.rule == "message.already-submitted")
    }

    @Test("a rejection records the reason and sends the message back to its author")
    func rejection() throws {
        var h = try openPHILeak()
        let id = try h.approvedMessage(Self.safeText, approvers: [])
        try h.run(.message(.reject(messageId: id, role: nil, reason: "too warm; say less")), as: F.lee)
        #expect(h.state.message(id)?.status == .rejected)
        #expect(h.state.message(id)?.rejections.first?.reason == "too warm; say less")
        #expect(
            h.refusal(.message(.reject(messageId: id, role: nil, reason: "  ")), as: F.lee)?.rule
                == "message.not-submitted")
        try h.run(.message(.submit(messageId: id)), as: F.sam)
        #expect(
            h.refusal(.message(.reject(messageId: id, role: nil, reason: "  ")), as: F.lee)?.rule == "input.required")
    }

    @Test("a published message cannot be edited, approved or published again")
    func publishedIsFinal() throws {
        var h = try openPHILeak()
        let id = try h.approvedMessage(Self.safeText, approvers: [F.lee, F.pat])
        try h.publish(id)
        #expect(h.refusal(.message(.edit(messageId: id, text: "x")), as: F.sam)?.rule == "message.already-published")
        #expect(
            h.refusal(.message(.approve(messageId: id, role: nil, note: nil)), as: F.lee)?.rule
                == "message.already-published")
        #expect(
            h.refusal(.message(.publish(messageId: id, url: "u", text: Self.safeText)), as: F.sam)?.rule
                == "message.already-published")
    }

    @Test("an unknown message id is refused")
    func unknownMessage() throws {
        var h = try openPHILeak()
        #expect(h.refusal(.message(.submit(messageId: "m9")), as: F.sam)?.rule == "message.unknown")
    }

    @Test("a draft from a template fills every placeholder and records the template")
    func template() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        try h.run(
            .message(
                .draft(
                    channel: "public-reply",
                    body: .template(
                        name: "move-private", values: ["handle": "@dana", "patient_relations_line": "1-800-555-0100"]))),
            as: F.sam)
        let message = try #require(h.state.message("m1"))
        #expect(message.template == "move-private")
        #expect(message.text.contains("@dana"))
        #expect(!message.text.contains("{{"))
    }

    @Test("a template with a missing value is refused, naming the placeholder")
    func templateMissingValue() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        let refusal = h.refusal(
            .message(
                .draft(channel: "public-reply", body: .template(name: "move-private", values: ["handle": "@dana"]))),
            as: F.sam)
        #expect(refusal?.rule == "message.template-values-missing")
        #expect(refusal?.message.contains("patient_relations_line") == true)
    }

    @Test("an unknown template is refused")
    func unknownTemplate() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        #expect(
            h.refusal(.message(.draft(channel: "public", body: .template(name: "nope", values: [:]))), as: F.sam)?.rule
                == "message.unknown-template")
    }

    @Test(
        "legal's approval becomes required once litigation is threatened or a journalist asks, even for an approved message",
        arguments: ["flag-litigation-threat", "flag-media-enquiry"])
    func conditionalApproval(_ flag: String) throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        try h.run(.act(action: "no-phi-found", note: "clean"), as: F.alice)
        let id = try h.approvedMessage(Self.safeText, channel: "holding", approvers: [F.pat, F.cora])
        try h.run(.act(action: flag, note: "lawyer mentioned, or a reporter called"), as: F.alice)
        let text = try #require(h.state.message(id)).text
        #expect(
            h.refusal(.message(.publish(messageId: id, url: "u", text: text)), as: F.sam)?.rule
                == "message.approvals-missing")
        try h.run(.message(.approve(messageId: id, role: nil, note: nil)), as: F.lee)
        try h.publish(id)
    }

    @Test("only communications may publish about an inappropriate video")
    func spokesperson() throws {
        var h = try IncidentHarness("inappropriate-video")
        try h.open()
        let id = try h.approvedMessage(Self.safeText, author: F.carl, approvers: [F.cora, F.lee])
        let text = try #require(h.state.message(id)).text
        #expect(
            h.refusal(.message(.publish(messageId: id, url: "u", text: text)), as: F.sam)?.rule == "permission.role")
        try h.publish(id, as: F.cora)
    }
}
