import CrisisDomain
import Foundation
import Testing

@Suite("The policy review's figures, checked against a dozen incidents with known times")
struct PolicyReviewTests {
    typealias Fixture = PolicyReviewFixture

    func minutes(_ value: Double?) -> Double? { value.map { $0 / 60 } }

    func review(since: Date? = nil, kind: String? = nil, proposals: [PolicyProposal] = []) throws -> PolicyReview {
        let metrics = try Fixture.incidents().compactMap(IncidentMetrics.init)
        return PolicyReview(
            incidents: metrics, proposals: proposals, since: since, kind: kind, now: Fixture.reviewedAt)
    }

    @Test("counts, first approved response and legal turnaround per kind match the hand computation")
    func responseFigures() throws {
        let review = try review()
        #expect(review.kinds.map(\.kind) == ["phi-leak", "viral-complaint"])
        let phi = try #require(review.kinds.first { $0.kind == "phi-leak" })
        #expect(phi.incidents == 8 && phi.open == 8 && phi.closed == 0)
        // detection lead + 5 (submit) + legal + 5 (privacy officer) + 5 (publish):
        // 35, 55, 75, 95, 115, 135, 175, 215 → median (95+115)/2, p90 the 8th of 8.
        #expect(minutes(phi.firstApprovedResponse.median) == 105)
        #expect(minutes(phi.firstApprovedResponse.p90) == 215)
        #expect(phi.firstApprovedResponse.count == 8)
        // 10, 20, 30, 40, 50, 60, 90, 120 → median (40+50)/2, p90 the 8th.
        #expect(minutes(phi.legalTurnaround.median) == 45)
        #expect(minutes(phi.legalTurnaround.p90) == 120)

        let viral = try #require(review.kinds.first { $0.kind == "viral-complaint" })
        #expect(viral.incidents == 4)
        // 5+15+10, 15+15+20, 25+15+30, 35+15+40 = 30, 50, 70, 90 → median 60, p90 the 4th of 4.
        #expect(minutes(viral.firstApprovedResponse.median) == 60)
        #expect(minutes(viral.firstApprovedResponse.p90) == 90)
        #expect(viral.legalTurnaround.count == 0 && viral.legalTurnaround.median == nil)
    }

    @Test("removal times per platform, and missed deadlines with whom they were escalated to")
    func removalAndDeadlineFigures() throws {
        let review = try review()
        let phi = try #require(review.kinds.first { $0.kind == "phi-leak" })
        #expect(phi.removalByPlatform.map(\.platform) == ["instagram", "tiktok"])
        let instagram = phi.removalByPlatform[0].removal
        // 30, 60, 90, 120, 150, 180 → median (90+120)/2, p90 the 6th of 6.
        #expect(instagram.count == 6 && minutes(instagram.median) == 105 && minutes(instagram.p90) == 180)
        let tiktok = phi.removalByPlatform[1].removal
        #expect(tiktok.count == 2 && minutes(tiktok.median) == 60 && minutes(tiktok.p90) == 75)
        let x = try #require(review.kinds.first { $0.kind == "viral-complaint" }?.removalByPlatform.first)
        #expect(x.platform == "x" && minutes(x.removal.median) == 50 && minutes(x.removal.p90) == 80)
        // Incidents 6 and 7 never requested a removal: missed 4 hours after detection, in business hours.
        #expect(phi.missedDeadlines.map(\.deadlineId) == ["removal-requests"])
        #expect(phi.missedDeadlines.first?.missed == 2)
        #expect(phi.missedDeadlines.first?.escalatedTo == ["commander": 2])
    }

    @Test("recurring root causes are counted once per incident across wording; one action is overdue")
    func rootCausesAndActions() throws {
        let review = try review()
        let causes = review.rootCauses.map { (PolicyReview.normalised($0.text), $0.incidents.count, $0.recurring) }
        #expect(causes.count == 4)
        #expect(causes[0] == ("phones in chart areas", 6, true))
        #expect(causes[1] == ("no weekend social-media coverage", 4, true))
        #expect(causes[2].1 == 1 && !causes[2].2)
        #expect(causes[3].1 == 1 && !causes[3].2)
        // Incident 0's action was due the day after it opened, 13 weeks before the review;
        // incident 1's was done; the viral complaint's is due after the review.
        #expect(review.overdueActions.count == 1)
        #expect(review.overdueActions.first?.incidentTitle == "Leak 0")
        #expect(review.overdueActions.first?.daysOverdue == 90)
    }

    @Test("--since and --kind narrow the incidents; workflow versions in force are listed")
    func filters() throws {
        let recent = try review(since: Fixture.opening(week: 6))
        let phi = try #require(recent.kinds.first { $0.kind == "phi-leak" })
        #expect(phi.incidents == 2)
        // 175 and 215 → median 195, p90 the 2nd of 2.
        #expect(minutes(phi.firstApprovedResponse.median) == 195)
        #expect(minutes(phi.firstApprovedResponse.p90) == 215)
        let viralOnly = try review(kind: "viral-complaint")
        #expect(viralOnly.kinds.map(\.kind) == ["viral-complaint"])
        #expect(viralOnly.overdueActions.isEmpty)
        let all = try review()
        #expect(all.kinds.first { $0.kind == "phi-leak" }?.workflowVersions.map(\.version) == [5])
        #expect(all.kinds.first { $0.kind == "phi-leak" }?.workflowVersions.first?.incidents == 8)
    }

    @Test("an empty sample has no median; one value is its own median and p90; nearest rank for p90")
    func distributionDefinition() {
        #expect(Distribution([]).median == nil)
        #expect(Distribution([7]).median == 7 && Distribution([7]).p90 == 7)
        #expect(Distribution(Array(1...10).map(Double.init)).p90 == 9)
        #expect(Distribution(Array(1...11).map(Double.init)).p90 == 10)
        #expect(Distribution([3, 1, 2]).median == 2)
    }
}
