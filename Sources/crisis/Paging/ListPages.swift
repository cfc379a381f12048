import ArgumentParser
import CrisisApp
import Foundation

/// `crisis page list [--open] [--mine]`.
struct ListPages: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the pages sent, newest first.",
        discussion: "Examples:\n  crisis page list --open --mine\n  crisis page list --json")

    @Flag(help: "Only pages nobody has acknowledged and that have not escalated.") var open = false
    @Flag(help: "Only pages sent to me.") var mine = false
    @Flag(help: "Print one JSON document.") var json = false
    @Flag(help: "Print only the page ids, one per line (for scripts).") var ids = false
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let lines = try await IncidentSession.run(connection) { session in
            let me = mine ? try await session.handler.actor().databaseRole : nil
            return try await PageDesk(session: session).list(open: open, for: me)
        }
        if json {
            try Terminal.printJSON(lines)
            return
        }
        if ids {
            for line in lines { print(line.page.id) }
            return
        }
        if lines.isEmpty {
            print(open ? "No open pages." : "No pages.")
            return
        }
        print(
            Terminal.table(
                ["PAGE", "REQUESTED (UTC)", "TO", "AS", "STATUS", "ASKED"],
                lines.map { line in
                    let page = line.page
                    let who = page.recipients.isEmpty ? "nobody" : page.recipients.joined(separator: ", ")
                    return [
                        page.id, Timestamps.utc(page.requestedAt), who, "\(page.role) L\(page.level)",
                        Self.status(page), line.notice.ask,
                    ]
                }))
    }

    static func status(_ page: Page) -> String {
        if let by = page.acknowledgedBy { return "acknowledged by \(by)" }
        if let escalation = page.escalation {
            return "escalated (\(escalation.reason.rawValue))" + (escalation.toPageId.map { " → \($0)" } ?? "")
        }
        if page.reachedSomeone { return Terminal.red("WAITING") + " (delivered)" }
        if page.reachedNobody { return Terminal.red("REACHED NOBODY") }
        return Terminal.red("WAITING") + " (not yet delivered)"
    }
}
