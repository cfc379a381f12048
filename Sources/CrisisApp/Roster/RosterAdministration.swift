import CrisisDomain
import CrisisStore
import Foundation
import PostgresNIO

/// `crisis roster add|remove|list`: login roles with the least privilege, and
/// the organisational roles they hold, recorded as events.
public struct RosterAdministration: Sendable {
    public let database: CrisisDatabase

    public init(database: CrisisDatabase) {
        self.database = database
    }

    /// A database role name crisis will create: lower-case letters, digits, `_` and `-`.
    public static func checkName(_ name: String) throws(CommandError) {
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
        guard !name.isEmpty, name.count <= 63, allowed, let first = name.first, first.isLetter else {
            throw .badInput(
                "\"\(name)\" is not a usable person name: use 1-63 lower-case letters, digits, _ or -, starting with a letter (e.g. alice or j-smith)"
            )
        }
    }

    public static func checkRoles(_ roles: [String]) throws(CommandError) {
        if roles.isEmpty {
            throw .badInput(
                "give at least one --role (one of \(RoleDefinition.standardIdentifiers.joined(separator: ", ")))")
        }
        for role in roles {
            let valid = role.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || $0 == "-" }
            guard valid, !role.isEmpty, role.count <= 40 else {
                throw .badInput(
                    "\"\(role)\" is not a role name; roles are like \(RoleDefinition.standardIdentifiers.joined(separator: ", "))"
                )
            }
        }
    }

    /// Creates the login role if needed (member of `crisis_reader` for auditors
    /// only, else `crisis_writer`), then records the grant.
    public func add(person: String, roles: [String]) async throws(CommandError) -> Roster {
        try Self.checkName(person)
        try Self.checkRoles(roles)
        let readOnly = Set(roles) == ["auditor"]
        let group = readOnly ? "crisis_reader" : "crisis_writer"
        // Roles are cluster-wide: two sessions adding the same person (or two
        // databases of one cluster) can race to create the role or its
        // membership; the loser sees 23505 or 42710 and, on another look, finds it done.
        var attempt = 0
        while true {
            do {
                try await createLoginRole(person, in: group)
                break
            } catch {
                let raced = ["23505", "42710"].contains(ServerError.sqlStateOf(error))
                if raced && attempt < 3 {
                    attempt += 1
                    continue
                }
                let translated = ServerError.translateError(error)
                if case .permissionDenied = translated {
                    throw .refused(
                        .init(
                            .rosterNeedsCreaterole,
                            "Only a database role allowed to create roles can add people to the roster (\(translated.message)); ask your database administrator."
                        ))
                }
                throw .store(translated)
            }
        }
        return try await record(.grant(person: person, roles: roles))
    }

    private func createLoginRole(_ person: String, in group: String) async throws {
        _ = try await database.connection.query(
            "SELECT crisis.add_person_login(\(person), \(group))", logger: DatabaseConnector.quietLogger
        ).collect()
    }

    /// Sets the password `person` signs in to `crisis serve` with (and to the database over TCP).
    /// Only the SCRAM verifier is sent: the password never reaches the server or its log.
    public func setPassword(person: String, password: String) async throws(CommandError) {
        try Self.checkName(person)
        guard password.count >= 12 else {
            throw .badInput(
                "a password needs at least 12 characters; a passphrase of four words is easy to type at 2 a.m.")
        }
        let verifier = SCRAMVerifier(password: password).text
        do {
            _ = try await database.connection.query(
                "SELECT crisis.set_person_password(\(person), \(verifier))", logger: DatabaseConnector.quietLogger
            ).collect()
        } catch {
            let translated = ServerError.translateError(error)
            if case .permissionDenied = translated {
                throw .refused(
                    .init(
                        .rosterNeedsCreaterole,
                        "Only a database role allowed to manage roles can set a person's password (\(translated.message)); ask your database administrator."
                    ))
            }
            if ServerError.sqlStateOf(error) == "42704" {
                throw .badInput(
                    "there is no person \(person); add them first with `crisis roster add \(person) --role ...`")
            }
            throw .store(translated)
        }
    }

    /// The roster as recorded now.
    public func current() async throws(CommandError) -> Roster {
        try await Roster.load(from: database.store)
    }

    /// Records that `person` no longer holds `roles` (all of them when empty).
    /// The login role stays: past events still name it.
    public func remove(person: String, roles: [String]) async throws(CommandError) -> Roster {
        try Self.checkName(person)
        return try await record(.revoke(person: person, roles: roles))
    }

    private func record(_ change: RosterCommand) async throws(CommandError) -> Roster {
        let run = CommandHandler<RosterDecider>.Run(
            command: change, stream: try Roster.streamID(), commandID: nil,
            metadata: { _ in EventMetadata(command: "roster-change") }, decider: { _ in RosterDecider() })
        return try await CommandHandler<RosterDecider>(store: database.store).execute(run).folded.state
    }
}
