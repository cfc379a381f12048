import CrisisStore
import Foundation
import PostgresNIO
import Testing

@Suite("Bad input to the store")
struct BadInputTests {
    @Test(
        "a bad stream id is refused with a sentence",
        arguments: ["", String(repeating: "x", count: 201), "incident-\u{07}bell"])
    func badStreamID(_ id: String) throws {
        #expect(throws: EventStoreError.self) { try StreamID(id) }
    }

    @Test("a bad event is refused before and by the database, and nothing is written")
    func badEvents() async throws {
        try await TestDatabase.withDatabase { (_, connection) async throws in
            let store = PostgresEventStore(session: connection)
            let stream = Sample.stream()
            let cases: [(String, [NewEvent])] = [
                ("empty batch", []),
                ("empty type", [NewEvent(type: "", data: Data("{}".utf8))]),
                ("long type", [NewEvent(type: String(repeating: "T", count: 201), data: Data("{}".utf8))]),
                ("data not an object", [NewEvent(type: "A", data: Data("[1, 2]".utf8))]),
                ("data not JSON", [NewEvent(type: "A", data: Data("{not json".utf8))]),
                (
                    "too large",
                    [
                        NewEvent(
                            type: "A", data: Data("{\"x\": \"\(String(repeating: "a", count: 300_000))\"}".utf8))
                    ]
                ),
                ("too many", Array(repeating: Sample.event(), count: NewEvent.maximumPerAppend + 1)),
            ]
            for (name, events) in cases {
                do {
                    _ = try await store.append(events, to: stream, expecting: .any, commandID: UUID())
                    Issue.record("\(name) was accepted")
                } catch let error as EventStoreError {
                    switch error {
                    case .invalidInput(let message), .payloadTooLarge(let message):
                        #expect(!message.isEmpty, "\(name)")
                    default:
                        Issue.record("\(name): unexpected \(error)")
                    }
                } catch {
                    Issue.record("\(name): unexpected \(error)")
                }
            }
            let stored = try await connection.scalar("SELECT count(*) FROM crisis.events")
            #expect(stored == 0)
        }
    }

    @Test("the append function itself refuses bad input with SQLSTATE CR400 or CR413")
    func databaseRefusesBadInput() async throws {
        try await TestDatabase.withDatabase { _, connection in
            let calls: [(PostgresQuery, String)] = [
                (
                    "SELECT * FROM crisis.append_events('', NULL, gen_random_uuid(), '[{\"event_type\":\"A\",\"data\":{}}]')",
                    "CR400"
                ),
                (
                    "SELECT * FROM crisis.append_events(repeat('x', 201), NULL, gen_random_uuid(), '[{\"event_type\":\"A\",\"data\":{}}]')",
                    "CR400"
                ),
                ("SELECT * FROM crisis.append_events('s', NULL, gen_random_uuid(), '[]')", "CR400"),
                ("SELECT * FROM crisis.append_events('s', NULL, gen_random_uuid(), '{}')", "CR400"),
                (
                    "SELECT * FROM crisis.append_events('s', NULL, gen_random_uuid(), '[{\"event_type\":\"A\",\"data\":\"text\"}]')",
                    "CR400"
                ),
                (
                    "SELECT * FROM crisis.append_events('s', NULL, gen_random_uuid(), '[{\"event_type\":\"\",\"data\":{}}]')",
                    "CR400"
                ),
                (
                    "SELECT * FROM crisis.append_events('s', NULL, gen_random_uuid(), jsonb_build_array(jsonb_build_object('event_type','A','data',jsonb_build_object('x',repeat('a',300000)))))",
                    "CR413"
                ),
                (
                    "SELECT * FROM crisis.append_events(convert_from('\\xff'::bytea, 'UTF8'), NULL, gen_random_uuid(), '[{\"event_type\":\"A\",\"data\":{}}]')",
                    "22021"
                ),
            ]
            for (call, expected) in calls {
                do {
                    _ = try await connection.query(call, logger: DatabaseConnector.quietLogger).collect()
                    Issue.record("accepted: \(call.sql)")
                } catch {
                    #expect(ServerError.sqlStateOf(error) == expected, "\(call.sql)")
                }
            }
            let stored = try await connection.scalar("SELECT count(*) FROM crisis.events")
            #expect(stored == 0)
        }
    }
}
