import CrisisTestSupport
import Foundation
import Testing

/// An auditor on `/audit/ID` in headless Chromium, and a session that expired mid-form.
@Suite("crisis serve: the auditor's journey and an expired session in a browser", .serialized)
struct ServeAuditorJourneyTests {
    func signIn(_ browser: WebDriver, as name: String) async throws {
        try await browser.type(name, into: "#name")
        try await browser.type(ServedCrisis.password, into: "#password")
        try await browser.clickAndWait("form[action='/login'] button")
    }

    /// The access log's (actor, action, format) rows about the incident.
    func accessRecords(_ served: ServedCrisis, _ incident: String) async throws -> [String] {
        try await EndToEndDatabase.texts(
            served.team.settings,
            """
            SELECT actor || ' ' || (data->>'action') || ' ' || coalesce(data->'detail'->>'format', '-')
            FROM crisis.events WHERE stream_id = 'access-log' AND data->>'subject' = \("incident-" + incident)
            ORDER BY stream_version
            """)
    }

    @Test(
        "an auditor replays the incident as of the time it was opened, sees it verified, and downloads its JSONL export; each read is in the access log"
    )
    func auditorReplaysAndDownloads() async throws {
        try await ServedCrisis.with { served in
            let (incident, _) = await served.leakWithSubmittedMessage()
            await served.team.run("e2e_alice", ["incident", "note", incident, "Reporter called"])
            let timeline =
                try await served.team.json("e2e_audrey", ["audit", "timeline", incident]) as? [[String: Any]]
            let opened = try #require(timeline?.first?["recordedAtUTC"] as? String, "\(String(describing: timeline))")
            guard let browser = try await WebDriver.start(width: 1024, height: 900) else { return }
            do {
                try await browser.open(served.baseURL + "/audit/\(incident)")
                try await signIn(browser, as: "e2e_audrey")
                #expect(try await browser.text(of: "#verification").hasPrefix("Verified."))
                #expect(try await browser.text(of: "#replayed").contains("version"))
                try await browser.type(opened, into: "#asOf")
                try await browser.clickAndWait("form.replay button")
                let replayed = try await browser.text(of: "#replayed")
                #expect(replayed.contains("version 1,"), "as of the opening only the opening is folded: \(replayed)")
                #expect(try await browser.text(of: "main").contains("No messages yet."))
                // The download, fetched by the page itself with the auditor's session.
                let fetched =
                    try await browser.script(
                        """
                        var request = new XMLHttpRequest();
                        request.open('GET', document.querySelector('#export-jsonl').href, false);
                        request.send();
                        return [request.status, request.getResponseHeader('Content-Disposition'), request.responseText];
                        """) as? [Any] ?? []
                #expect(fetched.first as? Int == 200, "\(fetched)")
                #expect((fetched.dropFirst().first as? String ?? "").contains("attachment"))
                let lines = (fetched.last as? String ?? "").split(separator: "\n")
                let events = try await served.team.eventTypes(incident)
                // One line per event, then the breach-notification protocol's answers (as the CLI's export).
                #expect(
                    lines.count == events.count + 1,
                    "one line per event and the answers: \(lines.count) vs \(events.count)")
                #expect(
                    lines.last?.contains("\"record\":\"breach-notification-protocol\"") == true, "\(lines.last ?? "")")
                let bad =
                    try await browser.script(
                        """
                        var request = new XMLHttpRequest();
                        request.open('GET', '/audit/\(incident)?asOf=yesterday', false);
                        request.send();
                        return request.status;
                        """) as? Int
                #expect(bad == 400, "a time that is not ISO 8601 is refused with a sentence")
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
            let records = try await accessRecords(served, incident)
            #expect(records.filter { $0.hasPrefix("e2e_audrey replay") }.count >= 2, "\(records)")
            #expect(records.contains("e2e_audrey export jsonl"), "\(records)")
        }
    }

    @Test("the CSV and HTML exports download over HTTP and are recorded; an export format that does not exist is 404")
    func exportsOverHTTP() async throws {
        try await ServedCrisis.with { served in
            let (incident, _) = await served.leakWithSubmittedMessage()
            let web = WebClient(base: served.baseURL)
            defer { Task { await web.shutdown() } }
            try await web.signIn("e2e_audrey")
            let csv = try await web.get("/audit/\(incident)/export/csv")
            #expect(csv.status == 200)
            #expect(csv.header("content-type")?.hasPrefix("text/csv") == true)
            #expect(csv.body.split(whereSeparator: \.isNewline).count > 2, "a header and a row per event (CRLF lines)")
            let html = try await web.get("/audit/\(incident)/export/html")
            #expect(html.status == 200 && html.body.contains("<html"), "\(html.body.prefix(200))")
            #expect(try await web.get("/audit/\(incident)/export/pdf").status == 404)
            let records = try await accessRecords(served, incident)
            #expect(records.contains("e2e_audrey export csv") && records.contains("e2e_audrey export html"))
        }
    }

    @Test(
        "the policy review page shows each kind with its measures and a chart served as SVG of its own; a bad since is 400"
    )
    func policyReview() async throws {
        try await ServedCrisis.with { served in
            _ = await served.leakWithSubmittedMessage()
            let web = WebClient(base: served.baseURL)
            defer { Task { await web.shutdown() } }
            try await web.signIn("e2e_alice")
            let page = try await web.get("/review")
            #expect(page.status == 200, "\(page.body)")
            #expect(page.body.contains("id=\"kind-phi-leak\""), "\(page.body)")
            #expect(page.body.contains("First approved public response"))
            #expect(!page.body.contains("<svg"), "the page itself carries no unescaped markup")
            let chart = try await web.get("/review/charts/phi-leak.svg")
            #expect(chart.status == 200)
            #expect(chart.header("content-type") == "image/svg+xml")
            #expect(chart.body.hasPrefix("<svg"))
            let cli = await served.team.run("e2e_alice", ["policy", "review"])
            #expect(cli.output.contains("phi-leak: 1 incidents"), "the CLI counts the same: \(cli.output)")
            #expect(page.body.contains("1 incidents: 1 open, 0 closed"))
            #expect(try await web.get("/review?since=last-week").status == 400)
        }
    }

    @Test("a session that expired while a form was open goes back to sign-in in the browser, and nothing is done")
    func expiredSessionInBrowser() async throws {
        try await ServedCrisis.with(serveArguments: ["--idle-seconds", "2"]) { served in
            let (incident, message) = await served.leakWithSubmittedMessage()
            guard let browser = try await WebDriver.start() else { return }
            do {
                try await browser.open(served.baseURL + "/approvals")
                try await signIn(browser, as: "e2e_lee")
                #expect(try await browser.text(of: "blockquote.words") == ServedCrisis.words)
                // Idle past the timeout (2 s here; 15 minutes by default), the form still on screen.
                try await Task.sleep(for: .seconds(3))
                try await browser.clickAndWait("form[action='/approvals/approve'] button")
                #expect(try await browser.currentURL.hasSuffix("/login"), "back to sign-in")
                #expect(try await browser.element("#password").isEmpty == false)
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
            #expect(try await served.approvers(incident, message).isEmpty, "nothing was done")
        }
    }
}
