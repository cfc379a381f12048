import CrisisDomain
import Foundation

/// `crisis policy what-if --html PATH`: the replay as one self-contained page.
public enum WhatIfHTML {
    public static func render(_ whatIf: WhatIf, digest: String) -> String {
        let e = ExportEscaping.html
        func time(_ date: Date?) -> String {
            date.map { e($0.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))) } ?? "-"
        }
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>What-if: \(e(whatIf.kind)) v\(whatIf.workflow.version)</title>
            <style>body{font-family:sans-serif;max-width:60em;margin:2em auto}
            td,th{border:1px solid #999;padding:.3em;text-align:left}.missed{font-weight:bold;color:#a00}</style>
            </head><body>
            <h1>What-if: \(e(whatIf.kind)) workflow v\(whatIf.workflow.version)</h1>
            <p>Proposed definition \(e(whatIf.workflow.contentHash)); \(whatIf.totals.incidents) recorded incidents\(whatIf.since.map { " opened since \(time($0))" } ?? ""), judged as of \(time(whatIf.asOf)). Digest \(e(digest)).</p>
            <p>\(e(whatIf.summary))</p>
            <table><tr><th>Deadline</th><th>Missed as recorded</th><th>Missed under the proposal</th><th>Met as recorded</th><th>Met under the proposal</th></tr>

            """
        for deadline in whatIf.totals.deadlines {
            html +=
                "<tr><td>\(e(deadline.deadline))</td><td>\(deadline.missedRecorded)</td><td>\(deadline.missedProposed)</td><td>\(deadline.metRecorded)</td><td>\(deadline.metProposed)</td></tr>\n"
        }
        html += "</table>\n"
        for incident in whatIf.incidents {
            html +=
                "<section><h2>\(e(String(incident.incidentId.uuidString.lowercased().prefix(8)))) \(e(incident.title))</h2>\n"
            if !incident.refused.isEmpty {
                html += "<table><tr><th>#</th><th>Event</th><th>By</th><th>Rule</th><th>Why</th></tr>\n"
                for finding in incident.refused {
                    html +=
                        "<tr><td>\(finding.version)</td><td>\(e(finding.eventType))</td><td>\(e(finding.actor))</td><td>\(e(finding.rule))</td><td>\(e(finding.explanation))</td></tr>\n"
                }
                html += "</table>\n"
            }
            html += "<table><tr><th>Deadline</th><th>As recorded</th><th>Under the proposal</th><th>Due</th></tr>\n"
            for change in incident.deadlines {
                html +=
                    "<tr\(change.wouldHaveBeenMissed ? " class=\"missed\"" : "")><td>\(e(change.deadline))</td><td>\(e(change.recorded?.rawValue ?? "absent"))</td><td>\(e(change.proposed?.rawValue ?? "absent"))</td><td>\(time(change.proposedDueAt))</td></tr>\n"
            }
            html += "</table></section>\n"
        }
        return html + "</body></html>\n"
    }
}
