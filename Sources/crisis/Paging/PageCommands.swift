import ArgumentParser
import CrisisApp
import Foundation

/// `crisis page run|list|ack`: the pages crisis sends, and taking one on.
struct PageCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page",
        abstract: "Pages: deliver what is owed, list them, acknowledge one.",
        discussion: """
            Which events page whom is the workflow's `pages:` section; who is on call is
            `crisis oncall`; where a person is paged is `crisis contact`. docs/paging.md
            states the guarantees.
            """,
        subcommands: [RunPages.self, ListPages.self, AcknowledgePage.self]
    )
}

extension PageDesk {
    /// The desk for a CLI session: pages link to `CRISIS_BASE_URL` when it is set.
    init(session: IncidentSession, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base = environment["CRISIS_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        self.init(handler: session.handler, baseURL: base, courier: .fromEnvironment(environment))
    }
}
