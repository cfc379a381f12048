import PostgresNIO

/// Turns what PostgresNIO throws into an `EventStoreError` that carries the
/// server's own sentence, never PSQLError's deliberately generic description.
public enum ServerError {
    static func translate(_ error: any Error) -> EventStoreError {
        if let storeError = error as? EventStoreError {
            return storeError
        }
        if let transactionError = error as? PostgresTransactionError {
            return translate(
                transactionError.closureError ?? transactionError.commitError
                    ?? transactionError.beginError ?? error)
        }
        guard let psql = error as? PSQLError else {
            return .unavailable("the database could not be reached: \(error)")
        }
        if psql.code == .authMechanismRequiresPassword {
            return .invalidInput(
                "the database asks for a password and none was given; set PGPASSWORD or put it in DATABASE_URL")
        }
        guard let info = psql.serverInfo, let sqlState = info[.sqlState] else {
            return .unavailable(connectionMessage(psql))
        }
        let message = info[.message] ?? "no message"
        let detail = info[.detail].map { " (\($0))" } ?? ""
        switch sqlState {
        case "CR400", "22021", "22P02", "22P05", "54000":
            return .invalidInput(message)
        case "CR413":
            return .payloadTooLarge(message)
        case "CR422":
            return .commandReused(message)
        case "CR403", "42501":
            return .permissionDenied(message + detail)
        case "28P01":
            // The person's own input was wrong: bad input, not a permission refused.
            return .invalidInput(
                "the database refused the login: \(message); check the password (PGPASSWORD or DATABASE_URL)")
        case "28000":
            let hint =
                message.contains("does not exist")
                ? "; put the person on the roster first (`crisis roster add NAME --role ROLE`)" : ""
            return .permissionDenied("the database refused the login: \(message)\(hint)")
        case "3D000":
            return .unavailable("the database does not exist: \(message)")
        case "42P01", "42883", "3F000":
            return .schemaMismatch(
                "the database has no crisis schema (\(message)); run `crisis db migrate` first")
        case "57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004":
            return .unavailable("the database went away: \(message)")
        default:
            return .database(sqlState: sqlState, message: message + detail)
        }
    }

    /// The SQLSTATE of a server error, when there is one.
    static func sqlState(of error: any Error) -> String? {
        if let transactionError = error as? PostgresTransactionError {
            return (transactionError.closureError ?? transactionError.commitError).flatMap(sqlState(of:))
        }
        return (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    static func detail(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.detail]
    }

    private static func connectionMessage(_ error: PSQLError) -> String {
        // A connection the server closed carries the server's own error (e.g.
        // 57P01 on an immediate shutdown) as a PSQLError whose description is
        // deliberately generic: say what the server said instead.
        if let underlying = error.underlying as? PSQLError {
            return translate(underlying).message
        }
        if let underlying = error.underlying {
            return "the database could not be reached: \(underlying)"
        }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection:
            return "the database closed the connection"
        default:
            return "the database could not be reached (\(error.code))"
        }
    }
}

extension ServerError {
    /// The SQLSTATE of a server error, for callers outside the store.
    public static func sqlStateOf(_ error: any Error) -> String? { sqlState(of: error) }
    /// The store's translation of any database error, for callers outside the store.
    public static func translateError(_ error: any Error) -> EventStoreError { translate(error) }
}
