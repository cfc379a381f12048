import CrisisTestSupport
import Foundation
import Testing

/// `crisis serve --tls-cert F --tls-key F`: HTTPS of its own, with a certificate openssl makes here.
@Suite("crisis serve over TLS")
struct ServeTLSTests {
    /// A self-signed certificate for 127.0.0.1 and its key, written by openssl into `directory`.
    static func selfSigned(in directory: String) async throws -> (certificate: String, key: String) {
        let certificate = "\(directory)/cert.pem"
        let key = "\(directory)/key.pem"
        let made = await ChildProcessRunner.capture(
            "/usr/bin/env",
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
            ], environment: ProcessInfo.processInfo.environment)
        guard made.status == 0 else { throw TestSetupError("openssl made no certificate: \(made.errors)") }
        return (certificate, key)
    }

    /// curl trusting only `certificate`; returns the status line, headers and body.
    static func curl(_ arguments: [String], certificate: String) async -> CrisisBinary.Run {
        await ChildProcessRunner.capture(
            "/usr/bin/env", ["curl", "--silent", "--show-error", "--include", "--cacert", certificate] + arguments,
            environment: ProcessInfo.processInfo.environment)
    }

    @Test(
        "with a certificate and key the server speaks HTTPS only, its cookies are Secure, and a person signs in and reads the API"
    )
    func httpsWithSecureCookies() async throws {
        let directory = NSTemporaryDirectory() + "serve-tls-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (certificate, key) = try await Self.selfSigned(in: directory)
        try await ServedCrisis.with(serveArguments: ["--tls-cert", certificate, "--tls-key", key]) { served in
            #expect(served.baseURL.hasPrefix("https://127.0.0.1:"), "\(served.baseURL)")
            let login = await Self.curl([served.baseURL + "/login"], certificate: certificate)
            #expect(login.status == 0, "the certificate verifies: \(login.errors)")
            #expect(login.output.hasPrefix("HTTP/1.1 200"), "\(login.output.prefix(200))")
            let cookie = login.output.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie:") } ?? ""
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly"), "\(cookie)")

            let session = await Self.curl(
                [
                    "-H", "content-type: application/json", "--data",
                    "{\"name\": \"e2e_lee\", \"password\": \"\(ServedCrisis.password)\"}",
                    served.baseURL + "/api/v1/session",
                ], certificate: certificate)
            #expect(session.output.hasPrefix("HTTP/1.1 201"), "\(session.output)")
            let json = session.output.components(separatedBy: "\r\n\r\n").last ?? ""
            let token =
                (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["token"] as? String
            let queue = await Self.curl(
                ["-H", "authorization: Bearer \(token ?? "")", served.baseURL + "/api/v1/approvals"],
                certificate: certificate)
            #expect(queue.output.hasPrefix("HTTP/1.1 200"), "\(queue.output)")

            let plain = await ChildProcessRunner.capture(
                "/usr/bin/env",
                [
                    "curl", "--silent", "--max-time", "10",
                    served.baseURL.replacingOccurrences(of: "https", with: "http"),
                ],
                environment: ProcessInfo.processInfo.environment)
            #expect(plain.status != 0 || !plain.output.contains("<html"), "plain HTTP gets no page")
        }
    }

    @Test(
        "--tls-cert without --tls-key is bad input (exit 2); files that are not PEM stop the server at start with a sentence (exit 4)"
    )
    func unreadableCertificate() async throws {
        let directory = NSTemporaryDirectory() + "serve-tls-bad-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "not a certificate\n".write(toFile: "\(directory)/cert.pem", atomically: true, encoding: .utf8)
        try "not a key\n".write(toFile: "\(directory)/key.pem", atomically: true, encoding: .utf8)
        try await PrivateCluster.with("serve-tls-bad") { cluster in
            let crisis = CrisisBinary(environment: ["DATABASE_URL": cluster.url()])
            let half = await crisis.run(["serve", "--tls-cert", "\(directory)/cert.pem"])
            #expect(half.status == 2, "--tls-cert alone is bad input: \(half.errors)")
            #expect(half.errors.contains("--tls-key"), "\(half.errors)")
            let garbage = await crisis.run([
                "serve", "--listen", "127.0.0.1:0", "--tls-cert", "\(directory)/cert.pem", "--tls-key",
                "\(directory)/key.pem",
            ])
            #expect(garbage.status == 4, "\(garbage.errors)")
            #expect(garbage.errors.contains("could not read the TLS certificate"), "\(garbage.errors)")
        }
    }
}
