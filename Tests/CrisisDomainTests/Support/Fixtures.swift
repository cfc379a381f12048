import CrisisDomain
import CrisisWorkflows
import Foundation
import Testing

/// The bundled workflow files and the people of the test roster.
enum Fixtures {
    static func contents(_ kind: String) throws -> Data {
        let url = try #require(BundledWorkflows.url(forKind: kind), "\(kind).yaml is not bundled")
        return try Data(contentsOf: url)
    }

    static func definition(_ kind: String, overlays: [String] = []) throws -> WorkflowDefinition {
        var definition = try WorkflowLoader.load(fileName: "\(kind).yaml", contents: contents(kind))
        for name in overlays {
            let url = try #require(BundledWorkflows.overlaysDirectory?.appendingPathComponent("\(name).yaml"))
            let overlay = try StateOverlay.load(fileName: "overlays/\(name).yaml", contents: Data(contentsOf: url))
            definition = overlay.applied(to: definition)
        }
        return definition
    }

    static let alice = Actor(databaseRole: "alice", organisationalRoles: ["commander"])
    static let lee = Actor(databaseRole: "lee", organisationalRoles: ["legal"])
    static let pat = Actor(databaseRole: "pat", organisationalRoles: ["privacy-officer"])
    static let priya = Actor(databaseRole: "priya", organisationalRoles: ["privacy-officer"])
    static let sam = Actor(databaseRole: "sam", organisationalRoles: ["social-media"])
    static let cora = Actor(databaseRole: "cora", organisationalRoles: ["communications"])
    static let carl = Actor(databaseRole: "carl", organisationalRoles: ["communications"])
    static let rita = Actor(databaseRole: "rita", organisationalRoles: ["patient-relations"])
    static let hank = Actor(databaseRole: "hank", organisationalRoles: ["hr"])
    static let audrey = Actor(databaseRole: "audrey", organisationalRoles: ["auditor"])
    static let both = Actor(databaseRole: "bo", organisationalRoles: ["legal", "privacy-officer"])

    /// Monday 2026-05-04 13:00 UTC (09:00 in New York, inside business hours; no DST change for 90 days).
    static let start = Date(timeIntervalSince1970: 1_777_899_600)

    static let incidentId = UUID(uuidString: "7D4C4C3E-1B7A-4E43-9F0B-3C0D1E2F3A4B") ?? UUID()

    static let hash = String(repeating: "ab", count: 32)

    /// A substitute notice on the home page from `at`, up 90 days, with a toll-free line as long.
    static func webPosting(at: Date, days: Double = 90) -> NoticeDetails {
        let end = at.addingTimeInterval(days * 86_400)
        return NoticeDetails(
            method: .webPosting, tollFree: TollFreeLine(number: "1-800-555-0100", from: at, until: end),
            postedUntil: end)
    }
}
