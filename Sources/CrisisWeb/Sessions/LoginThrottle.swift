import Foundation

/// Failed sign-ins, counted per person name and per client address: after `limit` failures
/// within `window`, further attempts from that name or address are refused until the window
/// passes, whatever password they carry.
struct LoginThrottle: Sendable {
    var limit = 5
    var window: Duration = .seconds(15 * 60)
    private var failures: [String: [ContinuousClock.Instant]] = [:]

    init(limit: Int = 5, window: Duration = .seconds(15 * 60)) {
        self.limit = limit
        self.window = window
    }

    /// How long the name or address must wait, or nil when it may try now.
    mutating func wait(name: String, address: String, now: ContinuousClock.Instant) -> Duration? {
        let waits = [Self.key(name: name), Self.key(address: address)].compactMap { key -> Duration? in
            let recent = (failures[key] ?? []).filter { now - $0 < window }
            failures[key] = recent.isEmpty ? nil : recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return window - (now - oldest)
        }
        return waits.max()
    }

    mutating func recordFailure(name: String, address: String, now: ContinuousClock.Instant) {
        failures[Self.key(name: name), default: []].append(now)
        failures[Self.key(address: address), default: []].append(now)
    }

    private static func key(name: String) -> String { "name:" + name.lowercased() }
    private static func key(address: String) -> String { "address:" + address }
}
