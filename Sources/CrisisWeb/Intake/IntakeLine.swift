import CrisisApp
import CrisisDomain
import CrisisStore
import Foundation

/// The server's one connection for pushed mentions: opened as the database role
/// `crisis_intake` (migration 0016), never as a person and never for anything else, with the
/// password in `CRISIS_INTAKE_PASSWORD_FILE`. The role may read only the intake stream and
/// append only mentions and signals to it, so the actor on every pushed mention is still the
/// database's `session_user`. Batches run one at a time on it; a broken connection is opened
/// again for the next batch.
actor IntakeLine {
    private let settings: DatabaseSettings
    private let library: WorkflowLibrary
    private var database: CrisisDatabase?

    init(settings: DatabaseSettings, library: WorkflowLibrary) {
        self.settings = settings
        self.library = library
    }

    /// What `crisis serve` needs to take pushed batches, from its environment; nil (with the
    /// sentence why) when intake is not configured.
    static func configure(
        _ database: DatabaseSettings, library: WorkflowLibrary,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> (line: IntakeLine, secrets: IntakeSecrets)? {
        guard let secrets = environment["CRISIS_INTAKE_SECRETS"], !secrets.isEmpty,
            let passwordFile = environment["CRISIS_INTAKE_PASSWORD_FILE"], !passwordFile.isEmpty,
            let text = try? String(contentsOfFile: passwordFile, encoding: .utf8)
        else { return nil }
        let password = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard !password.isEmpty else { return nil }
        var settings = database
        settings.role = IntakeDecider.intakeRole
        settings.password = password
        return (IntakeLine(settings: settings, library: library), IntakeSecrets(path: secrets))
    }

    /// Records a batch as `crisis_intake`; the receipt says what was new.
    func record(_ batch: [Mention]) async throws -> IntakeReceipt {
        let opened: CrisisDatabase
        if let database {
            opened = database
        } else {
            opened = try await CrisisDatabase.open(settings)
            database = opened
        }
        do {
            return try await IntakeDesk(handler: IncidentHandler(database: opened, library: library)).record(batch)
        } catch .store(.unavailable(let sentence)) {
            database = nil
            await opened.close()
            throw CommandError.store(.unavailable(sentence))
        }
    }
}
