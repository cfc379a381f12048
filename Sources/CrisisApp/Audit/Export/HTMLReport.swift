import CrisisDomain
import CrisisStore
import Foundation

/// `crisis audit export --format html`: a report a regulator can read. The
/// summary, approvals, removals, assessment, deadlines and verification come
/// from one fold of the stream; the timeline is streamed row by row. Every
/// recorded value is HTML-escaped.
public struct HTMLReport: Sendable {
    /// The verification the report states, and the seal it was checked against.
    public struct Verification: Sendable {
        public var intact: Bool
        public var summary: String
        public var seal: String?

        public init(intact: Bool, summary: String, seal: String?) {
            self.intact = intact
            self.summary = summary
            self.seal = seal
        }
    }

    public let handler: IncidentHandler
    /// Whether privileged notes' words are shown (legal asked, `--include-privileged`); when not,
    /// the timeline keeps their row, marked withheld, with the event's hash.
    public var includePrivileged: Bool

    public init(handler: IncidentHandler, includePrivileged: Bool = false) {
        self.handler = handler
        self.includePrivileged = includePrivileged
    }

    public func write(_ stream: StreamID, verification: Verification, to path: String) async throws(CommandError) {
        let replay = try await AuditReplay(handler: handler).replay(
            stream, at: .now, keepHistory: false, keepNotes: false)
        let report = replay.report
        let timeline = AuditTimeline(handler: handler)
        let zone = try timeline.zone(for: replay.incident.definition)
        let file = try ExportFile(path: path)
        let state = report.state
        func e(_ text: String) -> String { ExportEscaping.html(text) }
        func t(_ date: Date?) -> String {
            date.map { e(AuditTime.iso(Int64(($0.timeIntervalSince1970 * 1_000_000).rounded()))) } ?? "-"
        }

        try file.write(
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>\(state.isDrill ? "DRILL: " : "")Audit report: \(e(state.title))</title>
            <style>
            body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;width:100%}
            td,th{border:1px solid #999;padding:.3em;vertical-align:top;text-align:left}
            .ok{color:#060}.bad{color:#a00}blockquote{background:#f4f4f4;padding:.5em;white-space:pre-wrap}
            </style></head><body>
            <h1>\(state.isDrill ? "DRILL: " : "")Audit report: \(e(state.title))</h1>\(state.isDrill ? "\n<p><strong>DRILL</strong>: a rehearsal, kept as evidence of training (45 CFR 164.530(b)); no real notification clock runs from it.</p>" : "")
            <section id="summary"><h2>Summary</h2><table>
            <tr><th>Incident</th><td>\(e(report.id))</td></tr>
            <tr><th>Kind</th><td>\(e(state.kind)) (workflow version \(report.workflow?.version ?? 0), \(e(report.workflow?.contentHash ?? "-")))</td></tr>
            <tr><th>State</th><td>\(e(state.currentState)) [\(e(state.lifecycle.rawValue))]</td></tr>
            <tr><th>Opened</th><td>\(t(state.openedAt)) by \(e(state.openedBy ?? "-"))</td></tr>
            <tr><th>Detected</th><td>\(t(state.detectedAt))</td></tr>
            <tr><th>Discovered</th><td>\(t(state.discoveredAt))</td></tr>
            <tr><th>Closed</th><td>\(t(state.closedAt)) by \(e(state.closedBy ?? "-"))</td></tr>
            <tr><th>Events</th><td>\(report.version) (through global position \(replay.lastPosition))</td></tr>
            <tr><th>Report made</th><td>\(t(report.asOf)); local times in \(e(zone.identifier))</td></tr>
            </table></section>

            """)
        try file.write(verificationSection(verification, e))
        try file.write(approvalsSection(state, e, t))
        try file.write(removalsSection(state, e, t))
        try file.write(assessmentSection(state, e, t))
        try file.write(deadlinesSection(report, e, t))
        if let definition = replay.incident.definition {
            try file.write(protocolSection(breachProtocolAnswers(state, definition, now: report.asOf), e, t))
        }
        try file.write(postMortemSection(state.postMortem, e, t))
        try file.write(
            """
            <section id="timeline"><h2>Timeline</h2><table>
            <tr><th>#</th><th>UTC</th><th>\(e(zone.identifier))</th><th>Who</th><th>What</th></tr>

            """)
        try await timeline.walk(stream, zone: zone) { entry in
            let roles = entry.actorRoles.isEmpty ? "" : " (\(entry.actorRoles.joined(separator: ", ")))"
            var what = e(entry.what)
            if entry.type == PrivilegedNoteAdded.eventType && !includePrivileged {
                what =
                    "<em>privileged note by legal: withheld from this export (attorney-client privilege); event hash \(e(entry.hash))</em>"
            }
            if let text = entry.messageText {
                what += "<blockquote>\(e(text))</blockquote>"
            }
            try file.write(
                "<tr><td>\(entry.version)</td><td>\(e(entry.recordedAtUTC))</td><td>\(e(entry.recordedAtLocal))</td><td>\(e(entry.actor))\(e(roles))</td><td>\(what)</td></tr>\n"
            )
        }
        try file.write("</table></section>\n</body></html>\n")
        try file.close()
    }

    private func postMortemSection(_ postMortem: PostMortem, _ e: (String) -> String, _ t: (Date?) -> String)
        -> String
    {
        guard postMortem.status != .notStarted else { return "" }
        var html = "<section id=\"post-mortem\"><h2>Post-mortem (\(e(postMortem.status.rawValue)))</h2>\n"
        if let published = postMortem.publishedAt {
            html +=
                "<p>Published \(t(published)) by \(e(postMortem.publishedBy ?? "-")); content sha256 \(e(postMortem.publishedSHA256 ?? "-")).</p>\n"
        }
        html += "<table><tr><th>Entry</th><th>Section</th><th>Text</th><th>By</th><th>When</th></tr>\n"
        for entry in postMortem.entries {
            let text = entry.corrects.map { "corrects \($0) (\(entry.reason ?? "")): " } ?? ""
            html +=
                "<tr><td>\(e(entry.id))</td><td>\(e(entry.section.rawValue))</td><td>\(e(text + entry.text))</td><td>\(e(entry.by))</td><td>\(t(entry.at))</td></tr>\n"
        }
        html += "</table>\n"
        if !postMortem.actions.isEmpty {
            html += "<table><tr><th>Action</th><th>Owner</th><th>Due</th><th>Done</th></tr>\n"
            for action in postMortem.actions {
                html +=
                    "<tr><td>\(e(action.id)): \(e(action.text))</td><td>\(e(action.owner))</td><td>\(e(action.due))</td><td>\(action.doneAt.map { "\(t($0)) by \(e(action.doneBy ?? "-"))" } ?? "open")</td></tr>\n"
            }
            html += "</table>\n"
        }
        return html + "</section>\n"
    }

    private func verificationSection(_ verification: Verification, _ e: (String) -> String) -> String {
        let verdict =
            verification.intact
            ? "<p class=\"ok\" id=\"verdict\">VERIFIED: \(e(verification.summary))</p>"
            : "<p class=\"bad\" id=\"verdict\">NOT VERIFIED: \(e(verification.summary))</p>"
        let seal =
            verification.seal.map { "<p>Checked against the seal: \(e($0))</p>" }
            ?? "<p>No seal was given; the hash chain alone was checked.</p>"
        return "<section id=\"verification\"><h2>Verification</h2>\(verdict)\(seal)</section>\n"
    }

    private func approvalsSection(_ state: IncidentState, _ e: (String) -> String, _ t: (Date?) -> String) -> String {
        var html = "<section id=\"approvals\"><h2>Messages and approvals</h2>\n"
        if state.messages.isEmpty { html += "<p>No messages.</p>\n" }
        for message in state.messages {
            html +=
                "<h3>\(e(message.id)): \(e(message.channel)) [\(e(message.status.rawValue))], by \(e(message.author))</h3>\n"
            html +=
                "<blockquote>\(e(message.text))</blockquote>\n<p>Text SHA-256 \(e(message.textSHA256)), revision \(message.revision)</p>\n<ul>\n"
            for approval in message.approvals {
                html +=
                    "<li>approved as \(e(approval.role)) by \(e(approval.by)) at \(t(approval.at)), revision \(approval.revision), text SHA-256 \(e(approval.textSHA256))\(approval.note.map { ": " + e($0) } ?? "")</li>\n"
            }
            for approval in message.voidedApprovals {
                html +=
                    "<li>approval as \(e(approval.role)) by \(e(approval.by)) at \(t(approval.at)) voided by a later edit</li>\n"
            }
            for rejection in message.rejections {
                html +=
                    "<li>rejected as \(e(rejection.role)) by \(e(rejection.by)) at \(t(rejection.at)): \(e(rejection.reason))</li>\n"
            }
            if let url = message.publishedURL {
                html +=
                    "<li>published at \(t(message.publishedAt)) by \(e(message.publishedBy ?? "-")): \(e(url))</li>\n"
            }
            html += "</ul>\n"
        }
        return html + "</section>\n"
    }

    private func removalsSection(_ state: IncidentState, _ e: (String) -> String, _ t: (Date?) -> String) -> String {
        var html = "<section id=\"removals\"><h2>Removals by platform</h2>\n"
        if state.removals.isEmpty { html += "<p>No removals.</p>\n" }
        let platforms = Dictionary(grouping: state.removals, by: \.platform).sorted { $0.key < $1.key }
        for (platform, removals) in platforms {
            html +=
                "<h3>\(e(platform))</h3><table><tr><th>Removal</th><th>Post</th><th>Requested</th><th>Steps</th></tr>\n"
            for removal in removals {
                let steps = removal.history.map {
                    "\(e($0.status.rawValue)) at \(t($0.at)) by \(e($0.by))\($0.detail.map { ": " + e($0) } ?? "")"
                }.joined(separator: "<br>")
                html +=
                    "<tr><td>\(e(removal.id)) [\(e(removal.status.rawValue))]</td><td>\(e(removal.url))</td><td>\(t(removal.requestedAt)) by \(e(removal.requestedBy))</td><td>\(steps)</td></tr>\n"
            }
            html += "</table>\n"
        }
        return html + "</section>\n"
    }

    private func assessmentSection(_ state: IncidentState, _ e: (String) -> String, _ t: (Date?) -> String) -> String {
        let breach = state.breach
        var html = "<section id=\"assessment\"><h2>Risk assessment</h2>\n"
        if let source = breach.discoverySource {
            html +=
                "<p>Discovery \(t(source.discoveredAt)) taken from linked incident \(e(source.linkedIncident.uuidString.lowercased())): \(e(source.reason))</p>\n"
        }
        for circumstances in (breach.earlierCircumstances ?? []) + (breach.circumstances.map { [$0] } ?? []) {
            html +=
                "<p>Breach on \(t(circumstances.breachOn)), first known by \(e(circumstances.firstKnownBy ?? "-"))"
                + (circumstances.committedBy.map { ", committed by \(e($0))" } ?? "")
                + " (\(e(circumstances.by)), \(t(circumstances.at)))"
                + (circumstances.reason.map { "; amended because: \(e($0))" } ?? "") + "</p>\n"
        }
        for check in breach.earlierExclusionChecks ?? [] {
            html +=
                "<p>Earlier exclusion check: \(check.exclusionApplies ? "applies" : "does not apply") (\(e(check.by)), \(t(check.at))): \(e(check.reason))</p>\n"
        }
        if let check = breach.exclusionCheck {
            html +=
                "<p>Exclusion \(check.exclusionApplies ? "applies" : "does not apply") (\(e(check.by)), \(t(check.at))): \(e(check.reason))</p>\n"
        }
        if breach.factors.isEmpty && breach.conclusion == nil { html += "<p>No assessment recorded.</p>\n" }
        if !breach.factors.isEmpty {
            html += "<ul>\n"
            for factor in breach.factors {
                html +=
                    "<li>factor \(factor.factor.rawValue) (\(e(factor.by)), \(t(factor.at))): \(e(factor.finding))</li>\n"
            }
            html += "</ul>\n"
        }
        for earlier in breach.earlierConclusions ?? [] {
            html +=
                "<p>\(earlier.isRevision == true ? "Revision" : "Conclusion") (later revised): <strong>\(e(earlier.conclusion.rawValue))</strong> by \(e(earlier.by)) at \(t(earlier.at)): \(e(earlier.reason))</p>\n"
        }
        if let conclusion = breach.conclusion {
            html +=
                "<p>\(conclusion.isRevision == true ? "Revision" : "Conclusion"): <strong>\(e(conclusion.conclusion.rawValue))</strong> by \(e(conclusion.by)) at \(t(conclusion.at)): \(e(conclusion.reason))</p>\n"
        }
        if let affected = breach.affected {
            let residents =
                affected.residentsByState.map { $0.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" } }?
                .joined(separator: ", ") ?? "states of residence unknown"
            html +=
                "<p>Affected: \(affected.total.map(String.init) ?? "unknown number of") people (\(e(residents))), \(affected.unreachable.map(String.init) ?? "unknown number") unreachable</p>\n"
        }
        return html + "</section>\n"
    }

    private func deadlinesSection(_ report: IncidentReport, _ e: (String) -> String, _ t: (Date?) -> String) -> String {
        var html =
            "<section id=\"notifications\"><h2>Notifications against deadlines</h2>\n<table><tr><th>Deadline</th><th>Citation</th><th>Due</th><th>Status</th><th>Met at</th></tr>\n"
        for deadline in report.deadlines {
            html +=
                "<tr><td>\(e(deadline.title))</td><td>\(e(deadline.citation))</td><td>\(t(deadline.dueAt))</td><td>\(e(deadline.status.rawValue))\(deadline.keptAfterRevision == true ? " (missed before the conclusion changed; stays missed)" : "")</td><td>\(t(deadline.metAt))</td></tr>\n"
        }
        html += "</table>\n<ul>\n"
        for notice in report.state.breach.notifications {
            html +=
                "<li>\(e(notice.recipient.rawValue)) notified at \(t(notice.notifiedAt)) (as typed; recorded at \(t(notice.recordedAt))) by \(e(notice.by))\(notice.count.map { " (\($0) people)" } ?? "")"
                + (notice.method.map { ", \(e($0.rawValue))" } ?? "")
                + (notice.tollFree.map { ", toll-free \(e($0.number)) from \(t($0.from)) until \(t($0.until))" } ?? "")
                + (notice.postedUntil.map { ", posted until \(t($0))" } ?? "")
                + (notice.delayReason.map { "; later than prompt notice because: \(e($0))" } ?? "") + "</li>\n"
        }
        if report.state.breach.notifications.isEmpty { html += "<li>No notifications recorded.</li>\n" }
        for delay in report.state.breach.lawEnforcementDelays {
            html +=
                "<li>law-enforcement delay (\(e(delay.statement.rawValue))) by \(e(delay.official)), stated at \(t(delay.statedAt)) (as typed; recorded at \(t(delay.recordedAt))), pauses until \(t(delay.pauseEnds))</li>\n"
        }
        for evidence in report.state.evidence {
            html +=
                "<li>evidence of \(e(evidence.url)) captured at \(t(evidence.capturedAt)) (as typed; recorded at \(t(evidence.recordedAt))) by \(e(evidence.by)), sha256 \(e(evidence.contentSHA256))</li>\n"
        }
        return html + "</ul></section>\n"
    }
}
