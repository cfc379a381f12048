import CrisisDomain
import Foundation
import Testing

/// Issue 18: the date of the breach itself (164.404(c)(1)(A)) and who first knew of it
/// (164.404(a)(2)) are recorded, never in the future, and amended only with a reason.
@Suite("The breach's date and who first knew")
struct BreachCircumstancesTests {
    typealias F = Fixtures

    func opened() throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        return h
    }

    func record(breachOn: Date? = nil, knower: String? = nil, committer: String? = nil, reason: String? = nil)
        -> IncidentCommand
    {
        .recordBreachCircumstances(
            BreachCircumstancesRecorded(
                breachOn: breachOn, firstKnownBy: knower, committedBy: committer, reason: reason))
    }

    @Test("the date and who first knew are recorded and shown in the timeline")
    func recorded() throws {
        var h = try opened()
        let day = h.now.addingTimeInterval(-2 * 86_400)
        try h.run(record(breachOn: day, knower: "charge nurse Okafor", committer: "agency nurse"), as: F.pat)
        let circumstances = try #require(h.state.breach.circumstances)
        #expect(circumstances.breachOn == day && circumstances.firstKnownBy == "charge nurse Okafor")
        #expect(circumstances.by == "pat" && circumstances.reason == nil)
        #expect(try #require(h.history.last).event.sentence.contains("first known by charge nurse Okafor"))
    }

    @Test("a breach date in the future, or after discovery, is bad input")
    func dateChecked() throws {
        var h = try opened()
        let future = h.refusal(record(breachOn: h.now.addingTimeInterval(3_600), knower: "x"), as: F.pat)
        #expect(future?.rule == "input.time-in-future" && future?.isBadInput == true)
        h.advance(hours: 2)
        let late = h.refusal(record(breachOn: h.now.addingTimeInterval(-600)), as: F.pat)
        #expect(late?.rule == "breach.date-after-discovery" && late?.isBadInput == true)
    }

    @Test("the person who committed the breach cannot be the one who first knew (164.404(a)(2))")
    func committerIsNotTheKnower() throws {
        var h = try opened()
        let refusal = h.refusal(record(knower: "Nurse Ann", committer: "nurse ann"), as: F.pat)
        #expect(refusal?.rule == "breach.first-known-by-committer")
        try h.run(record(committer: "Nurse Ann"), as: F.pat)
        #expect(
            h.refusal(record(knower: "Nurse Ann", reason: "she told us"), as: F.pat)?.rule
                == "breach.first-known-by-committer")
    }

    @Test("changing a recorded value needs a reason; the earlier record stays and unchanged fields carry over")
    func amendmentNeedsReason() throws {
        var h = try opened()
        let day = h.now.addingTimeInterval(-2 * 86_400)
        try h.run(record(breachOn: day, knower: "charge nurse Okafor"), as: F.lee)
        #expect(
            h.refusal(record(breachOn: day.addingTimeInterval(-86_400)), as: F.lee)?.rule
                == "breach.amendment-needs-reason")
        try h.run(record(breachOn: day.addingTimeInterval(-86_400), reason: "photo metadata"), as: F.lee)
        #expect(h.state.breach.circumstances?.breachOn == day.addingTimeInterval(-86_400))
        #expect(h.state.breach.circumstances?.firstKnownBy == "charge nurse Okafor")
        #expect(h.state.breach.circumstances?.reason == "photo metadata")
        #expect(h.state.breach.earlierCircumstances?.first?.breachOn == day)
    }

    @Test("something must be given")
    func nothingGiven() throws {
        var h = try opened()
        #expect(h.refusal(record(), as: F.pat)?.rule == "input.required")
    }
}
