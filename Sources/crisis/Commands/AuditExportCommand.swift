import ArgumentParser
import CrisisApp
import Foundation

extension AuditCommands {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export an incident's record: JSONL or CSV of every event, or an HTML report.",
            discussion: """
                jsonl: one event per line with every stored field (hashes in hex, data_text and
                metadata_text the exact jsonb text the hash covers), so anyone can re-verify
                the chain with docs/hash-chain.md, e.g. `python3 scripts/verify-export.py FILE`.
                csv: one row per event with the same columns, for a spreadsheet.
                html: a report for a reader: summary, approvals with the approved text,
                removals per platform, the risk assessment, notifications against their
                deadlines, the verification result (against --seal when given) and the timeline.
                Privileged notes (`incident note --privileged`) are withheld from every format:
                their row stays, marked, with its hashes, so the chain still verifies, but not
                their words; --include-privileged (legal only, recorded in the access log)
                writes them too.
                Exports stream: memory stays flat however long the stream is. Every export is
                recorded in the access-log stream.

                Examples:
                  crisis audit export 3f2a9c1e --format jsonl --out incident.jsonl
                  crisis audit export 3f2a9c1e --format html --out report.html --seal seal.json --public-key seal.key.pub
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case jsonl, csv, html
        }

        @Argument(help: "The incident id (or its first 8+ characters).") var id: String
        @Option(help: "jsonl, csv or html.") var format: Format
        @Option(help: "The file to write.") var out: String
        @Option(help: "html: check the record against this seal and say so in the report.") var seal: String?
        @Option(help: "html: the trusted public key to check the seal's signature with.") var publicKey: String?
        @Flag(help: "Legal only: include privileged notes' words (recorded in the access log).")
        var includePrivileged = false
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reading: ReadFromOption

        func validate() throws {
            if seal != nil && format != .html {
                throw ValidationError(
                    "--seal goes with --format html; verify a JSONL export with scripts/verify-export.py")
            }
            if publicKey != nil && seal == nil {
                throw ValidationError("--public-key checks a seal; give the seal with --seal FILE")
            }
        }

        func run() async throws {
            let loadedSeal = try seal.map { try LoadedSeal.load($0, publicKey: publicKey) }
            let written = try await IncidentSession.run(connection, readFrom: reading) { session in
                let stream = try await session.resolve(id)
                if includePrivileged {
                    try await session.requireLegal(for: "--include-privileged")
                }
                var detail = ["format": format.rawValue]
                if includePrivileged { detail["include_privileged"] = "true" }
                try await AccessLog(database: session.database).record(
                    "export", subject: stream.rawValue, detail: detail)
                switch format {
                case .jsonl, .csv:
                    let eventFormat: EventExport.Format = format == .csv ? .csv : .jsonl
                    let summary =
                        format == .jsonl
                        ? try await EventExport.protocolLine(of: stream, handler: session.handler) : nil
                    return try await EventExport(
                        store: session.database.store, keys: session.database.keys,
                        includePrivileged: includePrivileged
                    ).write(stream, format: eventFormat, to: out, summary: summary)
                case .html:
                    let verification = try await verification(session, stream: stream, seal: loadedSeal)
                    try await HTMLReport(handler: session.handler, includePrivileged: includePrivileged).write(
                        stream, verification: verification, to: out)
                    return 0
                }
            }
            print(format == .html ? "wrote the report to \(out)" : "wrote \(written) events to \(out)")
        }

        private func verification(_ session: IncidentSession, stream: StreamID, seal: LoadedSeal?) async throws
            -> HTMLReport.Verification
        {
            if let seal {
                let report = try await SealVerification(database: session.database).verify(seal.seal, stream: stream)
                let problem = report.chains.firstProblem ?? report.sealProblem
                let sealText =
                    "\(seal.path): global position \(seal.seal.globalPosition), sealed \(seal.seal.sealedAt), Merkle root \(seal.seal.merkleRoot), \(seal.signerNote)"
                return HTMLReport.Verification(
                    intact: report.isIntact,
                    summary: problem.map { "\($0)" }
                        ?? "\(report.chains.eventsChecked) events; the hash chain verifies and the sealed head still holds",
                    seal: sealText)
            }
            let report = try await ChainVerification(database: session.database).run(stream: stream)
            return HTMLReport.Verification(
                intact: report.isIntact,
                summary: report.firstProblem.map { "\($0)" }
                    ?? "\(report.eventsChecked) events; the hash chain verifies", seal: nil)
        }
    }
}
