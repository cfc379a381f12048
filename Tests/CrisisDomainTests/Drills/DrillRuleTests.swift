import CrisisDomain
import Foundation
import Testing

@Suite("Drills: marked, kept apart from the real figures, never a real clock, scheduled only ahead")
struct DrillRuleTests {
    typealias F = Fixtures

    private func openDrill(_ kind: String = "phi-leak") throws -> IncidentHarness {
        var h = try IncidentHarness(kind)
        try h.run(.open(OpenIncident(id: F.incidentId, title: "Rehearsal", drill: true)), as: F.alice)
        return h
    }

    @Test("a drill is marked on its opening event, its state and its timeline sentence; a real incident is not")
    func drillIsMarked() throws {
        let h = try openDrill()
        #expect(h.state.isDrill)
        guard case .incidentOpened(let opened) = h.history.first?.event else {
            Issue.record("the first event is not the opening")
            return
        }
        #expect(opened.drill == true)
        #expect(h.history.first?.event.sentence.hasPrefix("DRILL") == true)
        var real = try IncidentHarness("phi-leak")
        try real.open()
        #expect(!real.state.isDrill)
        guard case .incidentOpened(let realOpening) = real.history.first?.event else { return }
        #expect(realOpening.drill == nil)
        let data = try IncidentEvent.incidentOpened(realOpening).encodedData()
        #expect(!String(decoding: data, as: UTF8.self).contains("drill"), "a real opening stores no drill field")
    }

    @Test("a page about a drill says DRILL first, in its subject and its text")
    func pageSaysDrill() throws {
        var h = try openDrill()
        try h.run(.paging(.requestOwed(schedule: OnCallSchedule())), as: F.alice)
        let page = try #require(h.state.pages.first, "the opening of a drill is paged as a real one's")
        let notice = PageNotice(page: page, state: h.state, definition: h.definition, baseURL: nil)
        #expect(notice.subject.hasPrefix("DRILL"))
        #expect(notice.text(now: h.now).hasPrefix("DRILL"))
    }

    @Test("the policy review leaves drills out of the real figures and shows them in a drill section")
    func reviewSeparatesDrills() throws {
        var real = try IncidentHarness("phi-leak")
        try real.open()
        let drill = try openDrill()
        var drillMetrics = try #require(IncidentMetrics(drill.state))
        drillMetrics.incidentId = UUID()
        let review = PolicyReview(
            incidents: [try #require(IncidentMetrics(real.state)), drillMetrics], proposals: [], since: nil,
            kind: nil, now: real.now)
        #expect(review.kinds.map(\.incidents) == [1])
        #expect(review.drills.count == 1)
        #expect(review.drills.first?.drills == [drillMetrics.incidentId])
        #expect(review.drills.first?.quarter == DrillReview.quarter(of: drill.now))
    }

    @Test("a drill never appears in the HHS annual log: it starts no real notification clock")
    func drillNotInAnnualLog() throws {
        var real = try IncidentHarness("phi-leak")
        try real.open()
        let drill = try openDrill()
        let year = Calendar(identifier: .gregorian).component(.year, from: real.now)
        let later = real.now.addingTimeInterval(400 * 86_400)
        let realLog = annualLog([(real.state, real.definition)], year: year, now: later)
        let drillLog = annualLog([(drill.state, drill.definition)], year: year, now: later)
        #expect(!realLog.isEmpty, "the real incident is in the log (the test's yardstick)")
        #expect(drillLog.isEmpty)
    }

    @Test("a drill's key is never shredded: it is evidence of training")
    func drillNeverShredded() throws {
        var h = try openDrill()
        let refusal = h.refusal(.shredKey(reason: "six years"), as: F.pat)
        #expect(refusal?.id == .retentionDrillKept)
    }

    @Test("a drill is scheduled only for a time still to come, of a kind there is, by the commander or privacy officer")
    func scheduleRules() throws {
        let now = F.start
        let decider = DrillDecider(actor: F.alice, now: now, kinds: ["phi-leak"])
        let past = #expect(throws: Refusal.self) {
            try decider.decide(.schedule(kind: "phi-leak", at: now.addingTimeInterval(-60)), DrillSchedule())
        }
        #expect(past?.id == .drillTimeInPast)
        #expect(past?.isBadInput == true)
        let unknown = #expect(throws: Refusal.self) {
            try decider.decide(.schedule(kind: "fire", at: now.addingTimeInterval(60)), DrillSchedule())
        }
        #expect(unknown?.id == .inputUnknownKind)
        let sam = DrillDecider(actor: F.sam, now: now, kinds: ["phi-leak"])
        let role = #expect(throws: Refusal.self) {
            try sam.decide(.schedule(kind: "phi-leak", at: now.addingTimeInterval(60)), DrillSchedule())
        }
        #expect(role?.id == .permissionRole)
        let events = try decider.decide(.schedule(kind: "phi-leak", at: now.addingTimeInterval(60)), DrillSchedule())
        #expect(
            events == [.drillScheduled(DrillScheduled(drillId: "d1", kind: "phi-leak", at: now.addingTimeInterval(60)))]
        )
    }

    @Test("recording the start of a drill that was never scheduled is bad input")
    func unknownDrill() {
        let decider = DrillDecider(actor: F.alice, now: F.start, kinds: ["phi-leak"])
        let refusal = #expect(throws: Refusal.self) {
            try decider.decide(.recordStarted(drillId: "d7", incident: UUID()), DrillSchedule())
        }
        #expect(refusal?.id == .inputUnknownDrill)
        #expect(refusal?.isBadInput == true)
    }

    @Test("a scheduled drill is due at its time, starts once, and a second start records nothing")
    func scheduleStartsOnce() throws {
        let now = F.start
        let decider = DrillDecider(actor: F.alice, now: now, kinds: ["phi-leak"])
        var schedule = DrillSchedule()
        for event in try decider.decide(.schedule(kind: "phi-leak", at: now.addingTimeInterval(60)), schedule) {
            schedule = DrillDecider.evolve(
                schedule, Recorded(event: event, actor: "alice", recordedAt: now, version: 1))
        }
        #expect(schedule.due(at: now).isEmpty)
        #expect(schedule.due(at: now.addingTimeInterval(60)).map(\.id) == ["d1"])
        let incident = UUID()
        for event in try decider.decide(.recordStarted(drillId: "d1", incident: incident), schedule) {
            schedule = DrillDecider.evolve(
                schedule, Recorded(event: event, actor: "watch", recordedAt: now, version: 2))
        }
        #expect(schedule.due(at: now.addingTimeInterval(60)).isEmpty)
        #expect(try decider.decide(.recordStarted(drillId: "d1", incident: UUID()), schedule).isEmpty)
    }
}
