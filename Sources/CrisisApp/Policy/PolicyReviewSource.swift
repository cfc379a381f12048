import CrisisDomain
import CrisisStore
import Foundation
import PostgresNIO

/// Draws up the policy review from the projections (brought up to date first
/// when this role may write them).
public struct PolicyReviewSource: Sendable {
    public let handler: IncidentHandler

    public init(handler: IncidentHandler) {
        self.handler = handler
    }

    public func review(since: Date?, kind: String?, now: Date = Date()) async throws(CommandError)
        -> (review: PolicyReview, projections: ProjectionStatus)
    {
        let status = try await Projector(handler: handler).refreshIfAllowed()
        let connection = handler.database.connection
        let logger = DatabaseConnector.quietLogger
        var metrics: [IncidentMetrics] = []
        var proposals: [PolicyProposal] = []
        var publications: [PolicyReview.Publication] = []
        do {
            // The projections keep each incident's words sealed; they are opened here, for this reader.
            for try await (id, text) in try await connection.query(
                "SELECT incident_id, metrics::text FROM crisis.projected_incident_metrics ORDER BY opened_at",
                logger: logger
            ).decode((UUID, String).self) {
                let opened = try await handler.database.keys.openJSON(text, of: StreamID.incident(id).rawValue)
                metrics.append(try ProjectionSnapshot.decode(IncidentMetrics.self, opened))
            }
            // Restricted incidents this person may not see count in the figures, unnamed (issue 13).
            for try await text in try await connection.query(
                "SELECT f::text FROM crisis.restricted_incident_figures() f", logger: logger
            ).decode(String.self) {
                metrics.append(try ProjectionSnapshot.decode(IncidentMetrics.self, text))
            }
            for try await text in try await connection.query(
                "SELECT proposal::text FROM crisis.projected_policy_proposals ORDER BY proposed_at", logger: logger
            ).decode(String.self) {
                proposals.append(try ProjectionSnapshot.decode(PolicyProposal.self, text))
            }
            for try await (kind, version, hash, at) in try await connection.query(
                """
                SELECT kind, version, content_hash, published_at FROM crisis.projected_workflow_versions
                ORDER BY kind, global_position
                """, logger: logger
            ).decode((String, Int, String, Date).self) {
                publications.append(.init(kind: kind, version: version, contentHash: hash, publishedAt: at))
            }
        } catch let error as DecodingError {
            throw .corrupt(
                "the projections hold rows this build cannot read (\(error)); run `crisis projections rebuild`")
        } catch {
            throw Projector.translate(error)
        }
        var review = PolicyReview(incidents: metrics, proposals: proposals, since: since, kind: kind, now: now)
        review.publications = publications.filter { kind == nil || $0.kind == kind }
        return (review, status)
    }
}
