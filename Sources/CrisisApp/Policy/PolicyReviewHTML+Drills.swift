import CrisisDomain
import Foundation

extension PolicyReviewHTML {
    /// The drills, apart from the real figures: one table per kind and quarter (issue 16).
    static func drillSection(_ drills: [DrillReview]) -> String {
        guard !drills.isEmpty else { return "" }
        let e = ExportEscaping.html
        func minutes(_ seconds: Double?) -> String {
            seconds.map { PolicyReviewChart.number(($0 / 60 * 10).rounded() / 10) } ?? "-"
        }
        var html = "<section id=\"drills\"><h2>DRILL: rehearsals (not counted above)</h2>\n"
        for drill in drills {
            html += "<h3>DRILL \(e(drill.kind)) \(e(drill.quarter)): \(drill.drills.count) drills</h3>\n"
            html += "<table><tr><th>Measure</th><th>n</th><th>median (min)</th><th>p90 (min)</th></tr>\n"
            let rows: [(String, Distribution)] =
                [
                    ("First page acknowledged", drill.firstPageAcknowledged),
                    ("First approved holding statement", drill.firstApprovedStatement),
                    ("Legal approval turnaround", drill.legalTurnaround),
                ] + drill.pages.map { ("Page to \($0.role) acknowledged", $0.acknowledged) }
            for (label, distribution) in rows {
                html +=
                    "<tr><td>\(e(label))</td><td>\(distribution.count)</td><td>\(minutes(distribution.median))</td><td>\(minutes(distribution.p90))</td></tr>\n"
            }
            html += "</table>\n"
            let missed = drill.missedDeadlines.map { "\(e($0.deadlineId)) (\($0.missed))" }.joined(separator: ", ")
            html += "<p>Deadlines missed: \(missed.isEmpty ? "none" : missed).</p>\n"
        }
        return html + "</section>\n"
    }
}
