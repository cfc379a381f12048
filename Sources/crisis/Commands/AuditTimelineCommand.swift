import ArgumentParser
import CrisisApp
import Foundation

extension AuditCommands {
    struct Timeline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "timeline",
            abstract: "The human record of an incident: every event, when, who, in which role, what.",
            discussion: """
                Each event with its time in UTC and in the organisation's zone (CRISIS_TIMEZONE
                when set, else the business-hours zone of the incident's workflow), the
                database role that recorded it and the organisational roles that person held
                on the roster then, a sentence saying what happened, and for messages the
                exact text. Every timeline read is recorded in the access-log stream.

                Example:
                  crisis audit timeline 3f2a9c1e
                """)

        @Argument(help: "The incident id (or its first 8+ characters).") var id: String
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reading: ReadFromOption

        func run() async throws {
            let (entries, zone) = try await IncidentSession.run(connection, readFrom: reading) { session in
                let stream = try await session.resolve(id)
                try await AccessLog(database: session.database).record("timeline", subject: stream.rawValue)
                let incident = try await session.handler.load(stream)
                let timeline = AuditTimeline(handler: session.handler)
                let zone = try timeline.zone(for: incident.definition)
                var entries: [AuditTimeline.Entry] = []
                try await timeline.walk(stream, zone: zone) { entries.append($0) }
                return (entries, zone)
            }
            if json {
                try Terminal.printJSON(entries)
                return
            }
            print(Terminal.bold("Times in UTC and in \(zone.identifier)"))
            for entry in entries {
                let roles = entry.actorRoles.isEmpty ? "no roster role" : entry.actorRoles.joined(separator: ", ")
                print(
                    "#\(entry.version)  \(entry.recordedAtUTC)  \(entry.recordedAtLocal)  position \(entry.globalPosition)"
                )
                print("    \(entry.actor) (\(roles)): \(entry.what)")
                if let text = entry.messageText, let messageId = entry.messageId {
                    print("    \(messageId) text: \"\(text)\"")
                }
            }
        }
    }
}
