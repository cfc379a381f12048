import ArgumentParser
import CrisisApp
import Foundation

/// `crisis oncall remove`: takes a shift out of the schedule (the record keeps that it was there).
struct RemoveShift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Take a shift out of the schedule.",
        discussion: "Example:\n  crisis oncall remove s3\n`crisis oncall show` lists the shifts with their ids.")

    @Argument(help: "The shift's id (s1, s2, ...).") var shift: String
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await onCallRun(connection) { try await $0.execute(.removeShift(id: shift)) }
        print("Shift \(shift) removed.")
    }
}
