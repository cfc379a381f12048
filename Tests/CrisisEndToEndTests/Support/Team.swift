import CrisisStore
import Foundation
import Testing

/// A crisis team on a fresh database: people on the roster, each running the
/// real `crisis` binary as their own database role.
struct Team {
    var crisis: CrisisBinary
    let url: String
    /// The database as its superuser, for checks below the binary.
    let settings: DatabaseSettings

    /// Creates the database, migrates it and puts `people` on the roster (as the superuser).
    static func assemble(_ people: [String: [String]]) async throws -> Team {
        let (url, settings) = try await EndToEndDatabase.create()
        let crisis = CrisisBinary(environment: ["DATABASE_URL": url])
        let migrate = await crisis.run("db", "migrate")
        guard migrate.status == 0 else { throw TestSetupError("migrate failed: \(migrate.errors)") }
        for (person, roles) in people.sorted(by: { $0.key < $1.key }) {
            let added = await crisis.run(["roster", "add", person] + roles.flatMap { ["--role", $0] })
            guard added.status == 0 else { throw TestSetupError("roster add \(person) failed: \(added.errors)") }
        }
        return Team(crisis: crisis, url: url, settings: settings)
    }

    /// The standard cast of the end-to-end suite.
    static let cast: [String: [String]] = [
        "e2e_alice": ["commander"], "e2e_alex": ["commander"], "e2e_lee": ["legal"],
        "e2e_pat": ["privacy-officer"], "e2e_sam": ["social-media"], "e2e_cora": ["communications"],
        "e2e_carl": ["communications"], "e2e_rita": ["patient-relations"], "e2e_hank": ["hr"],
        "e2e_audrey": ["auditor"],
    ]

    /// Runs a command as `person`; records an issue when the exit code is not `expecting`.
    @discardableResult
    func run(
        _ person: String, _ arguments: [String], expecting status: Int32 = 0,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> CrisisBinary.Run {
        let result = await crisis.run(arguments + ["--as", person], sourceLocation: sourceLocation)
        #expect(
            result.status == status,
            "crisis \(arguments.joined(separator: " ")) --as \(person) exited \(result.status): \(result.errors)",
            sourceLocation: sourceLocation)
        return result
    }

    /// The last line of a creating command: the new id.
    func created(_ person: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation)
        async -> String
    {
        let result = await run(person, arguments, sourceLocation: sourceLocation)
        return result.output.split(separator: "\n").last.map(String.init) ?? ""
    }

    /// A viral complaint about one post, with e2e_alice as its commander; returns its id.
    func commandedComplaint(sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        let id = await created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "Thread", "--platform", "x", "--url",
                "https://x.example/1",
            ], sourceLocation: sourceLocation)
        await run(
            "e2e_alice", ["incident", "assign", id, "--role", "commander", "--to", "e2e_alice"],
            sourceLocation: sourceLocation)
        return id
    }

    /// A PHI leak discovered 90 days ago, so some of its clocks have run out;
    /// returns its id and how many deadlines `crisis deadlines` shows missed.
    func overdueLeak() async throws -> (id: String, overdue: Int) {
        let longAgo = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-90 * 86_400))
        let id = await created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Old leak found late", "--platform", "x", "--url",
                "https://x.example/2", "--discovered-at", longAgo, "--detected-at", longAgo,
            ])
        let due = try await json("e2e_alice", ["deadlines"]) as? [[String: Any]] ?? []
        let overdue = due.filter { ($0["deadline"] as? [String: Any])?["status"] as? String == "missed" }
        return (id, overdue.count)
    }

    /// A read command's `--json` output, parsed.
    func json(_ person: String, _ arguments: [String]) async throws -> Any {
        let result = await run(person, arguments + ["--json"])
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    }

    /// The event types of an incident's timeline, in order.
    func eventTypes(_ incident: String) async throws -> [String] {
        let entries = try await json("e2e_alice", ["incident", "timeline", incident]) as? [[String: Any]] ?? []
        return entries.compactMap { $0["type"] as? String }
    }

    /// `audit replay` of the whole stream, run by the auditor, gives exactly
    /// the state `incident show` gives now, and `audit rules` flags nothing.
    func expectReplayMatchesShow(_ incident: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let replay = try await json("e2e_audrey", ["audit", "replay", incident]) as? [String: Any]
        let show = try await json("e2e_alice", ["incident", "show", incident]) as? [String: Any]
        let replayed = (replay?["incident"] as? [String: Any])?["state"] as? NSDictionary
        #expect(replayed != nil, sourceLocation: sourceLocation)
        #expect(replayed == show?["state"] as? NSDictionary, sourceLocation: sourceLocation)
        // And everything crisis recorded is a history its workflow allows.
        await run("e2e_audrey", ["audit", "rules", incident], sourceLocation: sourceLocation)
    }

    /// ``expectReplayMatchesShow(_:sourceLocation:)`` for every incident in the database.
    func expectEveryReplayMatchesShow(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        // A writer lists: it brings the projections up to date first (an auditor reads them as they are).
        let incidents = try await json("e2e_alice", ["incident", "list"]) as? [[String: Any]] ?? []
        #expect(!incidents.isEmpty, sourceLocation: sourceLocation)
        for incident in incidents {
            let id = try #require(incident["id"] as? String, sourceLocation: sourceLocation)
            try await expectReplayMatchesShow(id.lowercased(), sourceLocation: sourceLocation)
        }
    }

    /// The incident's state as `incident show --json` prints it, without the
    /// refusals and version (which a refused command is allowed to change).
    func stateIgnoringRefusals(_ incident: String) async throws -> NSDictionary {
        let report = try await json("e2e_alice", ["incident", "show", incident]) as? [String: Any] ?? [:]
        var state = report["state"] as? [String: Any] ?? [:]
        state["refusals"] = nil
        state["version"] = nil
        return state as NSDictionary
    }
}

extension CrisisBinary {
    /// Runs a command to completion, or kills it at ``ChildProcessRunner/bound`` and records an issue.
    @discardableResult
    func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async -> Run {
        await ChildProcessRunner.capture(
            Self.path, arguments, environment: environment, sourceLocation: sourceLocation)
    }

    /// Runs a command and kills it with SIGKILL after `delay` if it has not finished (status 137 then).
    func run(_ arguments: [String], killedAfter delay: Duration) async -> Run {
        await ChildProcessRunner.capture(Self.path, arguments, environment: environment, signal: SIGKILL, after: delay)
    }
}
