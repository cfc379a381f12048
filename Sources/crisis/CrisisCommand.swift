import ArgumentParser
import CrisisApp
import Foundation

/// The `crisis` command: the root of every subcommand.
struct CrisisCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crisis",
        abstract:
            "Run a healthcare social-media crisis by the book: approvals, takedowns, deadlines, audit.",
        discussion: """
            Every incident is an append-only, hash-chained event stream in PostgreSQL.
            With no DATABASE_URL (or PG* variables) crisis starts a private PostgreSQL
            under $CRISIS_HOME by itself.

            Exit codes: 0 done, 1 refused by a rule or permission, 2 bad input,
            3 conflict that could not be resolved, 4 database unreachable.
            """,
        subcommands: [
            IncidentCommands.self, MessageCommands.self, LegalCommands.self, RemovalCommands.self,
            AssessmentCommands.self, NotificationCommands.self, BreachReportCommands.self, PostmortemCommands.self,
            PolicyCommands.self,
            DeadlineCommands.self, WatchCommand.self, RosterCommands.self, OnCallCommands.self, ContactCommands.self,
            ChannelCommands.self, PageCommands.self, DrillCommands.self, FreezeCommands.self, WorkflowCommands.self,
            AuditCommands.self, RetentionCommands.self,
            ProjectionCommands.self, DatabaseCommands.self, DemoCommand.self, ServeCommand.self, IntakeCommands.self,
        ]
    )
}

@main
enum Main {
    static func main() async {
        if let problem = ArgumentEncoding.problem() {
            Terminal.standardError(problem)
            exit(ExitCode.badInput.rawValue)
        }
        // Fail closed: a PHI scanner rule that cannot be used stops every command with a sentence.
        do {
            try PHIScanner.checkRules()
        } catch {
            Terminal.standardError(error.message)
            exit(ExitCode.refused.rawValue)
        }
        do {
            var command = try CrisisCommand.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            Terminal.standardError(failure.message)
            exit(failure.exitCode.rawValue)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let code = CrisisCommand.exitCode(for: error)
            if code == .success || error is CleanExit {
                CrisisCommand.exit(withError: error)
            }
            // Argument errors are bad input: exit 2, as documented.
            Terminal.standardError(CrisisCommand.fullMessage(for: error))
            exit(ExitCode.badInput.rawValue)
        }
    }
}
