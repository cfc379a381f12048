import CrisisApp
import ArgumentParser

/// The documented exit codes.
extension ExitCode {
    /// Refused by a rule or a permission.
    static let refused = ExitCode(1)
    /// The input was wrong: say what and how to fix it.
    static let badInput = ExitCode(2)
    /// Someone else acted first and the command could not be retried.
    static let conflict = ExitCode(3)
    /// The database could not be reached.
    static let unreachable = ExitCode(4)
}

/// An error on its way to the terminal: one sentence and an exit code.
struct CommandFailure: Error {
    var message: String
    var exitCode: ExitCode

    init(_ message: String, exitCode: ExitCode) {
        self.message = message
        self.exitCode = exitCode
    }

    init(_ error: EventStoreError) {
        self.message = "crisis: " + error.message
        switch error {
        case .wrongExpectedVersion:
            exitCode = .conflict
        case .invalidInput, .payloadTooLarge, .commandReused, .schemaMismatch:
            exitCode = .badInput
        case .permissionDenied, .database:
            exitCode = .refused
        case .unavailable:
            exitCode = .unreachable
        }
    }
}
