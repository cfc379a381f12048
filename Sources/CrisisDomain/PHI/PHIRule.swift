/// One pattern of the PHI scanner with the reason a person reads when it fires.
struct PHIRule: Sendable {
    var category: PHIFinding.Category
    var pattern: String
    var reason: String
    var accepts: @Sendable (_ matched: String, _ text: String, _ range: Range<String.Index>) -> Bool = { _, _, _ in true
    }

    static let clinicalWords =
        #"(?:diagnos\w*|surger(?:y|ies)|surgical|operation|chemo\w*|cancer|tumou?r|treated|treatment|admitted|admission|discharged|overdos\w*|hiv|aids|pregnan\w*|miscarriage|dementia|psychiatric|depression|suicid\w*|stroke|heart attack|fracture\w*|icu|er|emergency room|patient|prescri\w*|medication|injur\w*|condition|rehab\w*|dialysis|biopsy|labou?r|std|hepatitis|covid|positive|x-ray|scan|mri|therapy|sedat\w*|intubat\w*|died|passed away|visit|stay|appointment)"#

    /// Capitalised words that start sentences or name the organisation, never a patient.
    static let notNames: Set<String> = [
        "We", "Our", "The", "Sorry", "Hope", "Wishing", "Get", "This", "That", "Thank", "Thanks", "Please", "Hello",
        "Hi", "Dear", "If", "You", "Your",
        "Patient", "Patients", "Relations", "Emergency", "Department", "Hospital", "Medical", "Center", "Centre",
        "Health", "Healthcare", "Privacy", "Officer", "Social", "Media", "Customer", "Care", "Team", "Community",
        "General", "Memorial", "Saint", "Regional", "University", "Clinic", "Services", "Service", "Office",
        "Google", "Facebook", "Twitter", "Instagram", "Yelp", "TikTok", "Reddit", "LinkedIn", "YouTube", "Monday",
        "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
        "May", "June", "July", "August", "September", "October", "November", "December", "Room", "Bed", "North",
        "South", "East", "West", "Street", "Avenue", "Road", "Experience", "Director", "Chief", "Nursing",
        "Communications", "Legal", "HIPAA", "Act", "Message", "Questions", "Everyone", "All", "At", "In", "On",
        "As", "It", "For", "To", "And", "Every", "Each", "When", "Any", "Anyone", "Security", "Quality",
        "Safety", "Update", "Statement", "Holding", "Public", "Private", "Direct", "DM", "ER", "ICU", "Valley",
        "County", "City", "Children", "Children's", "Heart", "Cancer", "Institute", "Foundation", "Family",
    ]

    static let honorifics: Set<String> = ["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"]

    static let tollFreeAreaCodes: Set<String> = ["800", "833", "844", "855", "866", "877", "888"]

    static let all: [PHIRule] = [
        PHIRule(
            category: .dateOfBirth,
            pattern:
                #"(?i)\b(?:dob|d\.o\.b\.?|date of birth|birth ?date|born on)\b[:\s]*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|[a-z]+\.? \d{1,2},? \d{4})?"#,
            reason: "a date of birth identifies a patient"),
        PHIRule(
            category: .fullDate, pattern: #"\b\d{1,2}/\d{1,2}/(?:19|20)\d{2}\b"#,
            reason: "a full date can be a date of birth or of a visit, which identifies a patient"),
        PHIRule(
            category: .medicalRecordNumber,
            pattern:
                #"(?i)\b(?:mrn|medical record (?:number|no\.?|#)|patient (?:id|number|no\.?|#)|chart (?:number|no\.?|#)|account (?:number|no\.?|#))\s*[:#]?\s*[a-z0-9-]*\d[a-z0-9-]*"#,
            reason: "a medical record or account number identifies a patient"),
        PHIRule(
            category: .socialSecurityNumber, pattern: #"\b\d{3}-\d{2}-\d{4}\b"#,
            reason: "a social security number identifies a person"),
        PHIRule(
            category: .phoneNumber, pattern: #"(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}\b"#,
            reason: "a personal phone number identifies a person (toll-free organisational lines are allowed)",
            accepts: { matched, _, _ in
                let digits = matched.filter(\.isNumber)
                let area = String(digits.count == 11 ? digits.dropFirst().prefix(3) : digits.prefix(3))
                return !PHIRule.tollFreeAreaCodes.contains(area)
            }),
        PHIRule(
            category: .address,
            pattern:
                #"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Circle)\b\.?"#,
            reason: "a street address can identify a patient"),
        PHIRule(
            category: .roomOrBed, pattern: #"(?i)\b(?:room|rm\.?|bed|bay|bed space)\s*#?\s*\d+[a-z]?\b"#,
            reason: "a room or bed number places a patient"),
        PHIRule(
            category: .confirmsPatient,
            pattern:
                #"(?i)\b(?:your|his|her|their)\s+(?:\w+'s\s+)?(?:recent\s+|last\s+)?(?:visit|stay|appointment|admission|treatment|procedure|surgery|discharge|diagnosis|test results?|lab results?|chart|medical records?|medications?|prescriptions?)\b"#,
            reason: "it confirms that someone is or was a patient, which is itself a disclosure"),
        PHIRule(
            category: .confirmsPatient,
            pattern:
                #"(?i)\b(?:you|he|she|they)\s+(?:were|was)\s+(?:here|admitted|treated|seen|discharged|examined|diagnosed|in our (?:er|icu|emergency|hospital|clinic|care))\b"#,
            reason: "it confirms that someone is or was a patient, which is itself a disclosure"),
        PHIRule(
            category: .confirmsPatient,
            pattern: #"(?i)\bwhen\s+you\s+(?:came in|were here|visited us|were with us)\b"#,
            reason: "it confirms that someone is or was a patient, which is itself a disclosure"),
        PHIRule(
            category: .confirmsPatient,
            pattern:
                #"(?i)\b(?:get well soon|(?:wish(?:ing)? (?:you|him|her|them) )?a (?:speedy|quick|full) recovery|hope (?:you|he|she|they)(?:'re| are| is)? (?:feeling|doing) better)\b"#,
            reason: "wishing someone recovery confirms they are ill or a patient"),
        PHIRule(
            category: .ageWithClinicalDetail, pattern: #"(?i)\b\d{1,3}[- ](?:year|yr)s?[- ]old\b"#,
            reason: "an age next to a clinical word can identify a patient",
            accepts: { _, text, range in PHIRule.hasClinicalWordNear(range, in: text) }),
        PHIRule(
            category: .nameWithClinicalDetail, pattern: #"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z]+\b"#,
            reason: "a person's name next to a clinical word can identify a patient and their condition",
            accepts: { _, text, range in PHIRule.hasClinicalWordNear(range, in: text) }),
        PHIRule(
            category: .nameWithClinicalDetail,
            pattern: #"\b(?:[A-Z][a-z]+(?:'s)?\s+[A-Z][a-z]+(?:'s)?|[A-Z][a-z]+'s)\b"#,
            reason: "a person's name next to a clinical word can identify a patient and their condition",
            accepts: { matched, text, range in
                let words = matched.replacingOccurrences(of: "'s", with: "").split(separator: " ").map(String.init)
                if words.contains(where: { PHIRule.notNames.contains($0) || PHIRule.honorifics.contains($0) }) {
                    return false
                }
                return PHIRule.hasClinicalWordNear(range, in: text)
            }),
    ]

    /// The rules with their patterns compiled once. `Regex` is an immutable value that is safe to
    /// read from any thread, but it is not marked `Sendable`.
    nonisolated(unsafe) static let compiled: [(PHIRule, Regex<AnyRegexOutput>)] = all.compactMap { rule in
        (try? Regex(rule.pattern)).map { (rule, $0) }
    }

    nonisolated(unsafe) static let clinicalRegex: Regex<AnyRegexOutput>? = try? Regex(
        #"(?i)\b"# + clinicalWords + #"\b"#)

    /// Whether a clinical word appears within 60 characters of `range`.
    static func hasClinicalWordNear(_ range: Range<String.Index>, in text: String) -> Bool {
        let lower = text.index(range.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
        let upper = text.index(range.upperBound, offsetBy: 60, limitedBy: text.endIndex) ?? text.endIndex
        let window = String(text[lower..<range.lowerBound]) + " " + String(text[range.upperBound..<upper])
        guard let regex = clinicalRegex else { return false }
        return window.contains(regex)
    }
}
