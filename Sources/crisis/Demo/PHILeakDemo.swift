import CrisisApp
import Foundation

/// `crisis demo`: a PHI leak from discovery to close, acted out by six people
/// each logged in as their own database role, with the refusals a real team
/// meets on the way (a draft with patient detail, an author approving their
/// own words, a rejected message).
public struct PHILeakDemo: Sendable {
    public let environment: [String: String]
    public let library: WorkflowLibrary
    let say: @Sendable (String) -> Void

    public init(environment: [String: String], library: WorkflowLibrary, say: @escaping @Sendable (String) -> Void) {
        self.environment = environment
        self.library = library
        self.say = say
    }

    static let cast: [(person: String, roles: [String], who: String)] = [
        ("alice", ["commander"], "incident commander"),
        ("lee", ["legal"], "counsel"),
        ("pat", ["privacy-officer"], "privacy officer"),
        ("sam", ["social-media"], "social-media manager"),
        ("cora", ["communications"], "communications lead"),
        ("hank", ["hr"], "HR"),
    ]

    /// Runs the whole incident; returns its id.
    public func run() async throws(CommandError) -> String {
        let owner = try await open(role: nil)
        say("Roster (as \(owner.settings.role)):")
        for member in Self.cast {
            _ = try await RosterAdministration(database: owner).add(person: member.person, roles: member.roles)
            say("  \(member.person): \(member.roles.joined(separator: ", ")) (\(member.who))")
        }
        await owner.close()

        var people: [String: IncidentHandler] = [:]
        do {
            for member in Self.cast {
                people[member.person] = IncidentHandler(database: try await open(role: member.person), library: library)
            }
            let id = try await play(people)
            for handler in people.values { await handler.database.close() }
            return id
        } catch {
            for handler in people.values { await handler.database.close() }
            throw error
        }
    }

    /// The incident itself, each step as the person who would take it.
    private func play(_ people: [String: IncidentHandler]) async throws(CommandError) -> String {
        func handler(_ person: String) throws(CommandError) -> IncidentHandler {
            guard let handler = people[person] else { throw .badInput("\(person) is not in the demo's cast") }
            return handler
        }
        let now = Date()
        let discovered = now.addingTimeInterval(-3 * 3600)
        let opened = try await handler("alice").open(
            kind: "phi-leak",
            OpenIncident(
                id: UUID(), title: "Chart visible in a staff selfie",
                posts: [
                    PostReference(platform: "instagram", url: "https://instagram.example/p/9xk2"),
                    PostReference(platform: "tiktok", url: "https://tiktok.example/v/31337"),
                ], detectedAt: now.addingTimeInterval(-3600), discoveredAt: discovered))
        let stream = opened.stream
        say("\nalice opened phi-leak incident \(opened.id)")

        func step(_ person: String, _ command: IncidentCommand, _ what: String) async throws(CommandError) {
            _ = try await handler(person).execute(command, on: stream)
            say("  \(person): \(what)")
        }
        func refused(_ person: String, _ command: IncidentCommand, _ what: String) async throws(CommandError) {
            let actor = try handler(person)
            do {
                _ = try await actor.execute(command, on: stream)
            } catch {
                guard case .refused(let refusal) = error else { throw error }
                say("  \(person): \(what) -> REFUSED (\(refusal.rule)): \(refusal.message)")
                return
            }
            throw .corrupt("the demo expected \(what) to be refused, and it was accepted")
        }

        say("\nDetection and containment")
        try await step("alice", .assign(role: "commander", to: "alice"), "assigned herself as commander")
        try await step("alice", .assign(role: "privacy-officer", to: "pat"), "assigned pat as privacy officer")
        try await step("alice", .assign(role: "legal", to: "lee"), "assigned lee as counsel")
        try await step(
            "sam",
            .captureEvidence(
                url: "https://instagram.example/p/9xk2", capturedAt: now.addingTimeInterval(-3000),
                contentSHA256: ContentHash.sha256Hex("screenshot of the post")),
            "captured the post as evidence (URL, time, SHA-256)")
        try await step("alice", .act(action: "begin-containment", note: nil), "began containment")
        try await step(
            "sam", .removal(.request(platform: "instagram", url: "https://instagram.example/p/9xk2")),
            "asked Instagram to remove the post (r1)")
        try await step(
            "sam", .removal(.request(platform: "tiktok", url: "https://tiktok.example/v/31337")),
            "asked TikTok to remove the repost (r2)")
        try await step(
            "alice", .act(action: "containment-requested", note: "staff member's account access revoked"),
            "recorded containment")

        say("\nPublic messaging")
        try await refused(
            "sam",
            .message(
                .draft(
                    channel: "instagram",
                    body: .text("We are sorry Maria Lopez saw her chart online after her chemotherapy visit."))),
            "drafted a reply naming the patient")
        try await step(
            "sam",
            .message(
                .draft(
                    channel: "instagram",
                    body: .text("The staff member involved has been suspended and the patient has been contacted."))),
            "drafted m1")
        try await step("sam", .message(.submit(messageId: "m1")), "submitted m1")
        try await refused(
            "sam", .message(.approve(messageId: "m1", role: nil, note: nil)), "tried to approve his own m1")
        try await step(
            "lee",
            .message(
                .reject(
                    messageId: "m1", role: nil,
                    reason: "Confirms someone is our patient and discusses discipline in public"
                )),
            "rejected m1")
        let statement =
            "We are aware of a post that may involve information about people in our care. We have asked for it to be removed and are looking into it. Please contact us privately at 555-0100."
        try await step(
            "sam", .message(.draft(channel: "instagram", body: .text(statement))), "drafted m2, a holding statement")
        try await step("sam", .message(.submit(messageId: "m2")), "submitted m2")
        try await step(
            "lee", .message(.approve(messageId: "m2", role: nil, note: "No patient detail")), "approved m2 as legal")
        try await step(
            "pat", .message(.approve(messageId: "m2", role: nil, note: "Confirms no one's care")),
            "approved m2 as privacy officer")
        try await step(
            "cora",
            .message(.publish(messageId: "m2", url: "https://instagram.example/hospital/reply/1", text: statement)),
            "published exactly the approved m2")

        say("\nRisk assessment (45 CFR 164.402)")
        try await step(
            "pat",
            .recordExclusionCheck(exclusionApplies: false, reason: "Posted publicly; no 164.402(1) exclusion applies"),
            "recorded the exclusion check")
        let findings = [
            "Name, date of birth and diagnosis legible on the chart",
            "Posted publicly to about 2,000 followers",
            "Viewed about 4,000 times before removal",
            "Post removed within hours; staff access revoked",
        ]
        for (index, finding) in findings.enumerated() {
            try await step(
                "pat", .recordAssessmentFactor(factor: index + 1, finding: finding), "factor \(index + 1): \(finding)")
        }
        try await step(
            "pat", .recordAffectedPopulation(total: 1, residentsByState: ["NY": 1], unreachable: 0),
            "recorded 1 affected individual")
        try await step(
            "pat", .concludeAssessment(.breach, reason: "Identifiable PHI viewed by thousands"), "concluded: breach")
        try await step("pat", .act(action: "confirm-breach", note: nil), "confirmed the breach")

        say("\nTakedowns, notices, accountability")
        try await step(
            "sam", .removal(.confirm(removalId: "r1", evidence: "Instagram ticket closed; URL returns 404")),
            "confirmed r1 (Instagram) removed")
        try await step(
            "sam", .removal(.confirm(removalId: "r2", evidence: "TikTok removal notice")),
            "confirmed r2 (TikTok) removed")
        try await step(
            "pat", .recordNotification(.individuals, at: Date(), count: 1, stateCode: nil),
            "recorded the letter to the individual")
        try await step(
            "pat", .recordNotificationNotOwed(.media, stateCode: "NY", reason: "Fewer than 500 residents of any state"),
            "recorded why no media notice is owed")
        try await step("pat", .act(action: "notifications-sent", note: nil), "recorded notifications sent")
        try await step(
            "hank",
            .recordSanction(
                .sanction, staffMember: "staff member, 4 West", effectiveAt: Date(), description: "Written warning"),
            "recorded the sanction")
        try await step(
            "hank",
            .recordSanction(
                .training, staffMember: "staff member, 4 West", effectiveAt: Date(),
                description: "Social-media privacy course"), "recorded the retraining")

        say("\nReview and close")
        try await step("alice", .act(action: "begin-review", note: nil), "began the review")
        try await step("alice", .postMortem(.start), "started the post-mortem")
        try await step(
            "alice",
            .postMortem(
                .addEntry(
                    .whatHappened,
                    text: "A selfie with a chart in view stayed up 3 hours; holding statement out in 40 minutes"
                )), "wrote what happened")
        try await step(
            "alice", .postMortem(.addEntry(.rootCause, text: "Phones in chart areas")), "named the root cause")
        try await step(
            "alice",
            .postMortem(
                .addAction(
                    text: "Signage and a phone-free rule for chart areas on every unit", owner: "hank",
                    due: PostMortemDay.string(from: Date().addingTimeInterval(30 * 86_400)))),
            "assigned a follow-up action")
        try await step("alice", .postMortem(.publish), "published the post-mortem")
        try await step("alice", .close(note: "Posts down, notices sent, staff retrained"), "closed the incident")
        return opened.id
    }

    private func open(role: String?) async throws(CommandError) -> CrisisDatabase {
        do {
            return try await CrisisDatabase.open(environment: environment, role: role)
        } catch {
            throw .store(error)
        }
    }
}
