/// The rules over names: a person's name tied to care (Elite Dental replied with patients'
/// surnames; Igbinadolor named the patient). A name alone is not flagged: staff and donors are
/// named in public every day.
extension PHIRule {
    private typealias P = PHIPattern

    private static let clinical = PHIWordClasses([
        .visit, .procedure, .condition, .test, .treatment, .record, .billing, .pregnancy, .careVerb, .careStatus,
    ])

    static let names: [PHIRule] = [
        PHIRule(
            "name.honorific-with-care", .nameWithClinicalDetail,
            .patterns([P(P.of(.honorific), P.joined(by: [". ", " ", ".", ".\u{00A0}"], .capitalised))]),
            reason:
                "a person's name (Mr, Mrs, Ms…) in a reply about care identifies a patient and their condition (Elite Dental)",
            alternative: PHIAlternative.doNotName,
            accepts: { text, match in
                // "Mrs. Alvarez", not "300 ms. Every".
                text.tokens[match.tokens.lowerBound].isCapitalised
                    && text.contains(clinical, in: (match.tokens.lowerBound - 25)..<(match.tokens.upperBound + 25))
            }),
        PHIRule(
            "name.possessive-care", .nameWithClinicalDetail,
            .patterns([
                P(
                    .capitalised,
                    P.within(2, P.of(.visit, .procedure, .condition, .test, .treatment, .record, .provider))
                )
                .notSkipping(.connector)
            ]),
            reason: "a named person's surgery, diagnosis or doctor (\"Dana's surgery\") discloses their care",
            alternative: PHIAlternative.doNotName,
            accepts: { text, match in
                let name = match.tokens.lowerBound
                return text.tokens[name].isPossessive && PHINames.isName(name, in: text)
            }),
        PHIRule(
            "name.subject-of-care", .nameWithClinicalDetail,
            .patterns([
                P(
                    .capitalised, P.next(P.words("was", "is", "were", "has been", "had been", "got")),
                    P.within(3, P.of(.careVerb, .careStatus)))
            ]),
            reason:
                "saying a named person was admitted, seen or treated (Igbinadolor named the patient) is a disclosure",
            alternative: PHIAlternative.doNotName,
            accepts: { text, match in PHINames.isName(match.tokens.lowerBound, in: text) }),
    ]
}

/// Whether a capitalised word is a person's name rather than a sentence opening, a place or the
/// organisation.
enum PHINames {
    /// Capitalised words that open sentences or name the organisation, never a patient.
    static let notNames: Set<String> = [
        "we", "our", "the", "sorry", "hope", "wishing", "get", "this", "that", "thank", "thanks", "please", "hello",
        "hi", "dear", "if", "you", "your", "he", "she", "they", "it", "i", "his", "her", "their", "there", "here",
        "patient", "patients", "relations", "emergency", "department", "hospital", "medical", "center", "centre",
        "health", "healthcare", "privacy", "officer", "social", "media", "customer", "care", "team", "community",
        "general", "memorial", "saint", "regional", "university", "clinic", "services", "service", "office",
        "google", "facebook", "twitter", "instagram", "yelp", "tiktok", "reddit", "linkedin", "youtube", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "room", "bed", "north", "south", "east",
        "west", "street", "avenue", "road", "experience", "director", "chief", "nursing", "communications", "legal",
        "hipaa", "act", "message", "questions", "everyone", "all", "at", "in", "on", "as", "for", "to", "and",
        "every", "each", "when", "any", "anyone", "security", "quality", "safety", "update", "statement",
        "holding", "public", "private", "direct", "dm", "er", "icu", "valley", "county", "city", "children",
        "heart", "cancer", "institute", "foundation", "family", "staff", "nobody", "someone", "nothing", "today",
        "yesterday", "tomorrow", "what", "who", "which", "why", "how", "after", "before", "since", "because",
        "mother", "father", "day", "week", "unit", "floor", "ward", "nurse", "doctor", "dr", "st", "mr", "mrs", "ms",
    ]

    /// Titles of staff: a name after one is a colleague, not a patient.
    static let staffTitles: Set<String> = [
        "dr", "doctor", "nurse", "st", "saint", "manager", "director", "pharmacist", "therapist", "chief", "chaplain",
        "volunteer", "coordinator", "navigator", "surgeon", "midwife", "dentist", "hygienist",
    ]

    /// Whether token `index` is a name: capitalised, in no lexicon class, not a known non-name and
    /// not after a staff title.
    static func isName(_ index: Int, in text: PHIText) -> Bool {
        let token = text.tokens[index]
        guard token.isCapitalised, token.classes.isEmpty, !notNames.contains(token.base), !token.isNumber else {
            return false
        }
        for position in max(0, index - 2)..<index where staffTitles.contains(text.tokens[position].base) {
            return false
        }
        return true
    }
}
