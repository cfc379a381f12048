import CrisisDomain
import Foundation
import Testing

/// The paging rules of the bundled workflows and the escalation chain: each test fails if its
/// rule is removed.
@Suite("Paging: which events page whom, and escalation")
struct PagingRuleTests {
    static let hour: TimeInterval = 3_600
    static let minute: TimeInterval = 60
    static let t0 = Fixtures.start
    static let crisis = Actor(databaseRole: "pager", organisationalRoles: [])

    /// Who is on call around t0 (a whole week), and where each is paged.
    static func schedule(
        _ shifts: [(role: String, person: String, level: Int)] = standardShifts, contacts: [String] = everyone
    ) -> OnCallSchedule {
        var events: [OnCallEvent] = [
            .channelAdded(
                ChannelAdded(name: "pager", webhook: "https://hooks.example.org/p", format: .generic, secretFile: nil))
        ]
        for (index, shift) in shifts.enumerated() {
            events.append(
                .shiftAdded(
                    ShiftAdded(
                        shiftId: "s\(index + 1)", role: shift.role, person: shift.person,
                        from: t0.addingTimeInterval(-24 * hour), until: t0.addingTimeInterval(7 * 24 * hour),
                        level: shift.level)))
        }
        for person in contacts {
            events.append(.contactSet(ContactSet(person: person, email: "\(person)@example.org", channels: ["pager"])))
        }
        return events.enumerated().reduce(OnCallSchedule()) { schedule, next in
            OnCallDecider.evolve(
                schedule, Recorded(event: next.element, actor: "admin", recordedAt: t0, version: Int64(next.offset + 1))
            )
        }
    }

    static let standardShifts: [(role: String, person: String, level: Int)] = [
        ("commander", "alice", 1), ("commander", "carmen", 2), ("legal", "lee", 1), ("legal", "dana", 2),
        ("privacy-officer", "pat", 1), ("privacy-officer", "priya", 2), ("social-media", "sam", 1),
        ("on-call", "olly", 1),
    ]
    static let everyone = ["alice", "carmen", "lee", "dana", "pat", "priya", "sam", "olly"]

    /// Runs `page run`'s command and returns the pages it requested.
    @discardableResult
    static func requestOwed(_ h: inout IncidentHarness, _ schedule: OnCallSchedule = schedule()) throws
        -> [PageRequested]
    {
        try h.run(.paging(.requestOwed(schedule: schedule)), as: crisis).compactMap {
            if case .paging(.requested(let page)) = $0 { page } else { nil }
        }
    }

    static func openPhiLeak() throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        return h
    }

    @Test("an opened phi-leak pages the commander and the privacy officer on call, once")
    func openedPagesCommanderAndPrivacyOfficer() throws {
        var h = try Self.openPhiLeak()
        let pages = try Self.requestOwed(&h)
        #expect(Set(pages.map(\.role)) == ["commander", "privacy-officer"])
        #expect(pages.first { $0.role == "privacy-officer" }?.recipients == ["pat"])
        #expect(pages.allSatisfy { $0.cause.kind == .incidentOpened && $0.level == 1 })
        #expect(try Self.requestOwed(&h).isEmpty, "a page already requested is never requested again")
    }

    @Test("a viral complaint pages only the commander when it opens")
    func viralComplaintPagesCommander() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        #expect(try Self.requestOwed(&h).map(\.role) == ["commander"])
    }

    @Test("a page carries no free text: the title and the message's words are in no page")
    func pagesCarryNoFreeText() throws {
        var h = try Self.openPhiLeak()
        try h.run(
            .message(.draft(channel: "public", body: .text("We are reviewing the marigold thread."))), as: Fixtures.sam)
        try h.run(.message(.submit(messageId: "m1")), as: Fixtures.sam)
        let pages = try Self.requestOwed(&h)
        let stored = try pages.map {
            String(decoding: try IncidentEvent.paging(.requested($0)).encodedData(), as: UTF8.self)
        }
        #expect(!stored.isEmpty)
        for text in stored {
            #expect(!text.contains("marigold") && !text.contains("Test incident"), "\(text)")
        }
    }

    @Test("a submitted message pages each role whose approval it needs: the one assigned, else the one on call")
    func approvalPagesAssignedElseOnCall() throws {
        var h = try Self.openPhiLeak()
        try h.run(.assign(role: "privacy-officer", to: "priya"), as: Fixtures.alice)
        try Self.requestOwed(&h)
        try h.run(.message(.draft(channel: "public", body: .text("We are looking into it."))), as: Fixtures.sam)
        try h.run(.message(.submit(messageId: "m1")), as: Fixtures.sam)
        let pages = try Self.requestOwed(&h)
        #expect(pages.allSatisfy { $0.cause == PageCause(.approvalNeeded, messageId: "m1", revision: 1) })
        #expect(pages.first { $0.role == "legal" }?.recipients == ["lee"], "nobody assigned: legal on call")
        #expect(pages.first { $0.role == "privacy-officer" }?.recipients == ["priya"], "assigned beats on call")
    }

    @Test("a message still waiting after remind-after pages the level-2 person for the role")
    func approvalReminderGoesToLevelTwo() throws {
        var h = try Self.openPhiLeak()
        try h.run(.message(.draft(channel: "public", body: .text("We are looking into it."))), as: Fixtures.sam)
        try h.run(.message(.submit(messageId: "m1")), as: Fixtures.sam)
        try Self.requestOwed(&h)
        for page in h.state.pages { try h.run(.paging(.acknowledge(pageId: page.id, note: nil)), as: actor(page)) }
        h.now = h.now.addingTimeInterval(29 * Self.minute)
        #expect(try Self.requestOwed(&h).isEmpty)
        h.now = h.now.addingTimeInterval(2 * Self.minute)
        let reminders = try Self.requestOwed(&h)
        #expect(Set(reminders.map(\.recipients)) == [["dana"], ["priya"]])
        #expect(reminders.allSatisfy { $0.cause.kind == .approvalWaiting && $0.level == 2 })
    }

    @Test("a page nobody acknowledges moves to level 2, then to the commander on call, each step once")
    func unacknowledgedPagesEscalate() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        try h.run(.message(.draft(channel: "public", body: .text("We hear you."))), as: Fixtures.sam)
        try h.run(.message(.submit(messageId: "m1")), as: Fixtures.sam)
        let shifts = [
            ("commander", "alice", 1), ("commander", "carmen", 2), ("communications", "cora", 1),
            ("communications", "carl", 2), ("privacy-officer", "pat", 1),
        ]
        let schedule = Self.schedule(shifts, contacts: ["alice", "carmen", "cora", "carl", "pat"])
        let first = try Self.requestOwed(&h, schedule).filter { $0.role == "communications" }
        #expect(first.map(\.recipients) == [["cora"]])
        h.now = h.now.addingTimeInterval(14 * Self.minute)
        let early = try Self.requestOwed(&h, schedule)
        #expect(early.isEmpty, "not before ack-within: \(early)")
        h.now = h.now.addingTimeInterval(2 * Self.minute)
        let second = try Self.requestOwed(&h, schedule).filter { $0.cause.pageId == first.first?.pageId }
        #expect(second.map(\.recipients) == [["carl"]])
        #expect(second.first?.cause.kind == .notAcknowledged)
        #expect(h.state.page(first[0].pageId)?.escalation?.toPageId == second.first?.pageId)
        h.now = h.now.addingTimeInterval(16 * Self.minute)
        let third = try Self.requestOwed(&h, schedule).filter { $0.cause.pageId == second.first?.pageId }
        #expect(third.map(\.role) == ["commander"])
        #expect(third.map(\.level) == [1])
        #expect(try Self.requestOwed(&h, schedule).allSatisfy { $0.cause.pageId != second.first?.pageId })
    }

    @Test("an acknowledged page does not escalate")
    func acknowledgedPagesStay() throws {
        var h = try Self.openPhiLeak()
        let pages = try Self.requestOwed(&h)
        for page in pages { try h.run(.paging(.acknowledge(pageId: page.pageId, note: "on it")), as: actor(page)) }
        h.now = h.now.addingTimeInterval(2 * Self.hour)
        #expect(try Self.requestOwed(&h).allSatisfy { $0.cause.kind != .notAcknowledged })
        #expect(h.state.pages.allSatisfy { $0.escalation == nil && $0.acknowledgementNote == "on it" })
    }

    @Test("a page stops escalating once what it asked for is done (the approval was given)")
    func pageForAGivenApprovalDoesNotEscalate() throws {
        var h = try Self.openPhiLeak()
        try h.run(.message(.draft(channel: "public", body: .text("We are looking into it."))), as: Fixtures.sam)
        try h.run(.message(.submit(messageId: "m1")), as: Fixtures.sam)
        let legal = try #require(try Self.requestOwed(&h).first { $0.role == "legal" })
        try h.run(.message(.approve(messageId: "m1", role: nil, note: nil)), as: Fixtures.lee)
        h.now = h.now.addingTimeInterval(20 * Self.minute)
        try Self.requestOwed(&h)
        #expect(h.state.page(legal.pageId)?.escalation == nil)
    }

    @Test("acknowledging someone else's page is refused, and the page stays open")
    func acknowledgingSomeoneElsesPageIsRefused() throws {
        var h = try Self.openPhiLeak()
        let page = try #require(try Self.requestOwed(&h).first { $0.role == "privacy-officer" })
        let refusal = h.refusal(.paging(.acknowledge(pageId: page.pageId, note: nil)), as: Fixtures.lee)
        #expect(refusal?.id == .pageNotYours)
        #expect(refusal?.isBadInput == false, "a refusal by rule, recorded like any other")
        #expect(h.state.page(page.pageId)?.isAcknowledged == false)
        #expect(h.refusal(.paging(.acknowledge(pageId: "nope", note: nil)), as: Fixtures.pat)?.id == .inputUnknownPage)
    }

    @Test("a role with nobody on call is paged to nobody, and that page escalates at once")
    func nobodyOnCallEscalatesAtOnce() throws {
        var h = try Self.openPhiLeak()
        let schedule = Self.schedule([("commander", "alice", 1), ("privacy-officer", "priya", 2)])
        let pages = try Self.requestOwed(&h, schedule)
        let nobody = try #require(pages.first { $0.role == "privacy-officer" && $0.level == 1 })
        #expect(nobody.recipients.isEmpty)
        #expect(pages.first { $0.cause.pageId == nobody.pageId }?.recipients == ["priya"], "in the same pass")
        #expect(h.state.page(nobody.pageId)?.escalation?.reason == .nobodyToPage)
    }

    @Test("a route is retried until delivered; the attempt after delivery records nothing")
    func retriedUntilDelivered() throws {
        var h = try Self.openPhiLeak()
        let page = try #require(try Self.requestOwed(&h).first { $0.role == "privacy-officer" })
        let route = PageRoute.webhook("pager")
        for attempt in 1...4 {
            try h.run(
                .paging(
                    .recordAttempt(
                        PageAttempt(
                            pageId: page.pageId, person: "pat", route: route, attempt: attempt,
                            outcome: .failed(reason: "HTTP 500", retryable: true, retryAt: h.now.addingTimeInterval(60))
                        ))),
                as: Self.crisis)
        }
        let delivered = try h.run(
            .paging(
                .recordAttempt(
                    PageAttempt(
                        pageId: page.pageId, person: "pat", route: route, attempt: 5,
                        outcome: .delivered(receipt: "HTTP 200")))),
            as: Self.crisis)
        #expect(delivered.count == 1)
        let delivery = try #require(h.state.page(page.pageId)?.deliveries.first { $0.route == route })
        #expect(delivery.attempts == 5 && delivery.deliveredAt != nil && !delivery.gaveUp)
        let again = try h.run(
            .paging(
                .recordAttempt(
                    PageAttempt(
                        pageId: page.pageId, person: "pat", route: route, attempt: 5,
                        outcome: .delivered(receipt: "HTTP 200")))),
            as: Self.crisis)
        #expect(again.isEmpty, "a second runner's record of the same attempt changes nothing")
    }

    @Test(
        "after the last attempt, or an answer a retry cannot change, the route is given up and the page escalates at once"
    )
    func failedPagesEscalateAtOnce() throws {
        var h = try Self.openPhiLeak()
        let schedule = Self.schedule(
            [("commander", "alice", 1), ("privacy-officer", "pat", 1), ("privacy-officer", "priya", 2)],
            contacts: ["alice", "pat", "priya"])
        let page = try #require(try Self.requestOwed(&h, schedule).first { $0.role == "privacy-officer" })
        // A 4xx: given up on the first attempt.
        try h.run(
            .paging(
                .recordAttempt(
                    PageAttempt(
                        pageId: page.pageId, person: "pat", route: PageRoute.webhook("pager"), attempt: 1,
                        outcome: .failed(reason: "HTTP 404", retryable: false, retryAt: h.now)))),
            as: Self.crisis)
        #expect(try Self.requestOwed(&h, schedule).isEmpty, "email is still outstanding")
        for attempt in 1...PageAttempt.maximumAttempts {
            try h.run(
                .paging(
                    .recordAttempt(
                        PageAttempt(
                            pageId: page.pageId, person: "pat", route: PageRoute.email, attempt: attempt,
                            outcome: .failed(reason: "sendmail exited 75", retryable: true, retryAt: h.now)))),
                as: Self.crisis)
        }
        #expect(h.state.page(page.pageId)?.deliveries.allSatisfy(\.gaveUp) == true)
        let next = try Self.requestOwed(&h, schedule)
        #expect(
            next.first { $0.cause.pageId == page.pageId }?.recipients == ["priya"], "without waiting for ack-within")
        #expect(h.state.page(page.pageId)?.escalation?.reason == .deliveryFailed)
    }

    @Test(
        "an acknowledgement is passed on to the routes the page reached and that were named (PagerDuty), retried, and given up after the last attempt"
    )
    func acknowledgementPassedOn() throws {
        var h = try Self.openPhiLeak()
        let page = try #require(try Self.requestOwed(&h).first { $0.role == "privacy-officer" })
        let webhook = PageRoute(person: "pat", route: PageRoute.webhook("pager"))
        let email = PageRoute(person: "pat", route: PageRoute.email)
        try h.run(
            .paging(
                .recordAttempt(
                    PageAttempt(
                        pageId: page.pageId, person: "pat", route: webhook.route, attempt: 1,
                        outcome: .delivered(receipt: "HTTP 202")))),
            as: Self.crisis)
        // The email route never delivered: it holds no alert, so it is not told, even if named.
        try h.run(.paging(.acknowledge(pageId: page.pageId, note: nil, passOnTo: [webhook, email])), as: Fixtures.pat)
        let acknowledged = try #require(h.state.page(page.pageId))
        #expect(acknowledged.delivery(webhook)?.acknowledgement?.isDue(at: h.now) == true)
        #expect(acknowledged.delivery(email)?.acknowledgement == nil)
        for attempt in 1...PageAttempt.maximumAttempts {
            try h.run(
                .paging(
                    .recordAttempt(
                        PageAttempt(
                            pageId: page.pageId, person: "pat", route: webhook.route, attempt: attempt,
                            outcome: .failed(
                                reason: "HTTP 503", retryable: true, retryAt: h.now.addingTimeInterval(60)),
                            acknowledgement: true))),
                as: Self.crisis)
        }
        let relay = try #require(h.state.page(page.pageId)?.delivery(webhook)?.acknowledgement)
        #expect(relay.gaveUp && relay.attempts == PageAttempt.maximumAttempts)
        #expect(h.state.page(page.pageId)?.delivery(webhook)?.deliveredAt != nil, "the page itself stays delivered")
        let after = try h.run(
            .paging(
                .recordAttempt(
                    PageAttempt(
                        pageId: page.pageId, person: "pat", route: webhook.route, attempt: 6,
                        outcome: .delivered(receipt: "HTTP 202"), acknowledgement: true))),
            as: Self.crisis)
        #expect(after.isEmpty, "nothing is recorded once the relay was given up")
    }

    @Test("an acknowledgement passed on is recorded once per attempt, and a page nobody tells stays without a relay")
    func acknowledgementRelayedOnce() throws {
        var h = try Self.openPhiLeak()
        let page = try #require(try Self.requestOwed(&h).first { $0.role == "privacy-officer" })
        let webhook = PageRoute(person: "pat", route: PageRoute.webhook("pager"))
        let delivered = PageAttempt(
            pageId: page.pageId, person: "pat", route: webhook.route, attempt: 1,
            outcome: .delivered(receipt: "HTTP 202"))
        try h.run(.paging(.recordAttempt(delivered)), as: Self.crisis)
        var relayed = delivered
        relayed.acknowledgement = true
        #expect(try h.run(.paging(.recordAttempt(relayed)), as: Self.crisis).isEmpty, "not acknowledged yet")
        try h.run(.paging(.acknowledge(pageId: page.pageId, note: nil, passOnTo: [webhook])), as: Fixtures.pat)
        let first = try h.run(.paging(.recordAttempt(relayed)), as: Self.crisis)
        #expect(first.count == 1)
        guard case .paging(.delivered(let event)) = first.first else {
            Issue.record("expected PageDelivered, got \(first)")
            return
        }
        #expect(event.isAcknowledgement && event.attempt == 1)
        #expect(try h.run(.paging(.recordAttempt(relayed)), as: Self.crisis).isEmpty, "a second runner's record")
        #expect(h.state.page(page.pageId)?.delivery(webhook)?.acknowledgement?.relayedAt != nil)
    }

    @Test("a missed deadline pages its escalation role in business hours, and the out-of-hours role at night")
    func missedDeadlinesPageByBusinessHours() throws {
        // removal-requests: 4 hours from detection, escalate-to commander, on-call outside hours.
        var day = try Self.openPhiLeak()  // 09:00 New York
        try Self.requestOwed(&day)
        day.now = day.now.addingTimeInterval(5 * Self.hour)  // 14:00 New York
        let inHours = try Self.requestOwed(&day).filter { $0.cause.kind == .deadlineMissed }
        #expect(inHours.map(\.role) == ["commander"])
        #expect(inHours.first?.cause.deadlineId == "removal-requests")

        var night = try IncidentHarness("phi-leak")
        night.now = Self.t0.addingTimeInterval(9 * Self.hour)  // 18:00 New York: detected after closing
        try night.open()
        try Self.requestOwed(&night)
        night.now = night.now.addingTimeInterval(8 * Self.hour)  // 02:00 New York
        let outOfHours = try Self.requestOwed(&night).filter { $0.cause.kind == .deadlineMissed }
        #expect(outOfHours.map(\.role) == ["on-call"])
        #expect(outOfHours.first?.recipients == ["olly"])
    }

    @Test("a deadline within warn-before of its end pages its role before it is missed")
    func deadlineDueSoonWarns() throws {
        var h = try Self.openPhiLeak()
        try Self.requestOwed(&h)
        h.now = h.now.addingTimeInterval(2.9 * Self.hour)
        #expect(try Self.requestOwed(&h).allSatisfy { $0.cause.kind != .deadlineDueSoon })
        h.now = h.now.addingTimeInterval(0.2 * Self.hour)
        let soon = try Self.requestOwed(&h).filter { $0.cause.kind == .deadlineDueSoon }
        #expect(soon.map(\.cause.deadlineId) == ["removal-requests"])
    }

    @Test(
        "a breach clock warns by its own warn-before (ten days ahead), not the paging rule's hour, in deadlines and in pages"
    )
    func breachClockWarnsByItsOwnTime() throws {
        var h = try Self.openPhiLeak()
        try Self.requestOwed(&h)
        let day: TimeInterval = 86_400
        func individuals(_ h: IncidentHarness) -> DeadlineStatus? {
            openDeadlines(h.state, h.definition, now: h.now).first { $0.id == "individuals-notice" }
        }
        h.now = Self.t0.addingTimeInterval(49 * day)
        #expect(individuals(h)?.isDueSoon(at: h.now) == false)
        #expect(try Self.requestOwed(&h).allSatisfy { $0.cause.deadlineId != "individuals-notice" })
        h.now = Self.t0.addingTimeInterval(50 * day + Self.hour)
        let clock = try #require(individuals(h))
        #expect(clock.isDueSoon(at: h.now) && clock.warnFrom == clock.dueAt.addingTimeInterval(-10 * day))
        let soon = try Self.requestOwed(&h).filter { $0.cause.kind == .deadlineDueSoon }
        // The size-dependent clocks run too while the number affected is unknown (issue 18).
        #expect(
            soon.contains { $0.cause.deadlineId == "individuals-notice" && $0.role == "privacy-officer" }, "\(soon)")
        #expect(soon.allSatisfy { $0.cause.dueAt.map { $0 > h.now } ?? false }, "each still running")
    }

    @Test("a failed removal pages social media on call")
    func failedRemovalPagesSocialMedia() throws {
        var h = try Self.openPhiLeak()
        try Self.requestOwed(&h)
        try h.run(.removal(.request(platform: "x", url: "https://x.example/p/1")), as: Fixtures.sam)
        try h.run(.removal(.fail(removalId: "r1", reason: "platform refused")), as: Fixtures.sam)
        let pages = try Self.requestOwed(&h).filter { $0.cause.kind == .removalFailed }
        #expect(pages.map(\.recipients) == [["sam"]])
    }

    @Test("the next check is the earliest acknowledgement deadline or clock, so a follower wakes for it")
    func nextCheckIsTheEarliestMoment() throws {
        var h = try Self.openPhiLeak()
        try Self.requestOwed(&h)
        let planner = PagePlanner(state: h.state, definition: h.definition, schedule: Self.schedule(), now: h.now)
        #expect(planner.nextCheck() == h.now.addingTimeInterval(15 * Self.minute))
    }

    @Test("the policy review counts the time to acknowledge per role, and the pages that reached nobody")
    func reviewCountsPages() throws {
        var h = try Self.openPhiLeak()
        let schedule = Self.schedule([("commander", "alice", 1)])
        let pages = try Self.requestOwed(&h, schedule)
        let commander = try #require(pages.first { $0.role == "commander" })
        h.now = h.now.addingTimeInterval(6 * Self.minute)
        try h.run(.paging(.acknowledge(pageId: commander.pageId, note: nil)), as: Fixtures.alice)
        let metrics = try #require(IncidentMetrics(h.state))
        let review = PolicyReview(incidents: [metrics], proposals: [], since: nil, kind: nil, now: h.now)
        let byRole = Dictionary(uniqueKeysWithValues: (review.kinds.first?.pages ?? []).map { ($0.role, $0) })
        #expect(byRole["commander"]?.acknowledged.median == 6 * Self.minute)
        #expect(byRole["commander"]?.reachedNobody == 0)
        #expect((byRole["privacy-officer"]?.reachedNobody ?? 0) >= 1, "nobody was on call for the privacy officer")
    }

    @Test("acknowledging a page that already escalated stops the rest of its chain")
    func acknowledgingEarlierInTheChainStopsIt() throws {
        var h = try Self.openPhiLeak()
        let first = try #require(try Self.requestOwed(&h).first { $0.role == "commander" && $0.level == 1 })
        h.now = h.now.addingTimeInterval(16 * Self.minute)
        let second = try #require(try Self.requestOwed(&h).first { $0.cause.pageId == first.pageId })
        try h.run(.paging(.acknowledge(pageId: first.pageId, note: "late, but on it")), as: Fixtures.alice)
        h.now = h.now.addingTimeInterval(16 * Self.minute)
        #expect(try Self.requestOwed(&h).allSatisfy { $0.cause.pageId != second.pageId })
        #expect(h.state.page(second.pageId)?.escalation == nil)
    }

    @Test("a missed deadline is paged once: not again to another role when business hours begin")
    func missedDeadlinePagedOnceAcrossTheHours() throws {
        var h = try IncidentHarness("phi-leak")
        h.now = Self.t0.addingTimeInterval(4.5 * Self.hour)  // 13:30 New York
        try h.open()
        for page in try Self.requestOwed(&h) {
            try h.run(.paging(.acknowledge(pageId: page.pageId, note: nil)), as: Self.actor(page))
        }
        h.now = h.now.addingTimeInterval(4.5 * Self.hour)  // 18:00: removal-requests missed, out of hours
        let night = try Self.requestOwed(&h).filter { $0.cause.kind == .deadlineMissed }
        #expect(night.map(\.role) == ["on-call"])
        h.now = h.now.addingTimeInterval(15 * Self.hour)  // 09:00 the next day
        #expect(try Self.requestOwed(&h).allSatisfy { $0.cause.kind != .deadlineMissed || $0.level > 1 })
    }

    @Test("a deadline-due-soon page stops escalating once the deadline has passed (the miss has its own page)")
    func dueSoonStopsAtTheDeadline() throws {
        var h = try Self.openPhiLeak()
        try Self.requestOwed(&h)
        h.now = h.now.addingTimeInterval(3.9 * Self.hour)
        let soon = try #require(try Self.requestOwed(&h).first { $0.cause.kind == .deadlineDueSoon })
        h.now = h.now.addingTimeInterval(0.2 * Self.hour)
        let later = try Self.requestOwed(&h)
        #expect(later.allSatisfy { $0.cause.pageId != soon.pageId })
        #expect(later.contains { $0.cause.kind == .deadlineMissed })
    }

    @Test("a failed removal's page stops escalating once the removal is confirmed")
    func resolvedRemovalStopsItsPage() throws {
        var h = try Self.openPhiLeak()
        try Self.requestOwed(&h)
        try h.run(.removal(.request(platform: "x", url: "https://x.example/p/1")), as: Fixtures.sam)
        try h.run(.removal(.fail(removalId: "r1", reason: "platform refused")), as: Fixtures.sam)
        let page = try #require(try Self.requestOwed(&h).first { $0.cause.kind == .removalFailed })
        try h.run(.removal(.confirm(removalId: "r1", evidence: "gone on appeal")), as: Fixtures.sam)
        h.now = h.now.addingTimeInterval(20 * Self.minute)
        try Self.requestOwed(&h)
        #expect(h.state.page(page.pageId)?.escalation == nil)
    }

    @Test("the approval reminder does not page level 2 again when the first page already escalated there")
    func reminderSkippedAfterEscalation() throws {
        var h = try Self.openPhiLeak()
        try h.run(.message(.draft(channel: "public", body: .text("We are looking into it."))), as: Fixtures.sam)
        try h.run(.message(.submit(messageId: "m1")), as: Fixtures.sam)
        try Self.requestOwed(&h)
        h.now = h.now.addingTimeInterval(16 * Self.minute)
        let escalated = try Self.requestOwed(&h).filter { $0.role == "legal" && $0.level == 2 }
        #expect(escalated.map(\.recipients) == [["dana"]])
        h.now = h.now.addingTimeInterval(15 * Self.minute)
        #expect(try Self.requestOwed(&h).allSatisfy { $0.cause.kind != .approvalWaiting || $0.role != "legal" })
    }

    @Test("a page's words (subject and text) hold no free text of the incident")
    func noticeHoldsNoFreeText() throws {
        var h = try Self.openPhiLeak()
        try h.run(.note("Patient Jane Roe, bed 4, saw it first"), as: Fixtures.alice)
        try h.run(
            .message(.draft(channel: "public", body: .text("We are reviewing the marigold thread."))), as: Fixtures.sam)
        try h.run(.message(.submit(messageId: "m1")), as: Fixtures.sam)
        try Self.requestOwed(&h)
        #expect(!h.state.pages.isEmpty)
        for page in h.state.pages {
            let notice = PageNotice(page: page, state: h.state, definition: h.definition, baseURL: nil)
            let words = notice.subject + "\n" + notice.text(now: h.now)
            for typed in ["Test incident", "marigold", "Jane", "bed 4"] {
                #expect(!words.contains(typed), "\(words)")
            }
            #expect(words.contains(page.id) && words.contains("crisis page ack \(page.id)"))
        }
    }

    static func actor(_ page: PageRequested) -> Actor {
        Actor(databaseRole: page.recipients.first ?? "", organisationalRoles: [page.role])
    }

    func actor(_ page: Page) -> Actor {
        Actor(databaseRole: page.recipients.first ?? "", organisationalRoles: [page.role])
    }

    func actor(_ page: PageRequested) -> Actor { Self.actor(page) }
}
