import Foundation

/// Where the PostgreSQL server programs (`initdb`, `pg_ctl`) are on this machine.
struct PostgresBinaries: Sendable {
    var directory: String
    var initdb: String { directory + "/initdb" }
    var pgCtl: String { directory + "/pg_ctl" }

    /// `$CRISIS_PG_BIN`, else the newest `/usr/lib/postgresql/N/bin`, else `PATH`.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(EventStoreError) -> PostgresBinaries
    {
        var candidates: [String] = []
        if let explicit = environment["CRISIS_PG_BIN"] { candidates.append(explicit) }
        let debian = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        candidates += versions.map { "\(debian)/\($0)/bin" }
        candidates += (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        candidates += ["/usr/local/pgsql/bin", "/opt/homebrew/bin"]
        for directory in candidates
        where FileManager.default.isExecutableFile(atPath: directory + "/initdb")
            && FileManager.default.isExecutableFile(atPath: directory + "/pg_ctl")
        {
            return PostgresBinaries(directory: directory)
        }
        throw .unavailable(
            "the PostgreSQL server programs (initdb, pg_ctl) are not installed; install them (Debian: apt-get install postgresql), set CRISIS_PG_BIN to their directory, or set DATABASE_URL to a running server"
        )
    }
}
