import AsyncHTTPClient
import CrisisDomain
import Foundation

extension PageCourier {
    /// Tells a publishing tool's webhook that a freeze started or ended, signed as pages are.
    /// A PagerDuty channel is no publishing tool: refused without trying.
    public func post(_ notice: FreezeNotice, to channel: ChannelAdded) async -> Answer {
        guard channel.format != .pagerduty else {
            return .refused(
                reason:
                    "channel \(channel.name) is PagerDuty, which takes pages, not freezes; name a generic or Slack channel in the workflow's freeze: notify",
                retryable: false)
        }
        var secret: String?
        if let file = channel.secretFile {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                return .refused(
                    reason: "the secret file \(file) of channel \(channel.name) cannot be read; restore it",
                    retryable: true)
            }
            secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let body: Data
        do {
            body = try notice.body(format: channel.format)
        } catch {
            return .refused(reason: "the notice could not be written as JSON: \(error)", retryable: false)
        }
        var request = HTTPClientRequest(url: channel.webhook)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Idempotency-Key", value: notice.key)
        request.headers.add(name: "X-Crisis-Freeze", value: notice.key)
        if let secret {
            request.headers.add(name: "X-Crisis-Signature", value: Self.signature(body, secret: secret, at: Date()))
        }
        request.body = .bytes(Array(body))
        do {
            let response = try await HTTPClient.shared.execute(
                request, timeout: .seconds(Int64(timeout.components.seconds)))
            let status = Int(response.status.code)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if (200..<300).contains(status) { return .accepted(receipt: "HTTP \(status)") }
            return .refused(
                reason: "HTTP \(status) from \(channel.name)",
                retryable: status == 408 || status == 429 || status >= 500)
        } catch {
            return .refused(reason: "\(channel.name) did not answer: \(Self.describe(error))", retryable: true)
        }
    }
}
