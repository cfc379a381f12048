import CrisisDomain
import Foundation

/// `crisis policy review --html PATH`: the review as one self-contained page,
/// its charts inline SVG.
public enum PolicyReviewHTML {
    /// One kind's response times (median and 90th percentile, in minutes) as an SVG chart:
    /// inline in the CLI's page, an image of its own on `crisis serve`'s `/review`.
    public static func responseTimesSVG(_ kind: PolicyReview.KindReview) -> String {
        func minutes(_ seconds: Double?) -> Double? { seconds.map { ($0 / 60 * 10).rounded() / 10 } }
        var bars = [
            PolicyReviewChart.Bar(
                label: "First approved public response",
                values: [
                    ("median", minutes(kind.firstApprovedResponse.median)),
                    ("90th percentile", minutes(kind.firstApprovedResponse.p90)),
                ]),
            PolicyReviewChart.Bar(
                label: "Legal approval turnaround",
                values: [
                    ("median", minutes(kind.legalTurnaround.median)),
                    ("90th percentile", minutes(kind.legalTurnaround.p90)),
                ]),
        ]
        for platform in kind.removalByPlatform {
            bars.append(
                .init(
                    label: "Removal on \(platform.platform)",
                    values: [
                        ("median", minutes(platform.removal.median)),
                        ("90th percentile", minutes(platform.removal.p90)),
                    ]))
        }
        return PolicyReviewChart(title: "\(kind.kind): response times", unit: "min", bars: bars).svg()
    }

    public static func render(_ review: PolicyReview, projections: ProjectionStatus) -> String {
        let e = ExportEscaping.html
        func minutes(_ seconds: Double?) -> Double? { seconds.map { ($0 / 60 * 10).rounded() / 10 } }
        func day(_ date: Date?) -> String {
            date.map { e($0.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))) } ?? "-"
        }
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Policy review</title>
            <style>
            body{font-family:sans-serif;margin:2em;max-width:72em}table{border-collapse:collapse;width:100%;margin:.5em 0}
            td,th{border:1px solid #999;padding:.3em;text-align:left;vertical-align:top}.recurring{font-weight:bold}
            .note{color:#555}
            </style></head><body>
            <h1>Policy review</h1>
            <p class="note">Drawn up \(day(review.generatedAt)) from incidents opened \(review.since.map { "since \(day($0))" } ?? "at any time")\(review.kind.map { ", kind \(e($0))" } ?? ""). Projections through global position \(projections.checkpoint.globalPosition)\(projections.isCurrent ? "" : ", \(projections.eventsBehind) events behind"). Medians are the middle value; the 90th percentile is the nearest-rank value.</p>

            """
        if review.kinds.isEmpty { html += "<p>No incidents in this period.</p>\n" }
        for kind in review.kinds {
            html += "<section class=\"kind\" id=\"kind-\(e(kind.kind))\"><h2>\(e(kind.kind))</h2>\n"
            html +=
                "<p><span class=\"count\">\(kind.incidents)</span> incidents: \(kind.open) open, \(kind.closed) closed.</p>\n"
            html += responseTimesSVG(kind) + "\n"
            html += "<table><tr><th>Measure</th><th>n</th><th>median (min)</th><th>p90 (min)</th></tr>\n"
            let rows: [(String, Distribution)] =
                [
                    ("First approved public response", kind.firstApprovedResponse),
                    ("Legal approval turnaround", kind.legalTurnaround),
                ]
                + kind.removalByPlatform.map { ("Removal on \($0.platform)", $0.removal) }
            for (label, distribution) in rows {
                html +=
                    "<tr><td>\(e(label))</td><td>\(distribution.count)</td><td>\(minutes(distribution.median).map(PolicyReviewChart.number) ?? "-")</td><td>\(minutes(distribution.p90).map(PolicyReviewChart.number) ?? "-")</td></tr>\n"
            }
            html += "</table>\n"
            if kind.missedDeadlines.isEmpty {
                html += "<p>No deadline was missed.</p>\n"
            } else {
                html +=
                    PolicyReviewChart(
                        title: "\(kind.kind): deadlines missed", unit: "missed",
                        bars: kind.missedDeadlines.map {
                            .init(label: $0.deadlineId, values: [("missed", Double($0.missed))])
                        }
                    ).svg() + "\n"
                html += "<table><tr><th>Deadline</th><th>Missed</th><th>Escalated to</th></tr>\n"
                for missed in kind.missedDeadlines {
                    let to = missed.escalatedTo.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
                        .joined(separator: ", ")
                    html +=
                        "<tr><td>\(e(missed.deadlineId))</td><td>\(missed.missed)</td><td>\(e(to.isEmpty ? "not escalated" : to))</td></tr>\n"
                }
                html += "</table>\n"
            }
            if !kind.pages.isEmpty {
                html +=
                    "<h3>Pages</h3><table><tr><th>Role paged</th><th>Pages</th><th>Acknowledged after, median (min)</th><th>p90 (min)</th><th>Reached nobody</th></tr>\n"
                for role in kind.pages {
                    html +=
                        "<tr><td>\(e(role.role))</td><td>\(role.pages)</td><td>\(minutes(role.acknowledged.median).map(PolicyReviewChart.number) ?? "-")</td><td>\(minutes(role.acknowledged.p90).map(PolicyReviewChart.number) ?? "-")</td><td>\(role.reachedNobody)</td></tr>\n"
                }
                html += "</table>\n"
            }
            if !kind.phiOverridesByRule.isEmpty {
                html +=
                    "<h3>PHI scanner overrides by rule</h3><table><tr><th>Rule</th><th>Overrides</th><th>Incidents</th></tr>\n"
                for rule in kind.phiOverridesByRule {
                    html += "<tr><td>\(e(rule.rule))</td><td>\(rule.overrides)</td><td>\(rule.incidents)</td></tr>\n"
                }
                html += "</table>\n"
            }
            html +=
                "<h3>Workflow versions in force</h3><table><tr><th>Version</th><th>Content hash</th><th>Incidents</th><th>First opened</th><th>Last opened</th></tr>\n"
            for version in kind.workflowVersions {
                html +=
                    "<tr><td>v\(version.version)</td><td>\(e(String(version.contentHash.prefix(16))))</td><td>\(version.incidents)</td><td>\(day(version.firstOpenedAt))</td><td>\(day(version.lastOpenedAt))</td></tr>\n"
            }
            html += "</table></section>\n"
        }
        html += drillSection(review.drills)
        html += "<section id=\"root-causes\"><h2>Root causes</h2>\n"
        if review.rootCauses.isEmpty {
            html += "<p>No published root cause yet.</p>\n"
        } else {
            html +=
                PolicyReviewChart(
                    title: "Root causes by incidents naming them", unit: "incidents",
                    bars: review.rootCauses.prefix(15).map {
                        .init(label: String($0.text.prefix(40)), values: [("incidents", Double($0.incidents.count))])
                    }
                ).svg() + "\n<table><tr><th>Root cause</th><th>Incidents</th><th>Recurring</th></tr>\n"
            for cause in review.rootCauses {
                html +=
                    "<tr\(cause.recurring ? " class=\"recurring\"" : "")><td>\(e(cause.text))</td><td>\(cause.incidents.count)</td><td>\(cause.recurring ? "yes" : "no")</td></tr>\n"
            }
            html += "</table>\n"
        }
        html += "</section>\n<section id=\"overdue-actions\"><h2>Overdue post-mortem actions</h2>\n"
        if review.overdueActions.isEmpty {
            html += "<p>None.</p>\n"
        } else {
            html += "<table><tr><th>Incident</th><th>Action</th><th>Owner</th><th>Due</th><th>Days overdue</th></tr>\n"
            for action in review.overdueActions {
                html +=
                    "<tr><td>\(e(action.incidentTitle)) (\(e(String(action.incidentId.uuidString.lowercased().prefix(8)))))</td><td>\(e(action.actionId)): \(e(action.text))</td><td>\(e(action.owner))</td><td>\(e(action.due))</td><td>\(action.daysOverdue)</td></tr>\n"
            }
            html += "</table>\n"
        }
        html += "</section>\n<section id=\"proposals\"><h2>Policy proposals</h2>\n"
        if review.proposals.isEmpty {
            html += "<p>None.</p>\n"
        } else {
            html += "<table><tr><th>Proposal</th><th>Workflow</th><th>Change</th><th>Status</th><th>Decided</th></tr>\n"
            for proposal in review.proposals {
                let decided =
                    proposal.decidedBy.map { "\($0), \(day(proposal.decidedAt)): \(proposal.reason ?? "")" } ?? "-"
                let status =
                    proposal.adoptedInVersion.map { "adopted in v\($0)" } ?? proposal.status.rawValue
                html +=
                    "<tr><td>\(e(String(proposal.id.uuidString.lowercased().prefix(8))))</td><td>\(e(proposal.workflowKind))</td><td>\(e(proposal.change))</td><td>\(e(status))</td><td>\(e(decided))</td></tr>\n"
            }
            html += "</table>\n"
        }
        html += "</section>\n<section id=\"publications\"><h2>Workflow versions published</h2>\n"
        html += "<table><tr><th>Kind</th><th>Version</th><th>Content hash</th><th>In force from</th></tr>\n"
        for publication in review.publications {
            html +=
                "<tr><td>\(e(publication.kind))</td><td>v\(publication.version)</td><td>\(e(String(publication.contentHash.prefix(16))))</td><td>\(day(publication.publishedAt))</td></tr>\n"
        }
        html += "</table></section>\n</body></html>\n"
        return html
    }
}
