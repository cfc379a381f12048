import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Who runs the embedded server's programs: the current user, or, when that
/// is root (which PostgreSQL refuses), an unprivileged account.
struct ServerUser: Sendable {
    /// nil: run as the current user.
    var name: String?
    var uid: uid_t
    var gid: gid_t

    static func current(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(EventStoreError) -> ServerUser
    {
        guard geteuid() == 0 else {
            return ServerUser(name: nil, uid: geteuid(), gid: getegid())
        }
        let names = [environment["CRISIS_PG_USER"], "postgres", "nobody"].compactMap { $0 }
        for name in names {
            if let entry = getpwnam(name) {
                return ServerUser(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
            }
        }
        throw .unavailable(
            "crisis runs as root and PostgreSQL refuses to; create an unprivileged user for it (e.g. `useradd postgres`) or set CRISIS_PG_USER"
        )
    }

    func takeOwnership(of urls: [URL]) throws(EventStoreError) {
        guard name != nil else { return }
        for url in urls where chown(url.path, uid, gid) != 0 {
            throw .unavailable("cannot hand \(url.path) to the user \(name ?? "") who runs PostgreSQL")
        }
    }

    /// Runs a program to completion; stdout and stderr together.
    func run(_ program: String, _ arguments: [String]) -> (status: Int32, output: String) {
        if let name {
            return ChildProcess.run(Self.runuser, ["-u", name, "--", program] + arguments)
        }
        return ChildProcess.run(program, arguments)
    }

    static var runuser: String {
        ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        } ?? "/usr/sbin/runuser"
    }
}
