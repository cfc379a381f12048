import CrisisApp
import CrisisStore
import Foundation
import PostgresNIO
import Testing

@Suite("Auditors reading on the standby")
struct StandbyReadTests {
    static func scratch(_ name: String) -> String {
        let work = ProcessInfo.processInfo.environment["CRISIS_TEST_WORK"] ?? NSTemporaryDirectory()
        return "\(work)/standby-read-\(UUID().uuidString.prefix(8))-\(name)"
    }

    /// Migrates, puts writers and an auditor on the roster, opens incidents; returns their ids.
    static func prepare(_ crisis: CrisisBinary, writers: [String], incidents: Int) async throws -> [String] {
        let migrate = await Bounded.run(crisis, ["db", "migrate"])
        try #require(migrate.status == 0, "db migrate: \(migrate.errors)")
        for person in writers {
            let added = await Bounded.run(crisis, ["roster", "add", person, "--role", "commander"])
            try #require(added.status == 0, "roster add \(person): \(added.errors)")
        }
        let auditor = await Bounded.run(crisis, ["roster", "add", "standby_auditor", "--role", "auditor"])
        try #require(auditor.status == 0, "roster add standby_auditor: \(auditor.errors)")
        var ids: [String] = []
        for index in 0..<incidents {
            let open = await Bounded.run(
                crisis,
                [
                    "incident", "open", "--kind", "viral-complaint", "--title", "Thread \(index)", "--platform", "x",
                    "--url", "https://x.example/\(index)", "--as", writers[0],
                ])
            try #require(open.status == 0, "incident open: \(open.errors)")
            ids.append(open.output.split(separator: "\n").last.map(String.init) ?? "")
        }
        return ids
    }

    @Test(
        "audit export and verify with --read-from standby while writers append on the primary; each export recorded on the primary; replay on the standby equals replay on the primary",
        .timeLimit(.minutes(20)))
    func auditorsOnTheStandby() async throws {
        try await ReplicatedPair.with("standby-read") { pair in
            let crisis = pair.crisis()
            let writers = ["standby_w0", "standby_w1", "standby_w2", "standby_w3"]
            let incidents = try await Self.prepare(crisis, writers: writers, incidents: 2)
            // A gap-safe reader of "all" on the standby, while some appends on the primary commit late.
            let follower = GapSafeFollower(settings: try pair.standby.settings)
            let following = Task { await follower.run() }
            defer { following.cancel() }
            let period = WritingPeriod()
            let (written, exports) = try await withThrowingTaskGroup(of: ([WrittenNote], Int).self) { group in
                group.addTask {
                    try await Self.commitLate(try pair.primary.settings, times: 6)
                    return ([], 0)
                }
                for (index, person) in writers.enumerated() {
                    let incident = incidents[index % incidents.count]
                    group.addTask {
                        (await FailoverTests.write(as: person, on: incident, crisis: crisis, until: period), 0)
                    }
                }
                group.addTask { ([], try await Self.audit(incidents, crisis: crisis, until: period)) }
                try await Task.sleep(for: .seconds(5))
                await period.end()
                return try await group.reduce(into: ([WrittenNote](), 0)) {
                    $0.0 += $1.0; $0.1 += $1.1
                }
            }
            #expect(written.allSatisfy { $0.status == 0 }, "\(written.filter { $0.status != 0 }.map(\.errors))")
            #expect(exports > 0, "no export ran on the standby")

            // Each export served by the standby was recorded on the primary first.
            let recorded = try await EndToEndDatabase.texts(
                try pair.primary.settings,
                """
                SELECT count(*)::text FROM crisis.events
                WHERE stream_id = 'access-log' AND data->>'action' = 'export' AND actor = 'standby_auditor'
                """)
            #expect(recorded == ["\(exports)"], "access records of \(exports) exports: \(recorded)")

            // Replay on the standby equals replay on the primary, once the standby has replayed
            // everything; at the last global position, so neither depends on the clock.
            try await pair.waitUntilReplayed()
            let last =
                try await EndToEndDatabase.texts(
                    try pair.primary.settings, "SELECT max(global_position)::text FROM crisis.events"
                ).first ?? "1"
            for incident in incidents {
                let replay = ["audit", "replay", incident, "--at-position", last, "--json", "--as", "standby_auditor"]
                let onStandby = await Bounded.run(crisis, replay + ["--read-from", "standby"])
                let onPrimary = await Bounded.run(crisis, replay)
                try #require(onStandby.status == 0 && onPrimary.status == 0, "\(onStandby.errors)\(onPrimary.errors)")
                let standbyReplay = try JSONSerialization.jsonObject(with: Data(onStandby.output.utf8)) as? NSDictionary
                let primaryReplay = try JSONSerialization.jsonObject(with: Data(onPrimary.output.utf8)) as? NSDictionary
                #expect(
                    standbyReplay != nil && standbyReplay == primaryReplay,
                    "replay of \(incident) at \(last): standby \(onStandby.output.prefix(300)) primary \(onPrimary.output.prefix(300))"
                )
            }

            // The reader on the standby saw every event of the primary once, the late ones included.
            let all = try await EndToEndDatabase.texts(
                try pair.primary.settings, "SELECT event_id::text FROM crisis.events")
            let expected = Set(all.compactMap(UUID.init(uuidString:)))
            try await Bounded.poll(
                "the gap-safe reader on the standby to see all \(expected.count) events", within: .seconds(60)
            ) {
                let seen = follower.seen
                return Set(seen.keys) == expected ? nil : "\(seen.count) seen, checkpoint \(follower.checkpoint)"
            }
            follower.stop()
            #expect(follower.seen.values.allSatisfy { $0 == 1 }, "an event was seen twice on the standby")

            // db status names each side and the synchronous standby.
            let primaryStatus = await Bounded.run(crisis, ["db", "status"])
            #expect(
                primaryStatus.output.contains("(primary)") && primaryStatus.output.contains("sync"),
                "\(primaryStatus.output)")
            let standbyStatus = await Bounded.run(crisis, ["db", "status", "--read-from", "standby"])
            #expect(
                standbyStatus.output.contains("(standby)") && standbyStatus.output.contains("lag:"),
                "\(standbyStatus.output)")
        }
    }

    /// Appends on the primary in transactions held open for up to a second, so
    /// later transactions commit first: a reader that followed positions would skip these.
    static func commitLate(_ settings: DatabaseSettings, times: Int) async throws {
        let connection = try await DatabaseConnector.connect(settings)
        do {
            for index in 0..<times {
                _ = try await connection.query("BEGIN", logger: DatabaseConnector.quietLogger)
                let events =
                    "[{\"event_type\": \"LateNote\", \"schema_version\": 1, \"data\": {\"n\": \(index)}, \"metadata\": {}}]"
                _ = try await connection.query(
                    "SELECT crisis.append_events('late-notes', NULL, gen_random_uuid(), \(events)::jsonb)",
                    logger: DatabaseConnector.quietLogger
                ).collect()
                try await Task.sleep(for: .milliseconds(300 + 100 * index))
                _ = try await connection.query("COMMIT", logger: DatabaseConnector.quietLogger)
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    /// Exports and verifies on the standby as the auditor until the period ends; returns how many exports ran.
    static func audit(_ incidents: [String], crisis: CrisisBinary, until period: WritingPeriod) async throws -> Int {
        var exports = 0
        var environment = crisis
        environment.environment["CRISIS_READ_FROM"] = "standby"
        while await !period.isOver {
            let incident = incidents[exports % incidents.count]
            let file = scratch("\(exports).jsonl")
            let export = await Bounded.run(
                environment,
                ["audit", "export", incident, "--format", "jsonl", "--out", file, "--as", "standby_auditor"])
            #expect(export.status == 0, "audit export on the standby: \(export.errors)")
            if export.status == 0 { exports += 1 }
            // What the standby served is a prefix of the stream: versions 1...n, no gap.
            let lines = (try? String(contentsOfFile: file, encoding: .utf8))?.split(separator: "\n") ?? []
            let versions = lines.compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["stream_version"] as? Int
            }
            #expect(
                versions == Array(1...max(1, versions.count)) && !versions.isEmpty, "export of \(incident): \(versions)"
            )
            let verify = await Bounded.run(
                crisis, ["audit", "verify", "--read-from", "standby", "--as", "standby_auditor"])
            #expect(verify.status == 0, "audit verify on the standby: \(verify.output)\(verify.errors)")
        }
        return exports
    }

    @Test(
        "with the primary gone an audit read on the standby is refused in one sentence, and nothing is written; verify, which records nothing, still runs there",
        .timeLimit(.minutes(10)))
    func noPrimaryNoRead() async throws {
        try await ReplicatedPair.with("standby-alone") { pair in
            let crisis = pair.crisis()
            let incidents = try await Self.prepare(crisis, writers: ["alone_w0"], incidents: 1)
            try await pair.waitUntilReplayed()
            try await pair.primary.crash()
            let file = Self.scratch("refused.jsonl")
            let export = await Bounded.run(
                crisis,
                [
                    "audit", "export", incidents[0], "--format", "jsonl", "--out", file, "--read-from", "standby",
                    "--as", "standby_auditor",
                ])
            #expect(export.status == 4, "exit \(export.status): \(export.errors)")
            #expect(export.errors.split(separator: "\n").count == 1, "\(export.errors)")
            #expect(export.errors.contains("recorded on the primary first"), "\(export.errors)")
            #expect(!FileManager.default.fileExists(atPath: file), "an export was written without its record")
            let verify = await Bounded.run(
                crisis, ["audit", "verify", "--read-from", "standby", "--as", "standby_auditor"])
            #expect(verify.status == 0, "audit verify on the lone standby: \(verify.output)\(verify.errors)")
            let write = await Bounded.run(crisis, ["incident", "note", incidents[0], "no primary", "--as", "alone_w0"])
            #expect(write.status == 4 && write.errors.contains("no read-write server"), "\(write.errors)")
        }
    }

    @Test("target_session_attrs picks the right server of a real pair, in either order", .timeLimit(.minutes(10)))
    func targetSessionAttributes() async throws {
        try await ReplicatedPair.with("target-attrs") { pair in
            let forward = try DatabaseSettings.parse(url: PrivateCluster.url([pair.primary, pair.standby]))
            let backward = try DatabaseSettings.parse(url: PrivateCluster.url([pair.standby, pair.primary]))
            let cases: [(DatabaseSettings, DatabaseSettings.TargetSessionAttributes, DatabaseConnector.ServerRole)] = [
                (forward, .readWrite, .primary), (backward, .readWrite, .primary),
                (forward, .primary, .primary), (backward, .primary, .primary),
                (forward, .standby, .standby), (backward, .standby, .standby),
                (forward, .readOnly, .standby), (backward, .readOnly, .standby),
                (forward, .preferStandby, .standby), (backward, .preferStandby, .standby),
            ]
            for (settings, target, role) in cases {
                let opened = try await DatabaseConnector.open(settings, target: target)
                #expect(opened.role == role, "\(target) over \(settings.servers)")
                try await opened.connection.close()
            }
            try await pair.standby.crash()
            let fallback = try await DatabaseConnector.open(forward, target: .preferStandby)
            #expect(fallback.role == .primary, "prefer-standby with no standby falls back to the primary")
            try await fallback.connection.close()
            await #expect(throws: EventStoreError.self) { try await DatabaseConnector.open(forward, target: .standby) }
        }
    }
}
