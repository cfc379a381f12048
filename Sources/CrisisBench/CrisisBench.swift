import ArgumentParser
import CrisisStore
import Foundation

/// `crisis-bench`: the Swift side of `scripts/bench`. Each subcommand runs one
/// case against the database `DATABASE_URL` names and prints one line of
/// `key=value` figures; the script measures the baselines and prints the table.
struct CrisisBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crisis-bench",
        abstract: "Measures crisis's event store; run it through scripts/bench.",
        subcommands: [
            PayloadCommand.self, AppendCommand.self, ContendedCommand.self, ReadStreamCommand.self,
            ReadAllCommand.self, PHIEvalCommand.self, PHIScanBenchCommand.self, PHILinesCommand.self,
            PagePlanBenchCommand.self,
            SealingBenchCommand.self,
        ]
    )
}

/// The database the benchmark runs against.
enum BenchDatabase {
    static func settings() throws -> DatabaseSettings {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else {
            throw ValidationError("set DATABASE_URL to the benchmark database")
        }
        return try DatabaseSettings.parse(url: url)
    }
}

/// One line of figures for the script: `key=value` pairs separated by spaces.
struct Figures {
    private var pairs: [(String, String)] = []

    mutating func add(_ key: String, _ value: Int) {
        pairs.append((key, String(value)))
    }

    mutating func add(_ key: String, _ value: Double) {
        pairs.append((key, String(format: "%.6f", value)))
    }

    mutating func add(_ key: String, _ value: String) {
        pairs.append((key, value))
    }

    func print() {
        Swift.print(pairs.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
