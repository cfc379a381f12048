/// The clinical lexicon: care providers, visits, procedures, conditions, tests, treatments,
/// records, bills and claims, pregnancy and departments, as a hospital's public replies use them.
///
/// Provenance: hand-curated for crisis from the categories of OCR's social-media settlements
/// (Elite Dental 2019, New Vision Dental 2022, Manasa 2023, Igbinadolor 2022) and everyday
/// hospital, dental and billing vocabulary. It is not generated from ICD-10-CM/PCS or MeSH
/// (no copy of either was available offline); see docs/phi-scanner.md. A word is only a signal
/// next to a person (your, his, a relative, the gentleman who posted…), never on its own.
extension PHILexicon {
    static let clinical: [PHIWordClass: [String]] = [
        .provider: [
            "doctor", "doctors", "dentist", "physician", "surgeon", "nurse", "nurses", "oncologist", "cardiologist",
            "therapist", "hygienist", "midwife", "ob", "obgyn", "ob gyn", "pediatrician", "care team", "provider",
            "pcp", "primary care physician", "primary care doctor", "specialist", "radiologist", "anesthesiologist",
            "psychiatrist", "psychologist", "counselor", "pharmacist", "orthodontist", "oral surgeon", "neurologist",
            "dermatologist", "endocrinologist", "gynecologist", "obstetrician", "urologist", "gastroenterologist",
            "nephrologist", "pulmonologist", "physical therapist", "dietitian", "care coordinator", "case manager",
            "social worker", "doula", "chiropractor", "optometrist", "ophthalmologist", "podiatrist", "hospitalist",
            "attending", "resident", "np", "nurse practitioner", "pa", "physician assistant", "medical team",
        ],
        .visit: [
            "visit", "visits", "stay", "stays", "appointment", "appointments", "admission", "admissions", "discharge",
            "checkup", "check up", "check-up", "consultation", "consult", "follow up", "follow-up", "exam", "exams",
            "examination", "session", "sessions", "hospitalization", "hospitalisation", "er visit", "er trip",
            "trip to the er", "time in the hospital", "time with us", "time in our care", "overnight stay",
            "readmission",
            "intake", "triage", "registration", "check-in", "telehealth visit", "video visit", "house call",
        ],
        .procedure: [
            "surgery", "surgeries", "operation", "procedure", "procedures", "biopsy", "colonoscopy", "endoscopy",
            "crown", "crowns", "filling", "fillings", "root canal", "implant", "implants", "extraction", "extractions",
            "cleaning", "cleanings", "dentures", "braces", "veneers", "bridge", "knee replacement", "hip replacement",
            "replacement", "c section", "c-section", "cesarean", "stitches", "sutures", "anesthesia", "anaesthesia",
            "sedation", "iv", "transfusion", "amputation", "intubation", "catheter", "stent", "bypass", "pacemaker",
            "hearing aid", "insulin pump", "cast", "splint", "epidural", "induction", "vasectomy", "hysterectomy",
            "mastectomy", "lumpectomy", "appendectomy", "tonsillectomy", "circumcision", "tooth", "teeth", "gum",
            "gums", "wisdom teeth", "deep cleaning", "scaling", "prep", "transplant", "ablation", "angioplasty",
            "cardiac cath", "spinal tap", "lumbar puncture", "dressing", "wound care", "resuscitation", "cpr",
        ],
        .condition: [
            "cancer", "tumor", "tumour", "lump", "diabetes", "asthma", "crohn", "crohn's disease", "colitis", "anxiety",
            "depression", "dementia", "alzheimer", "alzheimer's", "pneumonia", "strep", "infection", "fracture",
            "broken arm", "broken leg", "broken wrist", "sprain", "migraine", "migraines", "stroke", "heart attack",
            "overdose", "hiv", "aids", "std", "sti", "hepatitis", "covid", "flu", "injury", "injuries", "wound",
            "allergy", "allergies", "allergic reaction", "miscarriage", "leukemia", "lymphoma", "seizure", "seizures",
            "epilepsy", "concussion", "illness", "disease", "condition", "diagnosis", "prognosis", "symptoms", "pain",
            "chest pain", "fever", "addiction", "substance use", "psychosis", "bipolar", "schizophrenia", "autism",
            "adhd", "eating disorder", "anorexia", "obesity", "hypertension", "high blood pressure", "copd", "sepsis",
            "cavity", "cavities", "abscess", "gum disease", "torn meniscus", "meniscus", "torn", "kidney stone",
            "kidney stones", "appendicitis", "burn", "burns", "fall", "nausea", "nauseous", "bleeding", "blood clot",
            "mental health", "suicidal", "suicide attempt", "self harm", "std test", "herpes", "syphilis", "chlamydia",
            "gonorrhea", "ptsd", "ocd", "shingles", "measles", "mrsa", "uti", "arthritis", "osteoporosis",
        ],
        .test: [
            "result", "results", "test", "tests", "test results", "lab", "labs", "lab results", "lab work", "bloodwork",
            "blood work", "blood test", "x ray", "x rays", "x-ray", "x-rays", "xray", "xrays", "mri", "ct", "ct scan",
            "cat scan", "pet scan", "scan", "scans", "ultrasound", "mammogram", "ekg", "ecg", "eeg", "pathology",
            "imaging", "swab", "culture", "urine test", "screening results", "biopsy results", "panel", "a1c",
            "echocardiogram", "stress test", "pap smear", "pap", "covid test", "pregnancy test", "drug test",
        ],
        .treatment: [
            "treatment", "treatments", "therapy", "chemotherapy", "chemo", "radiation", "dialysis", "medication",
            "medications", "meds", "medicine", "medicines", "prescription", "prescriptions", "antibiotics",
            "antibiotic", "physical therapy", "rehab", "rehabilitation", "infusion", "infusions", "insulin",
            "penicillin", "ibuprofen", "opioids", "painkillers", "pain medication", "vaccine", "vaccination",
            "flu shot", "shot", "injection", "dose", "doses", "refill", "care plan", "treatment plan", "recovery",
            "rehab stay", "detox", "counseling", "methadone", "suboxone", "steroids", "inhaler", "oxygen", "iv fluids",
            "fluids", "referral", "referrals", "nicu stay", "hospice", "palliative care", "home health",
        ],
        .record: [
            "record", "records", "medical record", "medical records", "chart", "charts", "file", "patient file",
            "health record", "notes", "history", "medical history", "discharge papers", "discharge summary",
            "paperwork", "portal messages",
        ],
        .billing: [
            "bill", "bills", "invoice", "balance", "charge", "charges", "claim", "claims", "insurance claim", "copay",
            "co pay", "co-pay", "copays", "deductible", "eob", "explanation of benefits", "coverage",
            "prior authorization", "pre authorization", "preauthorization", "statement", "payment plan", "estimate",
            "insurer", "secondary insurer", "insurance company", "out of pocket", "out-of-pocket", "collections",
            "refund", "account balance", "financial assistance application",
        ],
        .pregnancy: [
            "pregnancy", "pregnancies", "due date", "delivery", "labor", "labour", "birth", "baby", "babies",
            "newborn", "twins", "triplets", "ultrasound", "c section", "c-section", "miscarriage", "ob appointment",
            "prenatal visit", "prenatal visits", "postpartum", "little one", "bundle of joy", "new arrival",
            "baby boy", "baby girl", "stillbirth", "ivf", "fertility treatment", "breastfeeding",
        ],
        .department: [
            "emergency department", "emergency room", "er", "ed", "icu", "nicu", "picu", "urgent care", "trauma bay",
            "trauma center", "maternity ward", "maternity unit", "labor and delivery", "birthing center", "oncology",
            "oncology unit", "infusion center", "behavioral health unit", "psych unit", "psychiatric unit",
            "pediatric floor", "cardiac floor", "surgical floor", "recovery room", "operating room", "ward",
            "unit", "floor", "clinic", "hospital", "our office", "waiting room", "exam room", "hallway", "rehab unit",
            "memory care", "dialysis center", "kidney center", "cancer center", "imaging center", "lab", "pharmacy",
            "ambulance", "the hospital", "private room", "room", "bed",
        ],
        .careVerb: [
            "treated", "admitted", "discharged", "seen", "examined", "diagnosed", "prescribed", "triaged", "operated",
            "operated on", "transferred", "hospitalized", "hospitalised", "sedated", "intubated", "vaccinated",
            "tested", "x rayed", "stitched", "released", "kept overnight", "brought in", "cared for", "caring for",
            "looked after", "checked on", "took care of", "taking care of", "monitored", "resuscitated", "ventilated",
            "scanned", "induced", "delivered", "born", "extracted", "readmitted", "airlifted", "helped", "discharging",
            "admitting", "examining", "treating", "evaluated", "assessed", "stabilized", "stabilised",
        ],
        .careStatus: [
            "patient", "patients", "recovering", "stable", "in critical condition", "in serious condition",
            "in fair condition", "passed away", "died", "in our care", "under our care", "on the mend", "healing",
            "getting better",
        ],
        .arrivalVerb: [
            "came in", "came", "came into", "went", "arrived", "waited", "waiting", "stayed", "spent", "walked in",
            "visited", "were here", "was here", "were with us", "was with us", "left the hospital", "left",
            "showed up", "checked in", "sat", "had to wait",
        ],
        .resultVerb: [
            "showed", "shows", "confirmed", "confirms", "found", "revealed", "came back", "indicated", "indicates",
            "were positive", "was positive", "were negative", "was negative", "detected",
        ],
        .billingVerb: [
            "owe", "owed", "paid", "charged", "billed", "refunded", "quoted", "invoiced", "were charged",
            "was charged", "were billed", "was billed", "sent to collections",
        ],
        .insurer: [
            "aetna", "cigna", "blue cross", "blue shield", "bcbs", "unitedhealthcare", "united healthcare", "humana",
            "medicaid", "medicare", "kaiser", "anthem", "tricare", "molina", "centene", "oscar", "delta dental",
            "metlife", "guardian",
        ],
        .insurerVerb: [
            "paid", "denied", "covered", "approved", "rejected", "reimbursed", "resubmitted", "processed", "billed",
            "was billed", "should pay", "will pay", "pay it", "declined",
        ],
        .birthEvent: [
            "gave birth", "give birth", "delivered", "was born", "were born", "went into labor", "had a baby",
            "had her baby", "had your baby", "pregnant", "expecting", "miscarried", "lost the baby",
        ],
        .recoveryWish: [
            "get well soon", "get well", "speedy recovery", "quick recovery", "full recovery", "fast recovery",
            "smooth recovery", "feeling better", "feeling much better", "recover quickly", "heal quickly",
            "on the mend", "feel well soon",
        ],
        .aliasWord: [
            "real name", "actual name", "legal name", "true identity", "true name", "posted as", "posting as",
            "wrote as", "writing as", "under a different name", "under another name", "under an alias",
            "know who you are", "know who he is", "know who she is", "really you", "identified you",
            "recognized you", "recognised you", "unmask", "unmasked",
        ],
        .biometric: [
            "fingerprint", "fingerprints", "finger print", "retina scan", "retinal scan", "iris scan", "voiceprint",
            "voice print", "face scan", "facial scan", "palm scan", "palm vein scan", "dna", "dna sample",
            "dna results", "genetic test", "genetic results", "biometrics", "biometric data",
        ],
        .image: [
            "photo", "photos", "picture", "pictures", "video", "videos", "image", "images", "selfie", "footage",
            "recording", "x ray image",
        ],
        .distinguishingMark: [
            "tattoo", "tattoos", "birthmark", "scar", "scars", "piercing", "piercings",
        ],
    ]
}
