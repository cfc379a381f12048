import AsyncHTTPClient
import CrisisTestSupport
import Foundation
import NIOCore
import Testing

/// Headless Chromium driven through WebDriver (W3C) by Debian's chromedriver: a small client of
/// our own, so the tests need nothing from PyPI. `start` is nil, with a notice, on a developer's
/// machine without chromium and chromedriver; under CI (`CI=true`) a missing browser fails.
final class WebDriver: Sendable {
    let process: Process
    let endpoint: String
    let session: String
    private let client: HTTPClient

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func start(width: Int = 390, height: Int = 844, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> WebDriver?
    {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let chromium, let driver else {
            let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
            #expect(
                !inCI, "chromium and chromedriver are not installed (.ci/run installs them)",
                sourceLocation: sourceLocation)
            print("notice: chromium or chromedriver is not installed; the browser part of this test was skipped")
            return nil
        }
        let port = try await ServedCrisis.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: driver)
        process.arguments = ["--port=\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let endpoint = "http://127.0.0.1:\(port)"
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await waitUntil("chromedriver to answer on \(endpoint)", within: .seconds(60)) {
                () async throws -> WaitCheck<Void> in
                let status = try? await Self.call(client, "GET", endpoint + "/status", nil)
                let ready = (status?["value"] as? [String: Any])?["ready"] as? Bool ?? false
                return ready ? .done(()) : .notYet(process.isRunning ? "not ready" : "chromedriver exited")
            }
            let capabilities: [String: Any] = [
                "capabilities": [
                    "alwaysMatch": [
                        "browserName": "chrome",
                        "goog:chromeOptions": [
                            "binary": chromium,
                            // A phone's viewport: headless Chromium's window is never narrower than 500 px.
                            "mobileEmulation": ["deviceMetrics": ["width": width, "height": height, "pixelRatio": 3]],
                            "args": [
                                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                "--window-size=\(width),\(height)",
                                "--user-data-dir=\(NSTemporaryDirectory())chromium-\(UUID())",
                            ],
                        ],
                    ]
                ]
            ]
            let created = try await call(client, "POST", endpoint + "/session", capabilities)
            guard let session = (created["value"] as? [String: Any])?["sessionId"] as? String else {
                throw Failure(description: "chromedriver made no session: \(created)")
            }
            return WebDriver(process: process, endpoint: endpoint, session: session, client: client)
        } catch {
            kill(process.processIdentifier, SIGKILL)
            try? await client.shutdown()
            throw error
        }
    }

    private init(process: Process, endpoint: String, session: String, client: HTTPClient) {
        self.process = process
        self.endpoint = endpoint
        self.session = session
        self.client = client
    }

    /// Ends the browser and the driver. chromedriver does not stop on SIGTERM, so it is asked to
    /// (`/shutdown`) and then killed; nothing waits on a thread for it.
    func quit() async {
        _ = try? await command("DELETE", "", nil)
        _ = try? await Self.call(client, "GET", endpoint + "/shutdown", nil)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? await client.shutdown()
    }

    func open(_ url: String) async throws { _ = try await command("POST", "/url", ["url": url]) }

    var currentURL: String {
        get async throws { try await command("GET", "/url", nil)["value"] as? String ?? "" }
    }

    var source: String {
        get async throws { try await command("GET", "/source", nil)["value"] as? String ?? "" }
    }

    /// The first element matching a CSS selector.
    func element(_ css: String) async throws -> String {
        let found = try await command("POST", "/element", ["using": "css selector", "value": css])
        guard let id = (found["value"] as? [String: Any])?[Self.elementKey] as? String else {
            throw Failure(description: "no element matches \(css): \(found)")
        }
        return id
    }

    func type(_ text: String, into css: String) async throws {
        let id = try await element(css)
        _ = try await command("POST", "/element/\(id)/value", ["text": text])
    }

    func click(_ css: String) async throws {
        let id = try await element(css)
        _ = try await command("POST", "/element/\(id)/click", [:])
    }

    /// Clicks something that loads a new page (a form's button) and waits, bounded, until the
    /// new page has loaded: WebDriver's click does not wait for a form's navigation.
    func clickAndWait(_ css: String) async throws {
        _ = try await script("window.crisisPageBefore = true; return true")
        try await click(css)
        try await waitUntil("the page after clicking \(css) to load", within: .seconds(60)) {
            () async throws -> WaitCheck<Void> in
            let loaded =
                try? await self.script(
                    "return window.crisisPageBefore === undefined && document.readyState === 'complete'")
            return (loaded as? Bool) == true ? .done(()) : .notYet("the old page, or the new one still loading")
        }
    }

    func text(of css: String) async throws -> String {
        let id = try await element(css)
        return try await command("GET", "/element/\(id)/text", nil)["value"] as? String ?? ""
    }

    /// Runs a script in the page and returns its result.
    func script(_ source: String) async throws -> Any? {
        try await command("POST", "/execute/sync", ["script": source, "args": []])["value"]
    }

    /// A PNG of the viewport.
    func screenshot() async throws -> Data {
        let base64 = try await command("GET", "/screenshot", nil)["value"] as? String ?? ""
        return Data(base64Encoded: base64) ?? Data()
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> [String: Any] {
        try await Self.call(client, method, "\(endpoint)/session/\(session)\(path)", body)
    }

    private static func call(_ client: HTTPClient, _ method: String, _ url: String, _ body: [String: Any]?)
        async throws -> [String: Any]
    {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 32 << 20)
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any] ?? [:]
        if response.status.code >= 400 {
            throw Failure(description: "WebDriver \(method) \(url) answered \(response.status.code): \(json)")
        }
        return json
    }
}
