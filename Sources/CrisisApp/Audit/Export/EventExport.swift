import CrisisDomain
import CrisisStore
import Foundation

/// `crisis audit export --format jsonl|csv`: every stored field of every
/// event of one stream, one line or row per event, streamed page by page.
/// Hashes are hex; `data_text` and `metadata_text` are the exact `jsonb` text
/// the hash covers, so anyone can re-verify with docs/hash-chain.md. The PHI
/// fields in `data_text` are sealed (docs/crypto-shredding.md); `data_opened` is
/// the same data as the exporter may read it: opened, or `[shredded]` or
/// `[encrypted]` in place of each field it cannot open.
///
/// A privileged note (`PrivilegedNoteAdded`) is withheld unless ``includePrivileged``: its line
/// keeps every field the chain needs except its data (`data_text` and `data_opened` are empty,
/// `withheld` says `privileged`), so an offline verifier checks its version and `prev_hash` and
/// takes its `hash` as given; the next event's hash covers that hash, so it cannot be altered
/// unseen, only its words are not shown (docs/audit.md).
public struct EventExport: Sendable {
    /// The export formats that carry events one per line.
    public enum Format: String, Sendable, CaseIterable {
        case jsonl, csv
    }

    public static let columns = [
        "global_position", "stream_id", "stream_version", "event_id", "event_type", "schema_version", "data_text",
        "metadata_text", "command_id", "actor", "recorded_at_micros", "recorded_at", "prev_hash", "hash",
        "transaction_id", "data_opened", "withheld",
    ]

    /// The `withheld` value of a privileged note left out of the export.
    public static let withheldPrivileged = "privileged"

    public let store: PostgresEventStore
    /// Opens the sealed fields for `data_opened`; nil: `data_opened` is the stored data.
    public var keys: IncidentKeys?
    /// Whether privileged notes' words are written (legal asked, `--include-privileged`).
    public var includePrivileged: Bool

    public init(store: PostgresEventStore, keys: IncidentKeys? = nil, includePrivileged: Bool = false) {
        self.store = store
        self.keys = keys
        self.includePrivileged = includePrivileged
    }

    /// Whether `event`'s words stay out of this export.
    func withholds(_ event: RecordedEvent) -> Bool {
        !includePrivileged && event.type == PrivilegedNoteAdded.eventType
    }

    /// Writes the stream to `path`; returns how many events were written. `summary`, for JSONL,
    /// is written as the last line (see ``protocolLine(_:incident:)``).
    @discardableResult
    public func write(_ stream: StreamID, format: Format, to path: String, summary: [UInt8]? = nil)
        async throws(CommandError) -> Int
    {
        let file = try ExportFile(path: path)
        var count = 0
        if format == .csv {
            try file.write(Self.columns.joined(separator: ",") + "\r\n")
        }
        let reading = try await keys?.reading(stream.rawValue)
        do {
            for try await event in store.events(in: stream) {
                let withheld = withholds(event)
                let opened = withheld ? Data() : Self.opened(event.data, reading)
                switch format {
                case .jsonl: try file.write(bytes: Self.jsonLine(event, opened: opened, withheld: withheld))
                case .csv: try file.write(bytes: Self.csvRow(event, opened: opened, withheld: withheld))
                }
                count += 1
            }
        } catch {
            throw .whileReading(error)
        }
        if format == .jsonl, let summary { try file.write(bytes: summary) }
        try file.close()
        return count
    }

    /// `data` as the exporter may read it; a field that does not open (altered, or copied from
    /// another incident: `audit verify` names it) leaves the stored data as it is.
    static func opened(_ data: Data, _ reading: SealedFields.Reading?) -> Data {
        guard let reading else { return data }
        return (try? SealedFields.open(data, reading)) ?? data
    }

    static func fields(_ event: RecordedEvent, opened: Data, withheld: Bool) -> [(name: String, value: Field)] {
        [
            ("global_position", .number(event.globalPosition)),
            ("stream_id", .text(Array(event.streamID.utf8))),
            ("stream_version", .number(event.streamVersion)),
            ("event_id", .text(Array(event.eventID.uuidString.lowercased().utf8))),
            ("event_type", .text(Array(event.type.utf8))),
            ("schema_version", .number(Int64(event.schemaVersion))),
            ("data_text", .text(withheld ? [] : Array(event.data))),
            ("metadata_text", .text(Array(event.metadata))),
            ("command_id", .text(Array(event.commandID.uuidString.lowercased().utf8))),
            ("actor", .text(Array(event.actor.utf8))),
            ("recorded_at_micros", .number(event.recordedAtMicroseconds)),
            ("recorded_at", .text(Array(AuditTime.iso(event.recordedAtMicroseconds).utf8))),
            ("prev_hash", .text(Array(event.previousHash.hexString.utf8))),
            ("hash", .text(Array(event.hash.hexString.utf8))),
            ("transaction_id", .number(event.transactionID)),
            ("data_opened", .text(Array(opened))),
            ("withheld", .text(withheld ? Array(withheldPrivileged.utf8) : [])),
        ]
    }

    /// A field's value: a number, or UTF-8 text.
    enum Field {
        case number(Int64)
        case text([UInt8])
    }

    static func jsonLine(_ event: RecordedEvent, opened: Data, withheld: Bool = false) -> [UInt8] {
        var line: [UInt8] = [UInt8(ascii: "{")]
        for (index, field) in fields(event, opened: opened, withheld: withheld).enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            line += ExportEscaping.json(field.name.utf8)
            line.append(UInt8(ascii: ":"))
            switch field.value {
            case .number(let value): line += Array(String(value).utf8)
            case .text(let bytes): line += ExportEscaping.json(bytes)
            }
        }
        line += [UInt8(ascii: "}"), UInt8(ascii: "\n")]
        return line
    }

    static func csvRow(_ event: RecordedEvent, opened: Data, withheld: Bool = false) -> [UInt8] {
        var row: [UInt8] = []
        for (index, field) in fields(event, opened: opened, withheld: withheld).enumerated() {
            if index > 0 { row.append(UInt8(ascii: ",")) }
            switch field.value {
            case .number(let value): row += Array(String(value).utf8)
            case .text(let bytes): row += ExportEscaping.csv(bytes)
            }
        }
        row += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
        return row
    }
}

extension EventExport {
    /// The JSONL export's last line: the breach-notification protocol's answers derived from the
    /// events above by crisis's rules (`{"record": "breach-notification-protocol", "incident": ...,
    /// "answers": ...}`). It is not an event and not hashed; scripts/verify-export.py skips it.
    public static func protocolLine(_ answers: BreachProtocolAnswers, incident: String) throws(CommandError)
        -> [UInt8]
    {
        struct Line: Encodable {
            var record: String
            var incident: String
            var answers: BreachProtocolAnswers
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(
                Line(record: BreachProtocolAnswers.recordName, incident: incident, answers: answers))
            return Array(data) + [UInt8(ascii: "\n")]
        } catch {
            throw .badInput("the breach-notification answers could not be written: \(error)")
        }
    }
}

extension EventExport {
    /// The protocol line for `stream` as of now (nil when the incident has no workflow), replayed
    /// without its notes so memory stays flat: what every JSONL export (CLI and web) ends with.
    public static func protocolLine(of stream: StreamID, handler: IncidentHandler) async throws(CommandError)
        -> [UInt8]?
    {
        let replay = try await AuditReplay(handler: handler).replay(
            stream, at: .now, keepHistory: false, keepNotes: false)
        guard let definition = replay.incident.definition else { return nil }
        return try protocolLine(
            breachProtocolAnswers(replay.incident.state, definition, now: replay.asOf), incident: replay.incident.id)
    }
}
