import ArgumentParser
import CrisisApp
import Foundation

/// `crisis postmortem start|add|action-done|correct|publish|show`.
struct PostmortemCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postmortem",
        abstract: "Capture what the incident taught: findings, root causes, owned actions; then publish.",
        discussion: """
            Examples:
              crisis postmortem start 3f2a9c1e
              crisis postmortem add 3f2a9c1e --what-happened "A selfie showed a chart for 3 hours"
              crisis postmortem add 3f2a9c1e --root-cause "Phones in chart areas"
              crisis postmortem add 3f2a9c1e --action "Phone-free chart areas" --owner hank --due 2026-12-15
              crisis postmortem publish 3f2a9c1e
              crisis postmortem action-done 3f2a9c1e a1 --note "Signs up on every unit"
            After publication the post-mortem is read-only: `correct` records a correction beside the original.
            """,
        subcommands: [Start.self, Add.self, ActionDone.self, Correct.self, Publish.self, Show.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start", abstract: "Start the post-mortem (the commander).")

        @Argument(help: "The incident id.") var id: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.postMortem(.start), on: id)
            }
            print("Post-mortem started.")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add one finding, root cause, or follow-up action.",
            discussion: "Give exactly one of --what-happened, --went-well, --went-badly, --root-cause or --action.")

        @Argument(help: "The incident id.") var id: String
        @Option(help: "What happened, in order.") var whatHappened: String?
        @Option(help: "What went well.") var wentWell: String?
        @Option(help: "What went badly.") var wentBadly: String?
        @Option(help: "A root cause (the policy review counts recurring ones).") var rootCause: String?
        @Option(help: "A follow-up action; needs --owner and --due.") var action: String?
        @Option(help: "Who owns the action (a person's name or database role).") var owner: String?
        @Option(help: "The day the action is due, YYYY-MM-DD (UTC).") var due: String?
        @OptionGroup var connection: ConnectionOptions

        var command: IncidentCommand? {
            let entries: [(PostMortemSection, String?)] = [
                (.whatHappened, whatHappened), (.wentWell, wentWell), (.wentBadly, wentBadly), (.rootCause, rootCause),
            ]
            if let action, let owner, let due { return .postMortem(.addAction(text: action, owner: owner, due: due)) }
            return entries.compactMap { section, text in
                text.map { IncidentCommand.postMortem(.addEntry(section, text: $0)) }
            }
            .first
        }

        func validate() throws {
            let given = [whatHappened, wentWell, wentBadly, rootCause, action].compactMap { $0 }.count
            guard given == 1 else {
                throw ValidationError(
                    "give exactly one of --what-happened, --went-well, --went-badly, --root-cause or --action (one entry per command)"
                )
            }
            if action != nil {
                guard owner != nil, let due else {
                    throw ValidationError("--action needs --owner NAME and --due YYYY-MM-DD")
                }
                guard PostMortemDay.isValid(due) else {
                    throw ValidationError("--due must be a day written YYYY-MM-DD, e.g. 2026-12-15, not \"\(due)\"")
                }
            } else if owner != nil || due != nil {
                throw ValidationError("--owner and --due go with --action only")
            }
        }

        func run() async throws {
            guard let command else { throw CommandFailure("crisis: nothing to add", exitCode: .badInput) }
            let incident = try await IncidentSession.run(connection) { session in
                try await session.execute(command, on: id)
            }
            let postMortem = incident.state.postMortem
            if case .postMortem(.addAction) = command, let added = postMortem.actions.last {
                print("Action \(added.id) added for \(added.owner), due \(added.due).")
            } else if let added = postMortem.entries.last {
                print("Entry \(added.id) added to \(added.section.title.lowercased()).")
            }
        }
    }

    struct ActionDone: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "action-done", abstract: "Mark a post-mortem action done (its owner or the commander).")

        @Argument(help: "The incident id.") var id: String
        @Argument(help: "The action id (a1, a2, ...).") var action: String
        @Option(help: "What was done.") var note: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.postMortem(.completeAction(actionId: action, note: note)), on: id)
            }
            print("Action \(action) done.")
        }
    }

    struct Correct: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract: "Correct an entry: a new entry beside the original, with the reason.")

        @Argument(help: "The incident id.") var id: String
        @Option(help: "The entry corrected (e1, e2, ...).") var entry: String
        @Option(help: "The corrected text.") var text: String
        @Option(help: "Why it is corrected.") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let incident = try await IncidentSession.run(connection) { session in
                try await session.execute(
                    .postMortem(.correctEntry(entryId: entry, text: text, reason: reason)), on: id)
            }
            print("Entry \(entry) corrected by \(incident.state.postMortem.entries.last?.id ?? "a new entry").")
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Publish the post-mortem (the commander); it is read-only afterwards.")

        @Argument(help: "The incident id.") var id: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let incident = try await IncidentSession.run(connection) { session in
                try await session.execute(.postMortem(.publish), on: id)
            }
            let postMortem = incident.state.postMortem
            print(
                "Post-mortem published: \(postMortem.entries.count) entries, \(postMortem.actions.count) actions (sha256 \(postMortem.publishedSHA256?.prefix(12) ?? "-"))."
            )
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show the post-mortem as it reads now.")

        @Argument(help: "The incident id.") var id: String
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let incident = try await IncidentSession.run(connection) { session in try await session.load(id) }
            let postMortem = incident.state.postMortem
            if json {
                try Terminal.printJSON(postMortem)
                return
            }
            print("Post-mortem of \"\(incident.state.title)\": \(postMortem.status.rawValue)")
            if let at = postMortem.publishedAt {
                print("Published \(Timestamps.utc(at)) by \(postMortem.publishedBy ?? "-")")
            }
            for section in PostMortemSection.allCases {
                let entries = postMortem.currentEntries.filter { $0.section == section }
                guard !entries.isEmpty else { continue }
                print("\n\(Terminal.bold(section.title))")
                for entry in entries {
                    let corrected = entry.corrects.map { " (corrects \($0): \(entry.reason ?? ""))" } ?? ""
                    print("  \(entry.id)  \(entry.text)\(corrected)  — \(entry.by)")
                }
            }
            if !postMortem.actions.isEmpty {
                print("\n\(Terminal.bold("Actions"))")
                let now = Date()
                for action in postMortem.actions {
                    let status =
                        action.isDone
                        ? "done \(action.doneAt.map(Timestamps.utc) ?? "")"
                        : action.isOverdue(at: now) ? Terminal.red("OVERDUE") : "open"
                    print("  \(action.id)  \(action.text) — \(action.owner), due \(action.due), \(status)")
                }
            }
        }
    }
}
