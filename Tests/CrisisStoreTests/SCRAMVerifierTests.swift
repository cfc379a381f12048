import CrisisApp
import Testing

@Suite("Passwords reach the database only as SCRAM-SHA-256 verifiers")
struct SCRAMVerifierTests {
    @Test("the verifier is PostgreSQL's format, computed as RFC 5802 says (checked against Python's hashlib)")
    func knownVector() {
        let verifier = SCRAMVerifier(password: "correct horse battery", salt: Array(0..<16))
        #expect(
            verifier.text
                == "SCRAM-SHA-256$4096:AAECAwQFBgcICQoLDA0ODw==$DSORcG4dNUxAHTEo5BL20ymSoLgt8C8jLZ09S+VUVlM=:9hLrfnf7zvCtDB9drkVXkMgUsd4vpHfg5YQJDrbaZ30="
        )
    }

    @Test("two verifiers of one password differ: each has a salt of its own")
    func salted() {
        #expect(
            SCRAMVerifier(password: "correct horse battery").text
                != SCRAMVerifier(password: "correct horse battery").text)
    }
}
