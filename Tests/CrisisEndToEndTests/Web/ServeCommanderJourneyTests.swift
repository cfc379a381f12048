import CrisisTestSupport
import Foundation
import Testing

/// The commander in headless Chromium: from the board, through the incident page's forms, to close.
@Suite("crisis serve: the commander's journey in a browser", .serialized)
struct ServeCommanderJourneyTests {
    func signIn(_ browser: WebDriver, as name: String) async throws {
        try await browser.type(name, into: "#name")
        try await browser.type(ServedCrisis.password, into: "#password")
        try await browser.clickAndWait("form[action='/login'] button")
    }

    /// Posts one of the incident page's forms and returns the heading of the answer; then back to the incident.
    func submit(_ browser: WebDriver, _ button: String, incident: String, base: String) async throws -> String {
        try await browser.clickAndWait(button)
        let heading = try await browser.text(of: "h1")
        try await browser.open(base + "/incidents/\(incident)")
        return heading
    }

    @Test(
        "the commander opens a viral complaint from the board, takes its actions, drafts and submits the words, requests and confirms a removal, notes and closes it; every event names her"
    )
    func commanderRunsAnIncidentToClose() async throws {
        try await ServedCrisis.with { served in
            guard let browser = try await WebDriver.start(width: 1024, height: 900) else { return }
            let base = served.baseURL
            var incident = ""
            do {
                try await browser.open(base + "/")
                try await signIn(browser, as: "e2e_alice")
                #expect(try await browser.text(of: "h1") == "Board")
                try await browser.click("#open-incident summary")
                _ = try await browser.script(
                    "document.querySelector('#open-kind').value = 'viral-complaint'; return true")
                try await browser.type("ER wait-time thread", into: "#open-title")
                try await browser.type("facebook", into: "#open-platform")
                try await browser.type("https://facebook.example/posts/1", into: "#open-url")
                try await browser.clickAndWait("#open-incident button")
                let url = try await browser.currentURL
                incident = String(url.split(separator: "/").last ?? "")
                #expect(url.hasPrefix(base + "/incidents/"), "opening lands on the incident: \(url)")
                #expect(try await browser.text(of: ".state") == "triage")

                try await browser.type("no patient detail in the thread", into: "#note-no-phi-found")
                let acted = try await submit(
                    browser, "#action-no-phi-found button", incident: incident, base: base)
                #expect(acted == "Done")
                #expect(try await browser.text(of: ".state") == "holding")

                try await browser.click("#draft summary")
                try await browser.type("holding-statement", into: "#draft-template")
                try await browser.type("patient_relations_line=1-800-555-0100", into: "#draft-set")
                #expect(try await submit(browser, "#draft button", incident: incident, base: base) == "Drafted")
                #expect(try await browser.text(of: "#message-m1 blockquote.words").contains("1-800-555-0100"))
                let submitted = try await submit(
                    browser, "#message-m1 form[action$='/submit'] button", incident: incident, base: base)
                #expect(submitted == "Submitted")
            } catch {
                await browser.quit()
                throw error
            }
            // Others do their part on the CLI meanwhile: the approvers, and social media publishing.
            for approver in ["e2e_pat", "e2e_cora"] {
                await served.team.run(approver, ["legal", "approve", incident, "m1"])
            }
            await served.team.run(
                "e2e_sam", ["message", "publish", incident, "m1", "--url", "https://facebook.example/reply/1"])
            do {
                try await browser.open(base + "/incidents/\(incident)")
                #expect(
                    try await submit(browser, "#action-holding-posted button", incident: incident, base: base) == "Done"
                )
                try await browser.click("#draft summary")
                try await browser.type("public-reply", into: "#draft-channel")
                try await browser.type("Thank you for reaching out. Please call 1-800-555-0100.", into: "#draft-body")
                #expect(try await submit(browser, "#draft button", incident: incident, base: base) == "Drafted")
                _ = try await submit(
                    browser, "#message-m2 form[action$='/submit'] button", incident: incident, base: base)
            } catch {
                await browser.quit()
                throw error
            }
            for approver in ["e2e_pat", "e2e_cora"] {
                await served.team.run(approver, ["legal", "approve", incident, "m2"])
            }
            await served.team.run(
                "e2e_sam", ["message", "publish", incident, "m2", "--url", "https://facebook.example/reply/2"])
            do {
                try await browser.open(base + "/incidents/\(incident)")
                #expect(
                    try await submit(browser, "#action-reply-posted button", incident: incident, base: base) == "Done")
                try await browser.click("#request-removal summary")
                try await browser.type("facebook", into: "#removal-platform")
                try await browser.type("https://facebook.example/posts/staff-reply", into: "#removal-url")
                #expect(
                    try await submit(browser, "#request-removal button", incident: incident, base: base)
                        == "Removal requested")
                try await browser.type("URL returns 404", into: "#evidence-r1")
                #expect(
                    try await submit(
                        browser, "#removal-r1 form[action$='/confirm'] button", incident: incident, base: base)
                        == "Removal confirmed")
                try await browser.type("called; meeting agreed", into: "#note-private-outreach-done")
                _ = try await submit(browser, "#action-private-outreach-done button", incident: incident, base: base)
                try await browser.type("Thread quiet for 48 hours", into: "#note-text")
                #expect(try await submit(browser, "#note button", incident: incident, base: base) == "Noted")
                try await browser.type("quiet", into: "#close-note")
                try await browser.clickAndWait("#close button")
                #expect(try await browser.text(of: "h1") == "Closed")
                try await browser.open(base + "/")
                #expect(try await !browser.source.contains(incident), "a closed incident leaves the board")
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
            let shown = try await served.team.json("e2e_alice", ["incident", "show", incident]) as? [String: Any]
            #expect((shown?["state"] as? [String: Any])?["lifecycle"] as? String == "closed")
            let byAlice = try await EndToEndDatabase.texts(
                served.team.settings,
                """
                SELECT event_type FROM crisis.events WHERE stream_id = \("incident-" + incident)
                AND actor = 'e2e_alice' ORDER BY stream_version
                """)
            #expect(
                ["IncidentOpened", "NoteAdded", "RemovalConfirmed", "IncidentClosed"].allSatisfy(byAlice.contains),
                "the database names her on her events: \(byAlice)")
        }
    }
}
