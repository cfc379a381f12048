import CrisisApp
import CrisisStore
import Foundation
import Testing

@Suite("Several servers in DATABASE_URL and PGHOST, as libpq reads them")
struct MultiHostSettingsTests {
    @Test("a two-host URL keeps the hosts in order, each with its own port, and target_session_attrs")
    func twoHostURL() throws {
        let settings = try DatabaseSettings.parse(
            url: "postgres://app:pw@db1:5432,db2:5433/crisis?target_session_attrs=read-write")
        #expect(settings.servers == [.tcp(host: "db1", port: 5432), .tcp(host: "db2", port: 5433)])
        #expect(settings.server == .tcp(host: "db1", port: 5432))
        #expect(settings.database == "crisis")
        #expect(settings.role == "app")
        #expect(settings.password == "pw")
        #expect(settings.targetSessionAttributes == .readWrite)
        #expect(settings.tls == .prefer)
    }

    @Test("a host without a port gets the default 5432, or the port= parameter")
    func defaultPorts() throws {
        let plain = try DatabaseSettings.parse(url: "postgres://u@db1,db2:5433/crisis")
        #expect(plain.servers == [.tcp(host: "db1", port: 5432), .tcp(host: "db2", port: 5433)])
        let shared = try DatabaseSettings.parse(url: "postgres://u@db1,db2/crisis?port=6000")
        #expect(shared.servers == [.tcp(host: "db1", port: 6000), .tcp(host: "db2", port: 6000)])
        let paired = try DatabaseSettings.parse(url: "postgres://u@db1,db2/crisis?port=6000,6001")
        #expect(paired.servers == [.tcp(host: "db1", port: 6000), .tcp(host: "db2", port: 6001)])
    }

    @Test("socket directories: host=/a,/b, or percent-encoded in place of the hosts")
    func socketDirectories() throws {
        let query = try DatabaseSettings.parse(
            url: "postgresql://crisis@/postgres?host=/tmp/a/run,/tmp/b/run&target_session_attrs=primary")
        #expect(
            query.servers == [
                .socket(directory: "/tmp/a/run", port: 5432), .socket(directory: "/tmp/b/run", port: 5432),
            ])
        #expect(query.targetSessionAttributes == .primary)
        #expect(query.tls == .disable)
        let encoded = try DatabaseSettings.parse(url: "postgres://crisis@%2Ftmp%2Fa,%2Ftmp%2Fb:5499/postgres")
        #expect(
            encoded.servers == [.socket(directory: "/tmp/a", port: 5432), .socket(directory: "/tmp/b", port: 5499)])
    }

    @Test("IPv6 hosts in brackets, beside a name")
    func ipv6() throws {
        let settings = try DatabaseSettings.parse(url: "postgres://u@[::1]:5433,db2/crisis")
        #expect(settings.servers == [.tcp(host: "::1", port: 5433), .tcp(host: "db2", port: 5432)])
        #expect("\(settings.server)" == "[::1]:5433")
    }

    @Test(
        "every target_session_attrs value libpq knows is accepted",
        arguments: DatabaseSettings.TargetSessionAttributes.allCases)
    func targets(_ target: DatabaseSettings.TargetSessionAttributes) throws {
        let settings = try DatabaseSettings.parse(
            url: "postgres://u@db1,db2/crisis?target_session_attrs=\(target.rawValue)")
        #expect(settings.targetSessionAttributes == target)
    }

    @Test("PGHOST and PGPORT lists: one port for all, or one per host")
    func pgHostLists() throws {
        let one = try DatabaseSettings.from(environment: ["PGHOST": "db1,db2", "PGPORT": "5433", "PGUSER": "u"])
        #expect(one.servers == [.tcp(host: "db1", port: 5433), .tcp(host: "db2", port: 5433)])
        let each = try DatabaseSettings.from(environment: [
            "PGHOST": "db1,/run/pg", "PGPORT": "5433,5434", "PGUSER": "u", "PGTARGETSESSIONATTRS": "prefer-standby",
        ])
        #expect(each.servers == [.tcp(host: "db1", port: 5433), .socket(directory: "/run/pg", port: 5434)])
        #expect(each.targetSessionAttributes == .preferStandby)
        let none = try DatabaseSettings.from(environment: ["PGHOST": "db1,db2", "PGUSER": "u"])
        #expect(none.servers == [.tcp(host: "db1", port: 5432), .tcp(host: "db2", port: 5432)])
    }

    @Test("PGTARGETSESSIONATTRS fills in what DATABASE_URL leaves out, never overrides it")
    func targetFromEnvironment() throws {
        let filled = try DatabaseSettings.from(environment: [
            "DATABASE_URL": "postgres://u@db1,db2/crisis", "PGTARGETSESSIONATTRS": "read-write",
        ])
        #expect(filled.targetSessionAttributes == .readWrite)
        let kept = try DatabaseSettings.from(environment: [
            "DATABASE_URL": "postgres://u@db1,db2/crisis?target_session_attrs=standby",
            "PGTARGETSESSIONATTRS": "read-write",
        ])
        #expect(kept.targetSessionAttributes == .standby)
    }

    @Test(
        "mismatched port lists, unknown target_session_attrs and bad ports are refused with a sentence",
        arguments: [
            "postgres://u@db1,db2,db3/crisis?port=1,2",
            "postgres://u@db1,db2/crisis?target_session_attrs=leader",
            "postgres://u@db1:0,db2/crisis",
            "postgres://u@db1,db2:x/crisis",
            "postgres://u@[::1/crisis",
            "postgres://u@db1/crisis?connect_timeout=soon",
        ])
    func refused(_ url: String) {
        #expect(throws: EventStoreError.self) { try DatabaseSettings.parse(url: url) }
    }

    @Test("PGPORT with a different number of ports than PGHOST has hosts is refused")
    func mismatchedEnvironment() {
        #expect(throws: EventStoreError.self) {
            try DatabaseSettings.from(environment: ["PGHOST": "a,b,c", "PGPORT": "1,2"])
        }
    }

    @Test("with several servers commands reach a read-write one; --read-from standby prefers a standby")
    func commandTargets() throws {
        let two = try DatabaseSettings.parse(url: "postgres://u@db1,db2/crisis")
        #expect(two.target(readingFrom: .primary) == .readWrite)
        #expect(two.target(readingFrom: .standby) == .preferStandby)
        let strict = try DatabaseSettings.parse(url: "postgres://u@db1,db2/crisis?target_session_attrs=standby")
        #expect(strict.target(readingFrom: .standby) == .standby)
        #expect(strict.target(readingFrom: .primary) == .readWrite)
        let primary = try DatabaseSettings.parse(url: "postgres://u@db1,db2/crisis?target_session_attrs=primary")
        #expect(primary.target(readingFrom: .primary) == .primary)
        let one = try DatabaseSettings.parse(url: "postgres://u@db1/crisis")
        #expect(one.target(readingFrom: .primary) == .any)
    }

    @Test("connect_timeout and PGCONNECT_TIMEOUT bound each server's connection attempt")
    func connectTimeout() throws {
        let settings = try DatabaseSettings.parse(url: "postgres://u@db1,db2/crisis?connect_timeout=3")
        #expect(settings.connectTimeout == .seconds(3))
        let fromVariable = try DatabaseSettings.from(environment: ["PGHOST": "db1", "PGCONNECT_TIMEOUT": "5"])
        #expect(fromVariable.connectTimeout == .seconds(5))
    }
}
