import Crypto
import Foundation

/// The check of a pushed batch's signature: paging's webhook scheme read the other way round
/// (docs/paging.md). `X-Crisis-Signature: t=UNIX_TIME,v1=HEX(HMAC-SHA256(secret, "t.body"))`;
/// the MAC is compared in constant time and a `t` more than five minutes from the server's clock
/// is refused as a replay.
enum IntakeSignature {
    static let tolerance: TimeInterval = 5 * 60

    enum Problem: Error, Equatable {
        case missing
        case malformed
        case stale(seconds: Int)
        case wrong

        var sentence: String {
            switch self {
            case .missing:
                "the batch carries no X-Crisis-Signature header; sign it as t=UNIX_TIME,v1=HEX(HMAC-SHA256(secret, \"t.body\")); nothing was recorded"
            case .malformed:
                "X-Crisis-Signature is not of the form t=UNIX_TIME,v1=64 hex digits; nothing was recorded"
            case .stale(let seconds):
                "the signature's time is \(seconds) seconds from the server's clock (more than 5 minutes): a replay or a wrong clock; sign the batch again now; nothing was recorded"
            case .wrong:
                "the signature does not match the body with this source's secret; nothing was recorded"
            }
        }
    }

    static func verify(_ header: String?, body: Data, secret: String, now: Date) throws(Problem) {
        guard let header, !header.isEmpty else { throw .missing }
        var time: Int?
        var mac: [UInt8]?
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { time = Int(pair[1]) }
            if pair[0] == "v1" { mac = hexBytes(pair[1]) }
        }
        guard let time, let mac, mac.count == 32 else { throw .malformed }
        let offset = abs(now.timeIntervalSince1970 - TimeInterval(time))
        guard offset <= tolerance else { throw .stale(seconds: Int(offset)) }
        var signed = Data("\(time).".utf8)
        signed.append(body)
        guard
            HMAC<SHA256>.isValidAuthenticationCode(
                mac, authenticating: signed, using: SymmetricKey(data: Data(secret.utf8)))
        else { throw .wrong }
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
