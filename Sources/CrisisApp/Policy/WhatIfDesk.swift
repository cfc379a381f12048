import CrisisDomain
import CrisisStore
import Foundation

/// `crisis policy what-if` (issue 16): the recorded incidents of a kind replayed under a proposed
/// workflow file that is not published. Pure but for the access-log record: an audit read.
public struct WhatIfDesk: Sendable {
    public let handler: IncidentHandler

    public init(handler: IncidentHandler) {
        self.handler = handler
    }

    /// The proposed definition in `path`, validated as `crisis workflow validate` does; its
    /// problems (file, line, column) are bad input.
    public static func proposedDefinition(at path: String, kind: String?) throws(CommandError) -> WorkflowDefinition {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw .badInput("cannot read the proposed workflow \(path); give a KIND.yaml file with --workflow")
        }
        let catalog: WorkflowCatalog
        do {
            catalog = try WorkflowCatalog.build(
                workflowFiles: [(URL(fileURLWithPath: path).lastPathComponent, contents)])
        } catch {
            throw .badInput("the proposed workflow does not validate:\n\(error)")
        }
        guard let definition = catalog.kinds.first.flatMap({ catalog.definition(kind: $0) }) else {
            throw .badInput("\(path) defines no workflow")
        }
        if let kind, kind != definition.kind {
            throw .badInput(
                "\(path) is the \(definition.kind) workflow, not \(kind); give --kind \(definition.kind) or leave --kind out"
            )
        }
        return definition
    }

    /// Replays the real (not drill) incidents of the proposal's kind opened at or after `since`.
    public func replay(_ proposed: WorkflowDefinition, since: Date?, now: Date) async throws(CommandError) -> WhatIf {
        try await AccessLog(database: handler.database).recordOrFail(
            "what-if", subject: "\(proposed.kind) incidents",
            detail: ["workflow": "\(proposed.kind) v\(proposed.version) \(proposed.contentHash.prefix(16))"])
        let incidents = try await IncidentDirectory(handler: handler).all().filter { incident in
            incident.state.kind == proposed.kind && !incident.state.isDrill
                && (since.map { (incident.state.openedAt ?? .distantPast) >= $0 } ?? true)
        }
        return WhatIf(
            proposed: proposed, incidents: incidents.map { ($0.history, $0.definition) }, since: since, now: now)
    }

    /// The replay as JSON, the bytes `--json` prints and the digest covers.
    public static func json(_ whatIf: WhatIf) throws(CommandError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            return try encoder.encode(whatIf)
        } catch {
            throw .corrupt("the what-if could not be written as JSON: \(error)")
        }
    }

    /// What a proposal keeps of a replay.
    public static func evidence(_ whatIf: WhatIf) throws(CommandError) -> WhatIfEvidence {
        WhatIfEvidence(
            digest: "sha256:" + ContentHash.sha256Hex(try json(whatIf)), summary: whatIf.summary,
            workflow: whatIf.workflow)
    }
}

extension AccessLog {
    /// Records the read, or refuses it: an audit read that cannot be recorded does not happen.
    func recordOrFail(_ action: String, subject: String, detail: [String: String]) async throws(CommandError) {
        do {
            try await record(action, subject: subject, detail: detail)
        } catch {
            throw .store(error)
        }
    }
}
