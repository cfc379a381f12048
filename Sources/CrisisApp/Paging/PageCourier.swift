import AsyncHTTPClient
import Crypto
import CrisisDomain
import CrisisStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Takes a page to a person: email through the machine's `sendmail` (Postfix queues and retries
/// it), or a webhook (generic JSON, Slack, PagerDuty Events v2) through async-http-client. It
/// never throws: every fault (a receiver down, slow or answering 500, a missing secret file,
/// sendmail absent) comes back as an answer that the record keeps as `PageFailed`.
public struct PageCourier: Sendable {
    /// What the receiver answered.
    public enum Answer: Sendable, Equatable {
        case accepted(receipt: String)
        /// `retryable` is false when a retry cannot change the answer (an HTTP 4xx other than 408 and 429).
        case refused(reason: String, retryable: Bool)
    }

    /// The program that takes a mail on its standard input (`CRISIS_SENDMAIL`, else /usr/sbin/sendmail).
    public var sendmail: String
    /// The sender of page mail (`CRISIS_MAIL_FROM`, else crisis@ and this machine's name).
    public var mailFrom: String
    /// How long a receiver has to answer.
    public var timeout: Duration = .seconds(10)

    public init(sendmail: String, mailFrom: String) {
        self.sendmail = sendmail
        self.mailFrom = mailFrom
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> PageCourier
    {
        let host = ProcessInfo.processInfo.hostName
        return PageCourier(
            sendmail: environment["CRISIS_SENDMAIL"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/sbin/sendmail",
            mailFrom: environment["CRISIS_MAIL_FROM"].flatMap { $0.isEmpty ? nil : $0 } ?? "crisis@\(host)")
    }

    /// Delivers `notice` on `route` (attempt `attempt`), as the schedule says the route is reached.
    public func deliver(
        _ notice: PageNotice, on route: PageRoute, attempt: Int, schedule: OnCallSchedule, now: Date
    ) async -> Answer {
        if route.route == PageRoute.email {
            guard let address = schedule.contacts[route.person]?.email else {
                return .refused(reason: "\(route.person) has no email address in their contact", retryable: false)
            }
            return mail(notice, to: address, attempt: attempt, now: now)
        }
        guard let name = route.webhookName, let channel = schedule.channels[name] else {
            return .refused(reason: "there is no channel \(route.route)", retryable: false)
        }
        return await post(notice, to: channel, attempt: attempt, now: now)
    }

    /// Tells a route that keeps the page open on its side (a PagerDuty channel) that it was
    /// acknowledged, so its alert stops too.
    public func passOnAcknowledgement(
        _ notice: PageNotice, on route: PageRoute, attempt: Int, schedule: OnCallSchedule, now: Date
    ) async -> Answer {
        guard let name = route.webhookName, let channel = schedule.channels[name] else {
            return .refused(reason: "there is no channel \(route.route)", retryable: false)
        }
        return await post(notice, to: channel, attempt: attempt, now: now, action: .acknowledge)
    }

    /// The routes of `page` that hold an alert of their own until told it was acknowledged: the
    /// PagerDuty channels it reached.
    public static func routesToTell(_ page: Page, schedule: OnCallSchedule) -> [PageRoute] {
        page.deliveries.compactMap { delivery in
            guard delivery.deliveredAt != nil,
                let name = PageRoute(person: delivery.person, route: delivery.route).webhookName,
                schedule.channels[name]?.format == .pagerduty
            else { return nil }
            return PageRoute(person: delivery.person, route: delivery.route)
        }
    }

    /// `crisis channel test`: posts a test page to one channel and says what it answered. On
    /// PagerDuty the test is an `info` alert, resolved straight after.
    public func test(_ channel: ChannelAdded, now: Date) async -> Answer {
        let id = "test-" + UUID().uuidString.prefix(8).lowercased()
        let answer = await post(PageNotice.test(id: id), to: channel, attempt: 1, now: now)
        if channel.format == .pagerduty, case .accepted = answer {
            _ = await post(PageNotice.test(id: id), to: channel, attempt: 1, now: now, action: .resolve)
        }
        return answer
    }

    // MARK: email

    func mail(_ notice: PageNotice, to address: String, attempt: Int, now: Date) -> Answer {
        guard FileManager.default.isExecutableFile(atPath: sendmail) else {
            return .refused(
                reason: "\(sendmail) is not there: install a mail transfer agent (Postfix) or set CRISIS_SENDMAIL",
                retryable: true)
        }
        // The same on every attempt, so a mail queued twice (sendmail killed after queueing) is
        // recognisably one page to one person.
        let messageID = "<\(notice.pageId).\(address.split(separator: "@").first ?? "")@crisis>"
        let mail = [
            "From: \(mailFrom)",
            "To: \(address)",
            "Subject: \(notice.subject)",
            "Message-ID: \(messageID)",
            "X-Crisis-Page: \(notice.pageId)",
            "Content-Type: text/plain; charset=utf-8",
            "",
            notice.text(now: now),
            "",
        ].joined(separator: "\n")
        let result = ChildProcess.capture(
            sendmail, ["-i", "-f", mailFrom, "--", address], input: mail, signal: SIGKILL,
            after: timeout)
        if result.signalled {
            return .refused(reason: "sendmail did not finish within \(timeout)", retryable: true)
        }
        guard result.status == 0 else {
            let said = (result.standardError + result.standardOutput).trimmingCharacters(in: .whitespacesAndNewlines)
            return .refused(
                reason: "sendmail exited \(result.status)" + (said.isEmpty ? "" : ": \(said.prefix(200))"),
                retryable: true)
        }
        return .accepted(receipt: "queued by sendmail, Message-ID \(messageID)")
    }

    // MARK: webhooks

    func post(
        _ notice: PageNotice, to channel: ChannelAdded, attempt: Int, now: Date,
        action: WebhookBody.Action = .trigger
    ) async -> Answer {
        let secret: String?
        if let file = channel.secretFile {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                return .refused(
                    reason: "the secret file \(file) of channel \(channel.name) cannot be read; restore it",
                    retryable: true)
            }
            secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            secret = nil
        }
        if channel.format == .pagerduty && secret == nil {
            return .refused(
                reason: "channel \(channel.name) is PagerDuty and needs its routing key in a --secret-file",
                retryable: false)
        }
        let body: Data
        do {
            body = try WebhookBody.encode(notice, format: channel.format, routingKey: secret, now: now, action: action)
        } catch {
            return .refused(reason: "the page could not be written as JSON: \(error)", retryable: false)
        }
        var request = HTTPClientRequest(url: channel.webhook)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        // The acknowledgement is a second message about the same page: its own key, still derived.
        let key = action == .trigger ? notice.pageId : "\(notice.pageId).\(action.rawValue)"
        request.headers.add(name: "Idempotency-Key", value: key)
        request.headers.add(name: "X-Crisis-Page", value: notice.pageId)
        request.headers.add(name: "X-Crisis-Attempt", value: String(attempt))
        if let secret, channel.format != .pagerduty {
            request.headers.add(name: "X-Crisis-Signature", value: Self.signature(body, secret: secret, at: Date()))
        }
        request.body = .bytes(Array(body))
        do {
            let seconds = Int64(timeout.components.seconds)
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(seconds))
            let status = Int(response.status.code)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if (200..<300).contains(status) { return .accepted(receipt: "HTTP \(status)") }
            let retryable = status == 408 || status == 429 || status >= 500
            return .refused(reason: "HTTP \(status) from \(channel.name)", retryable: retryable)
        } catch {
            return .refused(reason: "\(channel.name) did not answer: \(Self.describe(error))", retryable: true)
        }
    }

    /// `t=UNIX_TIME,v1=HEX(HMAC-SHA256(secret, "t.body"))`: a receiver recomputes it with the
    /// shared secret and refuses a time too far from its own clock (a replay).
    public static func signature(_ body: Data, secret: String, at date: Date) -> String {
        let time = Int(date.timeIntervalSince1970)
        var signed = Data("\(time).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8)))
        return "t=\(time),v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("deadlineExceeded") || text.contains("readTimeout") { return "no answer within the timeout" }
        if text.contains("connectTimeout") || text.contains("connection refused") || text.contains("connectionRefused")
        {
            return "connection refused or timed out"
        }
        return String(text.prefix(200))
    }
}
