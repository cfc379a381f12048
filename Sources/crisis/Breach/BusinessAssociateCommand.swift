import ArgumentParser
import CrisisApp
import Foundation

/// `crisis breach business-associate`: a business associate's notice of the breach (164.410).
struct BusinessAssociateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "business-associate",
        abstract:
            "Record that a business associate told us of the breach: who, when it discovered it, when it told us.",
        discussion: """
            45 CFR 164.410: a business associate (a social-media management vendor, an
            agency) at which a breach happened, or which found it, tells the covered
            entity no later than 60 calendar days after its own discovery. The
            incident's discovery moves to the associate's when earlier, so every clock
            that runs from discovery (individuals, HHS, media, substitute notice, the
            annual log, overlays anchored on discovery) runs from it; the move is shown
            with the discovery amendments. A notice more than 60 days after the
            associate's discovery is recorded as late only with --late-reason (what the
            associate said); without it, it is refused and nothing is recorded. Privacy
            officer or legal.

            Examples:
              crisis breach business-associate 3f2a9c1e --associate "Brightline Social LLC" \\
                  --discovered-at 2026-11-02T09:00:00-05:00 --told-at 2026-11-20T16:00:00-05:00
              crisis breach business-associate 3f2a9c1e --associate "Brightline Social LLC" \\
                  --discovered-at 2026-08-01T09:00:00Z --told-at 2026-11-20T16:00:00Z \\
                  --late-reason "Vendor says its own review took 16 weeks"
            """)

    @Argument(help: "The incident id.") var id: String
    @Option(help: "The business associate, as named on its agreement.") var associate: String
    @Option(help: "When the associate discovered the breach (\(Timestamp.helpNote)).") var discoveredAt: Timestamp
    @Option(help: "When the associate told us (\(Timestamp.helpNote)).") var toldAt: Timestamp
    @Option(help: "Needed when it told us more than 60 days after its discovery: why, as it said.")
    var lateReason: String?
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let incident = try await IncidentSession.run(connection) { session in
            try await session.execute(
                .recordBusinessAssociateNotice(
                    associate: associate, discoveredAt: discoveredAt.date, toldAt: toldAt.date, lateReason: lateReason),
                on: id)
        }
        let late = BusinessAssociateNotice.isLate(discoveredAt: discoveredAt.date, toldAt: toldAt.date)
        print(
            "Recorded \(associate)'s notice\(late ? " as LATE (over 60 days, 164.410(b))" : ""). "
                + "Discovery is now \(incident.state.discoveredAt.map { ISO8601DateFormatter().string(from: $0) } ?? "-")."
        )
    }
}
