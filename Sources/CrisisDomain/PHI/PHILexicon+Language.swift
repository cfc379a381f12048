/// The everyday words the PHI scanner's rules are anchored on: pronouns, relatives, people,
/// identifier keywords, and the words that make a sentence general advice instead of a remark
/// about someone.
extension PHILexicon {
    static let language: [PHIWordClass: [String]] = [
        .secondPerson: ["you", "you're", "youre", "you've", "you'd", "you'll", "yourself", "u"],
        .secondPersonPossessive: ["your", "ur", "yours"],
        .connector: [
            "about", "regarding", "on", "for", "with", "to", "and", "or", "but", "from", "at", "in", "by", "of", "that",
            "which", "who", "as", "because", "while", "when", "than", "like",
        ],
        .month: [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
            "dec",
        ],
        .aliasHandle: [
            "username", "user name", "screen name", "alias", "handle", "profile name", "account name", "nickname",
            "anonymous", "pseudonym", "profile",
        ],
        .thirdPersonSubject: ["he", "she", "they", "he's", "she's", "they're"],
        .thirdPersonPossessive: ["his", "her", "their"],
        .thirdPersonObject: ["him", "her", "them"],
        .relative: [
            "mother", "mom", "mum", "mommy", "father", "dad", "daddy", "son", "sons", "daughter", "daughters", "wife",
            "husband", "partner", "spouse", "child", "children", "kid", "kids", "baby", "newborn", "infant",
            "toddler", "twins", "grandmother", "grandma", "granny", "grandfather", "grandpa", "grandson",
            "granddaughter", "grandchild", "brother", "sister", "sibling", "aunt", "uncle", "niece", "nephew",
            "cousin", "fiance", "fiancé", "fiancee", "boyfriend", "girlfriend", "parent", "parents", "stepson",
            "stepdaughter", "stepmother", "stepfather", "mother in law", "father in law", "loved one", "loved ones",
            "family member", "little boy", "little girl", "baby boy", "baby girl", "teenager", "teen",
        ],
        .personNoun: [
            "gentleman", "man", "woman", "lady", "person", "patient", "reviewer", "poster", "individual", "customer",
            "girl", "boy", "child", "kid", "baby", "guy", "gal", "family member", "resident", "user", "commenter",
            "client", "young man", "young woman", "older man", "older woman", "elderly man", "elderly woman",
            "teenager", "teen", "mother", "father", "mom", "dad", "veteran", "student",
        ],
        .determiner: ["the", "this", "that"],
        .honorific: ["mr", "mrs", "ms", "miss", "mx"],
        .instruction: [
            "schedule", "book", "plan", "get", "bring", "request", "view", "access", "manage", "check", "ask", "talk",
            "speak", "consult", "see", "contact", "call", "tell", "register", "protect", "keep", "track", "pay",
            "update", "download", "question", "questions", "discuss", "wash", "prepare", "make", "sign", "fill",
            "upload", "take", "renew",
        ],
        .hypothetical: [
            "if", "whether", "any", "anyone", "anybody", "everyone", "everybody", "every", "no", "whenever", "unless",
            "those", "people", "someone", "somebody", "whoever",
        ],
        .modal: [
            "can", "could", "may", "might", "will", "would", "should", "must", "need", "needs", "want", "wants",
            "'ll", "'d", "cannot", "can't", "won't", "shall", "to",
        ],
        .gratitude: ["thank", "thanks", "thankful", "grateful"],
        .recordsSay: [
            "show", "shows", "showed", "indicate", "indicates", "confirm", "confirms", "say", "says", "note", "notes",
            "list", "lists",
        ],
        .birthKeyword: ["dob", "d.o.b", "date of birth", "birth date", "birthdate"],
        .recordNumberKeyword: [
            "mrn", "medical record number", "medical record no", "medical record", "patient id", "patient number",
            "patient no", "chart number", "chart no", "account number", "account no", "account", "acct", "case number",
            "visit number", "encounter number", "claim number", "invoice number",
        ],
        .healthPlanKeyword: [
            "member id", "member number", "subscriber id", "subscriber number", "policy number", "policy no",
            "group number", "medicaid id", "medicaid number", "medicare id", "medicare number", "insurance id",
            "insurance number", "beneficiary number", "beneficiary id", "plan id", "health plan number",
        ],
        .licenceKeyword: [
            "driver's license", "drivers license", "driver license", "driver's licence", "license", "licence",
            "license number", "licence number", "license plate", "licence plate", "plate", "plate number", "vin",
            "serial number", "serial no", "serial", "device id", "certificate number", "passport", "passport number",
            "tag number",
        ],
        .zipKeyword: ["zip", "zip code", "zipcode", "postal code"],
        .ssnKeyword: ["ssn", "social security number", "social security", "social security no"],
        .ipKeyword: ["ip", "ip address"],
        .roomKeyword: ["room", "rm", "bed", "bay", "bed space", "bedspace", "cubicle"],
        .nonClinicalRoom: [
            "conference", "meeting", "class", "classroom", "board", "training", "community", "lecture", "education",
            "auditorium", "break", "board room", "media", "press", "family", "prayer", "chapel",
        ],
        .gathering: [
            "group", "groups", "meets", "meet", "meeting", "class", "classes", "join", "attend", "event", "session",
            "workshop", "seminar", "webinar", "lecture", "fair", "drive", "tour", "orientation",
        ],
        .ageUnit: ["year", "years", "yr", "yrs"],
        .streetSuffix: [
            "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "ln", "drive", "dr", "court",
            "ct", "way", "place", "pl", "terrace", "circle", "highway", "hwy", "parkway", "pkwy",
        ],
        .personalCue: [
            "you", "your", "me", "my", "her", "his", "him", "she", "he", "them", "their", "cell", "mobile", "home",
            "personal", "lives", "live", "wife", "husband", "mother", "father", "son", "daughter",
        ],
        .organisationCue: [
            "our", "us", "we", "hospital", "office", "line", "desk", "team", "department", "center", "centre",
            "clinic", "relations", "advocate", "advocates", "billing", "main", "toll", "hotline", "helpline",
            "switchboard", "campus", "practice", "experience", "services", "nurse line", "scheduling",
        ],
    ]
}
