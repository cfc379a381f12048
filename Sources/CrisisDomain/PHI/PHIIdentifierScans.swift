/// The hand-written scans of the identifier rules: phone and fax numbers with the words before
/// them, e-mail addresses and links to a person's own page.
enum PHIIdentifierScans {
    static let tollFreeAreaCodes: Set<String> = ["800", "833", "844", "855", "866", "877", "888"]

    // MARK: - Phone and fax numbers

    /// "415 555 0134" in any of the usual forms ((415) 555-0134, 415.555.0134, 1-415-555-0134),
    /// and seven-digit local numbers (555-0134).
    static func phoneNumbers(in text: PHIText) -> [PHIMatch] {
        let tokens = text.tokens
        var found: [PHIMatch] = []
        var index = 0
        while index < tokens.count {
            guard isDigits(tokens[index], 3) else {
                index += 1
                continue
            }
            let first = index + 1 < tokens.count ? tokens[index + 1] : nil
            let second = index + 2 < tokens.count ? tokens[index + 2] : nil
            if let first, let second, isDigits(first, 3), isDigits(second, 4),
                [")", ") ", " ", "-", ".", ")-"].contains(first.gapBefore), ["-", ".", " "].contains(second.gapBefore)
            {
                found.append(match(index..<index + 3, in: text))
                index += 3
            } else if let first, isDigits(first, 4), ["-", "."].contains(first.gapBefore) {
                found.append(match(index..<index + 2, in: text))
                index += 2
            } else {
                index += 1
            }
        }
        return found
    }

    /// A number is personal when a personal word ("her", "your cell", "call me") comes before it,
    /// closer than any word of the organisation ("our", "the office", "line"); with neither, a
    /// full number is treated as personal and a seven-digit local number as the organisation's.
    static func isPersonalPhone(_ match: PHIMatch, in text: PHIText) -> Bool {
        let start = match.tokens.lowerBound
        if tollFreeAreaCodes.contains(text.tokens[start].word) { return false }
        let sentence = text.sentenceBounds(of: start)
        for position in stride(from: start - 1, through: max(sentence.lowerBound, start - 8), by: -1) {
            if text.match(PHIWordClasses([.personalCue]), at: position) != nil { return true }
            if text.match(PHIWordClasses([.organisationCue]), at: position) != nil { return false }
        }
        return match.tokens.count == 3
    }

    private static func isDigits(_ token: PHIText.Token, _ count: Int) -> Bool {
        token.isNumber && token.word.count == count
    }

    private static func match(_ tokens: Range<Int>, in text: PHIText) -> PHIMatch {
        var lower = text.tokens[tokens.lowerBound].range.lowerBound
        // "(415) 555-0134": the span starts at the bracket.
        if text.tokens[tokens.lowerBound].gapBefore.hasSuffix("("), lower > text.text.startIndex {
            lower = text.text.index(before: lower)
        }
        let range = lower..<text.tokens[tokens.upperBound - 1].range.upperBound
        return PHIMatch(range: range, triggers: [String(text.text[range])], spans: [tokens])
    }

    // MARK: - E-mail addresses

    /// Every "local@domain.tld" in the text.
    static func emailAddresses(in text: PHIText) -> [PHIMatch] {
        let scalars = text.text.unicodeScalars
        guard scalars.contains("@") else { return [] }
        var found: [PHIMatch] = []
        var index = scalars.startIndex
        while index < scalars.endIndex {
            defer { index = scalars.index(after: index) }
            guard scalars[index] == "@" else { continue }
            var lower = index
            while lower > scalars.startIndex, isLocalPart(scalars[scalars.index(before: lower)]) {
                lower = scalars.index(before: lower)
            }
            var upper = scalars.index(after: index)
            while upper < scalars.endIndex, isDomainPart(scalars[upper]) { upper = scalars.index(after: upper) }
            while upper > index, scalars[scalars.index(before: upper)] == "." { upper = scalars.index(before: upper) }
            let domain = String(text.text[scalars.index(after: index)..<upper])
            guard lower < index, domain.contains("."), !domain.hasPrefix(".") else { continue }
            let address = String(text.text[lower..<upper])
            found.append(PHIMatch(range: lower..<upper, triggers: [address]))
        }
        return found
    }

    static let freeMailDomains: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "msn.com", "aol.com",
        "icloud.com", "me.com", "mac.com", "protonmail.com", "proton.me", "gmx.com", "mail.com", "comcast.net",
        "verizon.net", "att.net", "sbcglobal.net", "ymail.com", "yandex.com", "zoho.com",
    ]

    /// Words of the local part that make an address the organisation's (privacy@, patientrelations@).
    static let roleWords = [
        "privacy", "patient", "relations", "feedback", "info", "contact", "help", "support", "media", "press",
        "communications", "comms", "billing", "careers", "jobs", "hr", "experience", "advocate", "office", "admin",
        "webmaster", "social", "compliance", "questions", "appointments", "scheduling", "records", "foundation",
        "volunteer", "marketing", "news", "service", "concerns", "hello", "team", "care",
    ]

    /// Personal unless it is a role address (privacy@, feedback@) at a domain that is not free mail.
    static func isPersonalEmail(_ address: String) -> Bool {
        let parts = address.lowercased().split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return true }
        if freeMailDomains.contains(parts[1]) { return true }
        return !roleWords.contains { parts[0].contains($0) }
    }

    private static func isLocalPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._%+-".unicodeScalars.contains(scalar)
    }

    private static func isDomainPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-"
    }

    // MARK: - Web addresses

    /// Sites where a link leads to one person's own page: fundraisers, profiles, meal trains.
    static let personalSites: Set<String> = [
        "gofundme.com", "caringbridge.org", "facebook.com", "fb.com", "instagram.com", "tiktok.com", "twitter.com",
        "x.com", "youtube.com", "linkedin.com", "venmo.com", "cash.app", "gogetfunding.com", "givesendgo.com",
        "spotfund.com", "mealtrain.com", "lotsahelpinghands.com", "paypal.me", "fundly.com", "youcaring.com",
    ]

    /// Links with a path on a site of `personalSites` ("gofundme.com/f/help-jake").
    static func personalPages(in text: PHIText) -> [PHIMatch] {
        guard text.text.unicodeScalars.contains("/") else { return [] }
        var found: [PHIMatch] = []
        for word in text.text.split(whereSeparator: \.isWhitespace) where word.contains("/") {
            var link = word
            while let last = link.last, ".,;:!?)\"'".contains(last) { link = link.dropLast() }
            var host = link.lowercased()
            for prefix in ["https://", "http://"] where host.hasPrefix(prefix) { host.removeFirst(prefix.count) }
            if host.hasPrefix("www.") { host.removeFirst(4) }
            guard let slash = host.firstIndex(of: "/"), host.index(after: slash) < host.endIndex else { continue }
            let site = String(host[..<slash])
            guard personalSites.contains(site) || personalSites.contains(where: { site.hasSuffix("." + $0) }) else {
                continue
            }
            found.append(PHIMatch(range: link.startIndex..<link.endIndex, triggers: [String(link)]))
        }
        return found
    }
}
