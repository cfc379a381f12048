import CrisisDomain
import Foundation

/// The report's answers to the OCR audit protocol on breach notification (164.404-414); the
/// table in docs/audit.md maps each question to a part of this section.
extension HTMLReport {
    func protocolSection(_ answers: BreachProtocolAnswers, _ e: (String) -> String, _ t: (Date?) -> String)
        -> String
    {
        var html = "<section id=\"breach-protocol\"><h2>Breach notification (45 CFR 164.404-414)</h2>\n"
        html +=
            "<p id=\"presumption\">\(answers.breachPresumed ? "Breach presumed" : "No breach presumed"): \(e(answers.presumption))</p>\n"
        html += "<p>Detected \(t(answers.detectedAt)); discovered \(t(answers.discoveredAt)).</p>\n"
        if !answers.discoveryAmendments.isEmpty {
            html += "<h3>Amendments of discovery</h3><ul id=\"discovery-amendments\">\n"
            for amendment in answers.discoveryAmendments {
                html +=
                    "<li>from \(t(amendment.from)) to \(t(amendment.to)) by \(e(amendment.by)) at \(t(amendment.at)): \(e(amendment.reason))</li>\n"
            }
            html += "</ul>\n"
        }
        if !answers.identifiabilityFindings.isEmpty {
            html += "<h3>Identifiability findings</h3><ul id=\"identifiability\">\n"
            for finding in answers.identifiabilityFindings {
                html +=
                    "<li>\(e(finding.action)) by \(e(finding.by)) at \(t(finding.at)): \(e(finding.note ?? ""))</li>\n"
            }
            html += "</ul>\n"
        }
        if let affected = answers.affected {
            let residents =
                affected.residentsByState.map { $0.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" } }?
                .joined(separator: ", ") ?? "unknown"
            html +=
                "<p id=\"residents\">Affected: \(affected.total.map(String.init) ?? "unknown"); residents per state: \(e(residents)); unreachable: \(affected.unreachable.map(String.init) ?? "unknown").</p>\n"
        } else {
            html += "<p id=\"residents\">No affected population recorded.</p>\n"
        }
        html +=
            "<table id=\"obligations\"><tr><th>Notice to</th><th>Owed, and why</th><th>Clocks (due, status)</th><th>Made (typed / recorded), to how many, how</th></tr>\n"
        for obligation in answers.obligations {
            let to = obligation.recipient.rawValue + (obligation.stateCode.map { " (\($0))" } ?? "")
            let clocks = obligation.clocks.map { clock in
                "\(e(clock.title)): due \(t(clock.dueAt)), \(e(clock.status.rawValue))"
                    + (clock.metAt.map { " at \(t($0))" } ?? "")
                    + (clock.pausedSeconds > 0
                        ? ", paused \(Int(clock.pausedSeconds / 86_400)) days by law enforcement" : "")
                    + (clock.recordedMissed ? ", miss recorded" : "") + (clock.escalated ? ", escalated" : "")
            }.joined(separator: "<br>")
            let notices = obligation.notices.map { notice in
                "\(t(notice.notifiedAt)) / \(t(notice.recordedAt)) by \(e(notice.by))"
                    + (notice.count.map { ", \($0) people" } ?? ", count not given")
                    + (notice.method.map { ", \(e($0.rawValue))" } ?? "")
                    + (notice.logEntry.map { ", HHS entry \(e($0))" } ?? "")
                    + (notice.tollFree.map { ", toll-free \(e($0.number)) \(t($0.from))-\(t($0.until))" } ?? "")
                    + (notice.postedUntil.map { ", posted until \(t($0))" } ?? "")
            }.joined(separator: "<br>")
            html +=
                "<tr><td>\(e(to))</td><td>\(obligation.owed ? "owed" : "not owed"): \(e(obligation.why))</td><td>\(clocks.isEmpty ? "-" : clocks)</td><td>\(notices.isEmpty ? "none" : notices)</td></tr>\n"
        }
        html += "</table>\n"
        html += list(
            "law-enforcement-delays", "Law-enforcement delays (164.412)",
            answers.lawEnforcementDelays.map {
                "\(e($0.statement.rawValue)) statement by \(e($0.official)) at \(t($0.statedAt)) (recorded \(t($0.recordedAt))), pauses until \(t($0.pauseEnds))"
            })
        html += list(
            "business-associates", "Business associates' notices (164.410)",
            answers.businessAssociateNotices.map {
                "\(e($0.associate)) discovered it \(t($0.discoveredAt)), told us \(t($0.toldAt))"
                    + ($0.late ? ", LATE (over 60 days): \(e($0.lateReason ?? ""))" : ", within 60 days")
                    + "; recorded by \(e($0.recordedBy)) at \(t($0.recordedAt))"
            })
        html += list(
            "scanner-overrides", "PHI scanner overrides",
            answers.scannerOverrides.map {
                "text \(e(String($0.textSHA256.prefix(12)))) (\(e(($0.rules ?? $0.findings).joined(separator: ", ")))) by \(e($0.by)) at \(t($0.at)): \(e($0.reason))"
            })
        html += list(
            "sanctions", "Sanctions and training (164.530(e), (b))",
            answers.sanctions.map {
                "\(e($0.kind.rawValue)) of \(e($0.staffMember)) effective \(t($0.effectiveAt)): \(e($0.description))"
            })
        html += list(
            "misses", "Missed deadlines and escalations",
            answers.missedDeadlines.map {
                "\(e($0.deadlineId)) due \(t($0.dueAt)) recorded missed at \(t($0.recordedAt))"
            }
                + answers.escalations.map {
                    "\(e($0.deadlineId)) escalated to \(e($0.escalatedTo)) at \(t($0.recordedAt))"
                })
        return html + "</section>\n"
    }

    private func list(_ id: String, _ title: String, _ items: [String]) -> String {
        "<h3>\(title)</h3><ul id=\"\(id)\">\n"
            + (items.isEmpty ? "<li>none</li>\n" : items.map { "<li>\($0)</li>\n" }.joined()) + "</ul>\n"
    }
}
