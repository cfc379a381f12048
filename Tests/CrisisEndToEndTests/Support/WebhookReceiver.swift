import CrisisTestSupport
import Foundation
import Testing

/// The tests' own webhook receiver (scripts/lib/webhook-receiver.py) on 127.0.0.1: it checks
/// each page's signature and logs every request; its path says whether to answer 200, fail N
/// times, or stall.
final class WebhookReceiver: Sendable {
    let process: Process
    let log: URL
    let secretFile: URL
    let port: Int
    static let secret = "test-signing-secret"

    struct Request: Sendable {
        var path: String
        var status: Int
        var signatureValid: Bool
        var pageId: String
        var body: String
        var json: [String: JSONValue]
    }

    static func start() async throws -> WebhookReceiver {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("requests.jsonl")
        let portFile = directory.appendingPathComponent("port")
        let secretFile = directory.appendingPathComponent("secret")
        try (secret + "\n").write(to: secretFile, atomically: true, encoding: .utf8)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "scripts/lib/webhook-receiver.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script.path, "--secret", secret, "--log", log.path, "--port-file", portFile.path,
        ]
        // Not the test runner's output: a receiver left behind must not keep the runner waiting.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let port = try await waitUntil("the webhook receiver to listen", within: .seconds(30)) {
            () async throws -> WaitCheck<Int> in
            guard let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) else {
                return .notYet(process.isRunning ? "no port file yet" : "the receiver exited")
            }
            return .done(port)
        }
        return WebhookReceiver(process: process, log: log, secretFile: secretFile, port: port)
    }

    private init(process: Process, log: URL, secretFile: URL, port: Int) {
        self.process = process
        self.log = log
        self.secretFile = secretFile
        self.port = port
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func stop() {
        if process.isRunning { process.terminate() }
    }

    /// Every request received so far, in order.
    func requests() -> [Request] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            let headers = entry["headers"] as? [String: String] ?? [:]
            let body = entry["body"] as? String ?? ""
            let json = (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
            return Request(
                path: entry["path"] as? String ?? "", status: entry["status"] as? Int ?? 0,
                signatureValid: entry["signature_valid"] as? Bool ?? false,
                pageId: headers["idempotency-key"] ?? "", body: body,
                json: json.compactMapValues(JSONValue.init))
        }
    }
}

/// A JSON value of a page body the tests look at (text or a whole number).
enum JSONValue: Sendable, Equatable {
    case text(String)
    case number(Int)

    init?(_ value: Any) {
        if let text = value as? String {
            self = .text(text)
        } else if let number = value as? Int {
            self = .number(number)
        } else {
            return nil
        }
    }

    var string: String? { if case .text(let text) = self { text } else { nil } }
    var int: Int? { if case .number(let number) = self { number } else { nil } }
}
