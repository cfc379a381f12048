import Foundation

/// Takedown requests tracked per platform, and evidence captured before a post disappears.
extension Decision {
    func decideRemoval(_ command: RemovalCommand) throws(Refusal) -> [IncidentEvent] {
        switch command {
        case .request(let platform, let url):
            let platform = try requiredName(platform, "the platform")
            let url = try requiredName(url, "the post's URL")
            if let existing = state.removals.first(where: { $0.url == url && $0.status != .abandoned }) {
                throw Refusal(
                    .removalDuplicate,
                    "A removal of \(url) is already tracked as \(existing.id) (\(existing.status.rawValue)); update that one instead."
                )
            }
            return [
                .removal(.requested(RemovalRequested(removalId: state.nextRemovalId, platform: platform, url: url)))
            ]
        case .confirm(let id, let evidence):
            try unresolved(id)
            return [.removal(.confirmed(RemovalResolved(removalId: id, detail: evidence.typedText)))]
        case .fail(let id, let reason):
            try unresolved(id)
            return [
                .removal(
                    .failed(
                        RemovalResolved(
                            removalId: id, detail: try required(reason, "the platform's answer or the reason it failed")
                        )))
            ]
        case .abandon(let id, let reason):
            try unresolved(id)
            return [
                .removal(
                    .abandoned(
                        RemovalResolved(
                            removalId: id, detail: try required(reason, "the reason the removal is abandoned"))))
            ]
        }
    }

    func decideEvidence(url: String, capturedAt: Date, contentSHA256 hash: String) throws(Refusal) -> [IncidentEvent] {
        let url = try requiredName(url, "the URL captured")
        let isHex = hash.count == 64 && hash.allSatisfy { $0.isHexDigit }
        guard isHex else {
            throw Refusal(
                .evidenceHashInvalid,
                "The content hash must be the SHA-256 of the captured file as 64 hex digits (e.g. `sha256sum capture.png`)."
            )
        }
        guard capturedAt <= now else {
            throw Refusal(
                .evidenceInFuture, "The capture time is in the future; give the time the capture was made."
            )
        }
        return [
            .evidenceCaptured(EvidenceCaptured(url: url, capturedAt: capturedAt, contentSHA256: hash.lowercased()))
        ]
    }

    private func unresolved(_ id: String) throws(Refusal) {
        guard let removal = state.removal(id) else {
            throw Refusal(
                .removalUnknown,
                "There is no removal \(id) on this incident; run `crisis incident show ID` to see its removals.")
        }
        guard !removal.isResolved else {
            throw Refusal(
                .removalResolved,
                "\(id) is already \(removal.status.rawValue); request a new removal if the post came back.")
        }
    }
}
