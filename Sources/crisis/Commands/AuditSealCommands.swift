import ArgumentParser
import CrisisApp
import Foundation

extension AuditCommands {
    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen",
            abstract: "Make an Ed25519 key pair for signing seals.",
            discussion: """
                Writes the private key to FILE (mode 0600) and the public key to FILE.pub,
                each as 64 hex digits. Keep the private key off the database server; give
                the public key to whoever will check seals (compliance, a regulator).

                Example:
                  crisis audit keygen --out ~/keys/crisis-seal.key
                """)

        @Option(help: "Where to write the private key; the public key goes to FILE.pub.") var out: String

        @OptionGroup var identity: IdentityOption

        func run() async throws {
            do {
                let key = try SealKey.generate(to: out)
                print("wrote \(out) (private, mode 0600) and \(out).pub (public key \(key.publicKeyHex))")
            } catch {
                throw CommandFailure("crisis: \(error.description)", exitCode: .badInput)
            }
        }
    }

    struct Seal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seal",
            abstract: "Sign every stream's head hash at the current global position.",
            discussion: """
                Verifies every hash chain first (a broken record is never sealed), then
                writes a small JSON seal: the global position, every stream's version and
                head hash, their Merkle root and an Ed25519 signature (docs/audit.md). Keep
                the seal outside the database: print it, mail it, put it in write-once
                storage. `crisis audit verify --seal FILE` later proves nothing sealed was
                rewritten, even by a database superuser.

                Example:
                  crisis audit seal --key ~/keys/crisis-seal.key --out seal-2026-11-23.json
                """)

        @Option(help: "The private key from `crisis audit keygen`.") var key: String
        @Option(help: "Where to write the seal (JSON).") var out: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let signingKey: SealSigningKey
            do {
                signingKey = try SealKey.loadPrivate(key)
            } catch {
                throw CommandFailure("crisis: \(error.description)", exitCode: .badInput)
            }
            let seal = try await IncidentSession.run(connection) { session in
                try await SealVerification(database: session.database).seal(with: signingKey)
            }
            do {
                try seal.encoded().write(to: URL(fileURLWithPath: out), options: .withoutOverwriting)
            } catch {
                throw CommandFailure(
                    "crisis: cannot write the seal to \(out): \(error.localizedDescription); choose a new file",
                    exitCode: .badInput)
            }
            print(
                "sealed \(seal.streams.count) streams at global position \(seal.globalPosition); Merkle root \(seal.merkleRoot)"
            )
            print(out)
        }
    }
}

/// A seal file read from disk, its signature checked (against a trusted key when given).
struct LoadedSeal {
    var seal: Seal
    var path: String
    var trustedKey: Bool

    static func load(_ path: String, publicKey: String?) throws -> LoadedSeal {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure(
                "crisis: cannot read the seal \(path): \(error.localizedDescription)", exitCode: .badInput)
        }
        do {
            let seal = try Seal.decode(data)
            let trusted = try publicKey.map { path throws in try SealKey.loadPublic(path) }
            try seal.checkSignature(trusted: trusted)
            return LoadedSeal(seal: seal, path: path, trustedKey: trusted != nil)
        } catch let error as SealProblem {
            throw CommandFailure("crisis: \(path): \(error.description)", exitCode: .refused)
        } catch let error as SealKeyError {
            throw CommandFailure("crisis: \(error.description)", exitCode: .badInput)
        }
    }

    var signerNote: String {
        trustedKey
            ? "signature verified with the trusted public key"
            : "signature verified with the key named inside the seal only; pass --public-key to check who signed it"
    }
}
