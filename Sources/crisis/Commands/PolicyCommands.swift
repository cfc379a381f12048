import ArgumentParser
import CrisisApp
import Foundation

/// `crisis policy propose|decide|list|review`: the continuous policy review.
struct PolicyCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Propose and decide policy changes from post-mortems; read the policy review.",
        discussion: """
            Examples:
              crisis policy propose --workflow phi-leak --change "Phone-free chart areas" --from 3f2a9c1e
              crisis policy decide 9b1d2c3e --accept --reason "Adopt in v3" --as pat
              crisis policy review --since 2026-01-01 --html review.html
              crisis policy what-if --workflow proposed/viral-complaint.yaml --since 2025-01-01 --json > what-if.json
            """,
        subcommands: [Propose.self, Decide.self, List.self, Review.self, WhatIfCommand.self]
    )

    struct Propose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "propose",
            abstract: "Propose a change to a workflow or policy, naming the incidents that motivate it.")

        @Option(help: "The incident kind whose workflow or policy would change.") var workflow: String
        @Option(help: "The change, in a sentence or two.") var change: String
        @Option(help: "An incident that motivates it (repeat for more).") var from: [String] = []
        @Option(
            help:
                "A what-if replay (`crisis policy what-if --json` saved to a file) to attach: its digest and summary are kept with the proposal."
        )
        var whatIf: String?
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            guard !from.isEmpty else { throw ValidationError("name at least one motivating incident with --from ID") }
        }

        func run() async throws {
            let evidence = try whatIf.map(WhatIfCommand.evidence(from:))
            let proposal = try await IncidentSession.run(connection) { session in
                try await PolicyDesk(handler: session.handler).propose(
                    kind: workflow, change: change, from: from, whatIf: evidence)
            }
            try printCreated(
                id: proposal.id?.uuidString.lowercased() ?? "", json: json,
                message:
                    "Proposed a change to the \(workflow) workflow from \(proposal.fromIncidents.count) incident(s).")
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide",
            abstract: "Accept or reject a proposal, with the reason (the privacy officer or legal).")

        @Argument(help: "The proposal id (or its first 8 characters).") var id: String
        @Flag(help: "Accept the proposal.") var accept = false
        @Flag(help: "Reject the proposal.") var reject = false
        @Option(help: "Why.") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            guard accept != reject else { throw ValidationError("give exactly one of --accept or --reject") }
        }

        func run() async throws {
            let proposal = try await IncidentSession.run(connection) { session in
                try await PolicyDesk(handler: session.handler).decide(id, accept: accept, reason: reason)
            }
            print(
                proposal.status == .accepted
                    ? "Accepted. It links to the next \(proposal.workflowKind) workflow version when that version is first used."
                    : "Rejected.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List proposals and where they stand.")

        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let proposals = try await IncidentSession.run(connection) { session in
                try await PolicyDesk(handler: session.handler).all()
            }
            if json {
                try Terminal.printJSON(proposals)
                return
            }
            if proposals.isEmpty {
                print("No proposals.")
                return
            }
            print(
                Terminal.table(
                    ["ID", "WORKFLOW", "STATUS", "PROPOSED BY", "CHANGE"],
                    proposals.map { proposal in
                        var status = proposal.adoptedIn.map { "adopted in v\($0.version)" } ?? proposal.status.rawValue
                        if let asArgued = proposal.adoptedAsArgued {
                            status += asArgued ? " (as in its what-if)" : " (differs from its what-if)"
                        } else if proposal.whatIf != nil {
                            status += " (what-if attached)"
                        }
                        return [
                            String(proposal.id?.uuidString.lowercased().prefix(8) ?? "-"), proposal.workflowKind,
                            status,
                            proposal.proposedBy ?? "-", proposal.change,
                        ]
                    }))
        }
    }
}
