import CrisisTestSupport
import Foundation
import Testing

/// `crisis serve` in headless Chromium, through WebDriver: what legal counsel does at 2 a.m.
/// from a phone, and what the author of the words is refused.
@Suite("crisis serve in a browser", .serialized)
struct ServeBrowserTests {
    /// Signs in on the page the browser is on (the sign-in form).
    func signIn(_ browser: WebDriver, as name: String) async throws {
        try await browser.type(name, into: "#name")
        try await browser.type(ServedCrisis.password, into: "#password")
        try await browser.clickAndWait("form[action='/login'] button")
    }

    @Test(
        "counsel opens the link in her page, signs in, acknowledges, sees the exact words and approves them; the record names her"
    )
    func counselApprovesFromThePageLink() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        try await ServedCrisis.with { served in
            let (incident, message) = await served.leakWithSubmittedMessage()
            let link = try await served.pageLegal(receiver: receiver)
            #expect(link.hasPrefix(served.baseURL + "/pages/"), "the page links to the server: \(link)")
            guard let browser = try await WebDriver.start() else { return }
            do {
                try await browser.open(link)
                #expect(try await browser.currentURL.contains("/login?next="), "a stranger is asked to sign in first")
                try await signIn(browser, as: "e2e_lee")
                #expect(try await browser.currentURL == link, "after signing in she is back on her page")
                #expect(try await browser.text(of: ".status").contains("Waiting"))
                try await browser.clickAndWait("form[action$='/ack'] button")
                #expect(try await browser.text(of: "main").contains("acknowledged by e2e_lee"))

                try await browser.open(served.baseURL + "/approvals")
                let shown = try await browser.text(of: "blockquote.words")
                #expect(shown == ServedCrisis.words, "the exact words, escaped, not interpreted: \(shown)")
                try await browser.clickAndWait("form[action='/approvals/approve'] button")
                #expect(try await browser.text(of: "h1") == "Approved")
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
            #expect(try await served.approvers(incident, message) == ["e2e_lee"])
            let acknowledged = try await EndToEndDatabase.texts(
                served.team.settings,
                "SELECT actor FROM crisis.events WHERE event_type = 'PageAcknowledged' AND stream_id = \("incident-" + incident)"
            )
            #expect(acknowledged == ["e2e_lee"], "the database, not the server, names who acknowledged")
        }
    }

    @Test("the author approving their own words from the incident page is refused, and the refusal is on the record")
    func authorsOwnWordsRefused() async throws {
        try await ServedCrisis.with { served in
            let (incident, message) = await served.leakWithSubmittedMessage()
            guard let browser = try await WebDriver.start() else { return }
            do {
                try await browser.open(served.baseURL + "/incidents/\(incident)")
                try await signIn(browser, as: "e2e_sam")
                let page = try await browser.source
                try #require(page.contains("message-\(message)"), "the incident page shows \(message): \(page)")
                try await browser.clickAndWait("#message-\(message) form[action='/approvals/approve'] button")
                #expect(try await browser.text(of: "h1") == "Refused")
                #expect(try await browser.text(of: ".rule") == "[message.author-cannot-approve]")
                try await browser.open(served.baseURL + "/incidents/\(incident)")
                #expect(try await browser.text(of: ".timeline").contains("REFUSED"))
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
            #expect(try await served.approvers(incident, message).isEmpty)
            let refusals = try await served.refusals(incident)
            #expect(
                refusals.contains { $0.actor == "e2e_sam" && $0.rule == "message.author-cannot-approve" },
                "\(refusals)")
        }
    }

    @Test("on a 390-pixel-wide phone the approvals page shows the words without scrolling sideways")
    func phoneWidthApprovals() async throws {
        try await ServedCrisis.with { served in
            let long =
                "We have read every comment about the emergency department tonight and we are looking into what happened; please contact our patient relations team privately so that we can help."
            _ = await served.leakWithSubmittedMessage(words: long)
            guard let browser = try await WebDriver.start(width: 390, height: 844) else { return }
            do {
                try await browser.open(served.baseURL + "/approvals")
                try await signIn(browser, as: "e2e_lee")
                try await browser.open(served.baseURL + "/approvals")
                let png = try await browser.screenshot()
                let shot = URL(fileURLWithPath: served.cluster.directory).appendingPathComponent("approvals-390.png")
                try png.write(to: shot)
                #expect(png.count > 1_000, "a screenshot was taken")
                let inner = try await browser.script("return window.innerWidth") as? Int ?? 0
                let scroll = try await browser.script("return document.documentElement.scrollWidth") as? Int ?? -1
                #expect(inner <= 400, "the window is phone-wide: \(inner)")
                #expect(scroll <= inner, "no horizontal scrolling: page \(scroll) px wide in a \(inner) px window")
                let right =
                    try await browser.script(
                        "return Math.ceil(document.querySelector('blockquote.words').getBoundingClientRect().right)")
                    as? Int ?? 9_999
                #expect(right <= inner, "the words end inside the window: \(right) > \(inner)")
                #expect(try await browser.text(of: "blockquote.words") == long)
                await browser.quit()
            } catch {
                await browser.quit()
                throw error
            }
        }
    }
}
