/// Takedown requests tracked per platform, and evidence captured before a post disappears.
extension Decision {
    func decideContainment() throws(Refusal) -> [IncidentEvent] {
        switch command {
        case .requestRemoval(let platform, let url):
            let platform = try requiredName(platform, "the platform")
            let url = try requiredName(url, "the post's URL")
            if let existing = state.removals.first(where: { $0.url == url && $0.status != .abandoned }) {
                throw Refusal(
                    .removalDuplicate,
                    "A removal of \(url) is already tracked as \(existing.id) (\(existing.status.rawValue)); update that one instead."
                )
            }
            return [.removalRequested(RemovalRequested(removalId: state.nextRemovalId, platform: platform, url: url))]
        case .confirmRemoval(let id, let evidence):
            try unresolved(id)
            return [.removalConfirmed(RemovalResolved(removalId: id, detail: evidence.typedText))]
        case .failRemoval(let id, let reason):
            try unresolved(id)
            return [
                .removalFailed(
                    RemovalResolved(
                        removalId: id, detail: try required(reason, "the platform's answer or the reason it failed")))
            ]
        case .abandonRemoval(let id, let reason):
            try unresolved(id)
            return [
                .removalAbandoned(
                    RemovalResolved(removalId: id, detail: try required(reason, "the reason the removal is abandoned")))
            ]
        case .captureEvidence(let url, let capturedAt, let hash):
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
        default:
            return []
        }
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
