import ArgumentParser
import CrisisApp
import Foundation

/// `crisis incident ...`: what the incident commander types.
struct IncidentCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "Open, run and close incidents.",
        subcommands: [
            Open.self, List.self, Show.self, Timeline.self, Assign.self, Note.self, Act.self, Actions.self, Link.self,
            Close.self, EvidenceCommand.self, DiscoveryCommand.self, SanctionCommand.self, Restrict.self, Grant.self,
            Revoke.self, Hold.self, Release.self,
        ]
    )

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Open an incident; prints its id.",
            discussion: """
                KIND is one of the workflows (crisis workflow show KIND): viral-complaint,
                phi-leak, inappropriate-video. Give each post that must come down with
                --platform and --url (repeat the pair). --discovered-at is when the breach was
                first known to anyone but the person who caused it (45 CFR 164.404(a)(2));
                every legal clock runs from it. A phi-leak opened --linked-to a viral complaint
                with --phi-from-start (patient detail was in the complaint's thread from the
                start) takes the complaint's discovery time, and its record says so.

                Example:
                  crisis incident open --kind phi-leak --title "Chart visible in nurse selfie" \\
                    --platform instagram --url https://instagram.com/p/abc \\
                    --discovered-at 2026-11-23T08:10:00-05:00
                """)

        @Option(help: "The incident kind (its workflow).") var kind: String
        @Option(help: "A short title, without patient detail.") var title: String
        @Option(help: "A platform where a post appears (pairs with --url).") var platform: [String] = []
        @Option(help: "The post's address on that platform.") var url: [String] = []
        @Option(help: "When it was first known (\(Timestamp.helpNote)).") var discoveredAt: Timestamp?
        @Option(help: "When the organisation noticed it (defaults to now).") var detectedAt: Timestamp?
        @Option(help: "An incident this one is opened from; both record the link.") var linkedTo: String?
        @Option(help: "Why they belong together (with --linked-to).") var linkReason =
            "opened from it when patient detail turned up"
        @Flag(
            help:
                "With --linked-to: patient detail was in that incident's thread from the start, so discovery is its discovery time."
        )
        var phiFromStart = false
        @Flag(help: "Only the people working it may see it (commander or privacy officer; docs/access.md).")
        var restricted = false
        @Option(help: "Why it is restricted (with --restricted).") var restrictionReason =
            "restricted when opened"
        @Flag(
            help:
                "A drill: runs the whole workflow and pages as a real one would (every page says DRILL first), is kept for good, and is never counted as real."
        )
        var drill = false
        @Flag(help: "Print {\"id\": ...}.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            guard platform.count == url.count else {
                throw ValidationError(
                    "give --platform and --url in pairs: \(platform.count) platforms, \(url.count) urls")
            }
            if phiFromStart && linkedTo == nil {
                throw ValidationError(
                    "--phi-from-start takes discovery from the incident given with --linked-to; give --linked-to")
            }
            if phiFromStart && discoveredAt != nil {
                throw ValidationError(
                    "--phi-from-start takes the linked incident's discovery time; leave out --discovered-at")
            }
        }

        func run() async throws {
            let posts = zip(platform, url).map { PostReference(platform: $0, url: $1) }
            let incident = try await IncidentSession.run(connection) { session in
                let opening = OpenIncident(
                    id: connection.commandID ?? UUID(), title: title, posts: posts, detectedAt: detectedAt?.date,
                    discoveredAt: discoveredAt?.date, restriction: restricted ? restrictionReason : nil, drill: drill)
                guard let linkedTo else { return try await session.handler.open(kind: kind, opening) }
                return try await IncidentLinks(handler: session.handler).open(
                    kind: kind, opening, from: try await session.resolve(linkedTo), reason: linkReason,
                    phiFromStart: phiFromStart)
            }
            try printCreated(
                id: incident.id, json: json,
                message:
                    "Opened \(drill ? "DRILL " : "")\(kind) incident \"\(title)\" in state \(incident.state.currentState)."
            )
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List incidents, newest last.",
            discussion: "Example:\n  crisis incident list --state containing --kind phi-leak")

        @Option(help: "Only incidents in this workflow state (or open / closed).") var state: String?
        @Option(help: "Only incidents of this kind.") var kind: String?
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reading: ReadFromOption

        func run() async throws {
            let incidents = try await IncidentSession.run(connection, readFrom: reading) { session in
                try await session.readModels.incidents()
            }.filter { incident in
                (kind == nil || incident.kind == kind)
                    && (state == nil || incident.state == state || incident.lifecycle == state)
            }
            if json {
                try Terminal.printJSON(incidents)
                return
            }
            if incidents.isEmpty {
                print("No incidents.")
                return
            }
            print(
                Terminal.table(
                    ["ID", "KIND", "STATE", "OPENED", "TITLE"],
                    incidents.map {
                        [
                            String($0.id.prefix(8)), $0.kind, $0.state, $0.openedAt.map(Timestamps.utc) ?? "-",
                            $0.titleLine,
                        ]
                    }))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an incident: state, roles, messages, removals, deadlines.",
            discussion: "Example:\n  crisis incident show 3f2a9c1e --json")

        @Argument(help: "The incident id (or its first 8+ characters).") var id: String
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reading: ReadFromOption

        func run() async throws {
            let incident = try await IncidentSession.run(connection, readFrom: reading) { session in
                try await session.load(id)
            }
            let report = IncidentReport(incident, now: Date())
            if json {
                try Terminal.printJSON(report)
            } else {
                print(report.text)
            }
        }
    }

    struct Timeline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "timeline",
            abstract: "Every event of an incident: when, who, what.",
            discussion: "Example:\n  crisis incident timeline 3f2a9c1e")

        @Argument(help: "The incident id (or its first 8+ characters).") var id: String
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reading: ReadFromOption

        func run() async throws {
            let incident = try await IncidentSession.run(connection, readFrom: reading) { session in
                try await session.load(id)
            }
            let entries = incident.history.map(TimelineEntry.init)
            if json {
                try Terminal.printJSON(entries)
                return
            }
            if incident.state.isDrill { print("DRILL: \(incident.state.title)") }
            print(
                Terminal.table(
                    ["#", "TIME (UTC)", "ACTOR", "WHAT"],
                    entries.map { [String($0.version), Timestamps.utc($0.recordedAt), $0.actor, $0.what] }))
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign",
            abstract: "Assign a person to a role on this incident.",
            discussion: "Example:\n  crisis incident assign 3f2a9c1e --role commander --to alice")

        @Argument(help: "The incident id.") var id: String
        @Option(help: "The organisational role (commander, legal, privacy-officer, ...).") var role: String
        @Option(help: "The person (their database role name).") var to: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.assign(role: role, to: to), on: id)
            }
            print("Assigned \(to) as \(role).")
        }
    }

    struct Note: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "note",
            abstract: "Add a note to the incident's record.",
            discussion: """
                --privileged (legal only): the note is covered by attorney-client privilege or made
                in anticipation of litigation. It is kept in the record and its hash chain like any
                note and marked PRIVILEGED in the timeline, but regulator exports (`crisis audit
                export`, JSONL, CSV and HTML) leave its words out, keeping only its hashes so the
                chain still verifies, unless legal exports with --include-privileged (recorded in
                the access log). Anyone else asking for --privileged is refused and nothing is
                recorded.

                Examples:
                  crisis incident note 3f2a9c1e "Reporter from WXYZ called the switchboard"
                  crisis incident note 3f2a9c1e --privileged "Counsel's view on the family's letter"
                """)

        @Argument(help: "The incident id.") var id: String
        @Argument(help: "The note's text.") var text: String
        @Flag(help: "Legal only: a privileged note, withheld from regulator exports unless legal includes it.")
        var privileged = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(privileged ? .privilegedNote(text) : .note(text), on: id)
            }
            print(privileged ? "Noted (privileged: withheld from regulator exports)." : "Noted.")
        }
    }

    struct Act: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "act",
            abstract: "Take a workflow action (see `crisis incident actions ID`).",
            discussion:
                "Example:\n  crisis incident act 3f2a9c1e containment-requested --note \"Removal requests sent on every platform\""
        )

        @Argument(help: "The incident id.") var id: String
        @Argument(help: "The action's name.") var action: String
        @Option(help: "Why, or what was done.") var note: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let incident = try await IncidentSession.run(connection) { session in
                try await session.execute(.act(action: action, note: note), on: id)
            }
            print("Done: \(action). The incident is now in state \(incident.state.currentState).")
        }
    }

    struct Actions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "actions",
            abstract: "What can be done now, by whom, and what still blocks it.",
            discussion: "Example:\n  crisis incident actions 3f2a9c1e")

        @Argument(help: "The incident id.") var id: String
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let (incident, actor) = try await IncidentSession.run(connection) { session in
                (try await session.load(id), try await session.handler.actor())
            }
            guard let definition = incident.definition else { return }
            let actions = availableActions(incident.state, definition, actor: actor)
            if json {
                try Terminal.printJSON(actions)
                return
            }
            print("State: \(incident.state.currentState)")
            if actions.isEmpty { print("No actions: the incident is closed.") }
            for action in actions {
                let mark = action.isOpen ? Terminal.green("open   ") : Terminal.red("blocked")
                print(
                    "\(mark) \(action.action) -> \(action.target)  (by \(action.allowedRoles.joined(separator: ", ")))")
                if action.actorMayTake == false { print("        you hold none of those roles") }
                for blocker in action.unmetGuards { print("        needs: \(blocker.sentence)") }
            }
            let items = checklist(incident.state, definition)
            if !items.isEmpty {
                print("\nChecklist for \(incident.state.currentState):")
                for item in items { print("  - \(item)") }
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Close the incident (the workflow's guards must hold).",
            discussion: "Example:\n  crisis incident close 3f2a9c1e --note \"All posts down, notices sent\"")

        @Argument(help: "The incident id.") var id: String
        @Option(help: "A closing note.") var note: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.close(note: note), on: id)
            }
            print("Closed.")
        }
    }
}
