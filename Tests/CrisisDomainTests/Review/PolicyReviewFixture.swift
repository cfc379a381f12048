import CrisisDomain
import Foundation

/// A dozen incidents with known times, for checking the policy review by hand:
/// eight PHI leaks and four viral complaints, one a week from `Fixtures.start`.
/// The expected figures are worked out in PolicyReviewTests from the tables below.
enum PolicyReviewFixture {
    typealias F = Fixtures

    /// Minutes before opening that each PHI leak was detected.
    static let phiDetectionLead: [Double] = [10, 20, 30, 40, 50, 60, 70, 80]
    /// Minutes legal took to approve each PHI leak's holding statement.
    static let phiLegalMinutes: [Double] = [10, 20, 30, 40, 50, 60, 90, 120]
    /// Minutes from removal request to confirmation on Instagram (incidents 0-5; 6 and 7 never request one).
    static let instagramMinutes: [Double] = [30, 60, 90, 120, 150, 180]
    /// Minutes on TikTok for incidents 4 and 5, which had a second post there.
    static let tiktokMinutes: [Double] = [45, 75]
    static let viralDetectionLead: [Double] = [5, 15, 25, 35]
    /// Minutes the privacy officer took to approve each viral complaint's statement.
    static let viralPrivacyMinutes: [Double] = [10, 20, 30, 40]
    /// Minutes from removal request to confirmation on X for each viral complaint.
    static let xMinutes: [Double] = [20, 40, 60, 80]

    static func opening(week: Int) -> Date { F.start.addingTimeInterval(Double(week) * 7 * 86_400) }

    /// When the review is drawn up: thirteen weeks after the first incident (a Monday).
    static let reviewedAt = opening(week: 13)

    static func phiRootCause(_ index: Int) -> String {
        ["Phones in chart areas", "phones  in chart areas.", "No weekend social-media coverage"][index % 3]
    }

    static func viralRootCause(_ index: Int) -> String {
        [
            "No weekend social-media coverage", "no weekend social-media coverage", "Templates out of date",
            "Slow legal review",
        ][index]
    }

    /// Every incident's final state.
    static func incidents() throws -> [IncidentState] {
        try (0..<8).map(phiLeak) + (0..<4).map(viralComplaint)
    }

    static func phiLeak(_ index: Int) throws -> IncidentState {
        var h = try IncidentHarness("phi-leak")
        let opened = opening(week: index)
        h.now = opened
        var posts = [PostReference(platform: "instagram", url: "https://ig.example/p/\(index)")]
        if index == 4 || index == 5 {
            posts.append(PostReference(platform: "tiktok", url: "https://tt.example/\(index)"))
        }
        try h.run(
            .open(
                OpenIncident(
                    id: UUID(), title: "Leak \(index)", posts: posts,
                    detectedAt: opened.addingTimeInterval(-phiDetectionLead[index] * 60))), as: F.alice)
        try h.run(.assign(role: "commander", to: "alice"), as: F.alice)
        let legal = phiLegalMinutes[index]
        var steps: [(minutes: Double, command: IncidentCommand, actor: Actor)] = [
            (
                1,
                .message(
                    .draft(channel: "public", body: .text("We are aware of a post and have asked for its removal."))),
                F.sam
            ),
            (5, .message(.submit(messageId: "m1")), F.sam),
            (5 + legal, .message(.approve(messageId: "m1", role: "legal", note: nil)), F.lee),
            (10 + legal, .message(.approve(messageId: "m1", role: "privacy-officer", note: nil)), F.pat),
        ]
        if index < 6 {
            steps.append((2, .removal(.request(platform: "instagram", url: posts[0].url)), F.sam))
            steps.append((2 + instagramMinutes[index], .removal(.confirm(removalId: "r1", evidence: nil)), F.sam))
        }
        if index == 4 || index == 5 {
            steps.append((3, .removal(.request(platform: "tiktok", url: posts[1].url)), F.sam))
            steps.append((3 + tiktokMinutes[index - 4], .removal(.confirm(removalId: "r2", evidence: nil)), F.sam))
        }
        steps.append((240, .postMortem(.start), F.alice))
        steps.append((241, .postMortem(.addEntry(.whatHappened, text: "A chart was visible in a post")), F.alice))
        steps.append((242, .postMortem(.addEntry(.rootCause, text: phiRootCause(index))), F.alice))
        if index <= 1 {
            let due = PostMortemDay.string(from: opened.addingTimeInterval(86_400))
            steps.append((243, .postMortem(.addAction(text: "Signs in chart areas", owner: "hank", due: due)), F.alice))
        }
        if index == 1 { steps.append((244, .postMortem(.completeAction(actionId: "a1", note: "done")), F.hank)) }
        steps.append((245, .postMortem(.publish), F.alice))
        // 4 hours after detection the removal-requests clock has run out for 6 and 7.
        steps.append((300, .recordMissedDeadlines, F.alice))
        for step in steps.sorted(by: { $0.minutes < $1.minutes }) {
            h.now = opened.addingTimeInterval(step.minutes * 60)
            try h.run(step.command, as: step.actor)
            if case .message(.approve(_, "privacy-officer", _, _)) = step.command {
                h.now = h.now.addingTimeInterval(5 * 60)
                try h.publish("m1")
            }
        }
        return h.state
    }

    static func viralComplaint(_ index: Int) throws -> IncidentState {
        var h = try IncidentHarness("viral-complaint")
        let opened = opening(week: 8 + index)
        h.now = opened
        let post = PostReference(platform: "x", url: "https://x.example/\(index)")
        try h.run(
            .open(
                OpenIncident(
                    id: UUID(), title: "Complaint \(index)", posts: [post],
                    detectedAt: opened.addingTimeInterval(-viralDetectionLead[index] * 60))), as: F.alice)
        try h.run(.assign(role: "commander", to: "alice"), as: F.alice)
        try h.run(.act(action: "no-phi-found", note: "no patient detail in the thread"), as: F.alice)
        let privacy = viralPrivacyMinutes[index]
        var steps: [(minutes: Double, command: IncidentCommand, actor: Actor)] = [
            (1, .message(.draft(channel: "holding", body: .text("We hear you and will reach out directly."))), F.sam),
            (5, .message(.submit(messageId: "m1")), F.sam),
            (5 + privacy, .message(.approve(messageId: "m1", role: "privacy-officer", note: nil)), F.pat),
            (10 + privacy, .message(.approve(messageId: "m1", role: "communications", note: nil)), F.cora),
            (2, .removal(.request(platform: "x", url: post.url)), F.sam),
            (2 + xMinutes[index], .removal(.confirm(removalId: "r1", evidence: nil)), F.sam),
            (200, .postMortem(.start), F.alice),
            (201, .postMortem(.addEntry(.whatHappened, text: "A complaint went viral")), F.alice),
            (202, .postMortem(.addEntry(.rootCause, text: viralRootCause(index))), F.alice),
        ]
        if index == 0 {
            let due = PostMortemDay.string(from: reviewedAt.addingTimeInterval(86_400))
            steps.append((203, .postMortem(.addAction(text: "Weekend rota", owner: "cora", due: due)), F.alice))
        }
        steps.append((205, .postMortem(.publish), F.alice))
        for step in steps.sorted(by: { $0.minutes < $1.minutes }) {
            h.now = opened.addingTimeInterval(step.minutes * 60)
            try h.run(step.command, as: step.actor)
            if case .message(.approve(_, "communications", _, _)) = step.command {
                h.now = h.now.addingTimeInterval(5 * 60)
                try h.publish("m1")
            }
        }
        return h.state
    }
}
