import Crypto
import _CryptoExtras
import Foundation
import WentiCore

/// A staff member's private key as kept in their own config folder: encrypted
/// (ChaCha20-Poly1305) under a key derived from their passphrase with scrypt, which is
/// memory-hard, so that a copied file is not opened by guessing passphrases on a GPU.
public struct ProtectedKey: Sendable, Hashable, Codable {
    public static let format = "wenti-identity-key-1"
    public static let minimumPassphraseLength = 8

    /// scrypt's cost. `standard` is N = 2^15, r = 8, p = 1: 32 MiB and about a tenth of a
    /// second here, the parameters RFC 7914 recommends for interactive logins.
    public struct Cost: Sendable, Hashable, Codable {
        public var rounds: Int
        public var blockSize: Int
        public var parallelism: Int
        public static let standard = Cost(rounds: 1 << 15, blockSize: 8, parallelism: 1)
    }

    public var format: String
    public var holder: KeyHolder
    public var publicKey: Data
    public var cost: Cost
    public var salt: Data
    /// The raw private key, sealed under the passphrase key, authenticated with `publicKey`.
    public var sealedKey: Data

    /// Protects `key` under `passphrase`.
    public static func protect(_ key: IdentityKey, for holder: KeyHolder, passphrase: String, cost: Cost = .standard) throws(SealError) -> ProtectedKey {
        guard passphrase.count >= minimumPassphraseLength else { throw .passphraseTooShort(minimum: minimumPassphraseLength) }
        let salt = Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        let wrappingKey = try derive(passphrase, salt: salt, cost: cost)
        do {
            let sealed = try ChaChaPoly.seal(key.privateKey.rawRepresentation, using: wrappingKey, authenticating: key.publicKey).combined
            return ProtectedKey(format: format, holder: holder, publicKey: key.publicKey, cost: cost, salt: salt, sealedKey: sealed)
        } catch {
            throw .damaged
        }
    }

    /// The private key, if `passphrase` is the one it was protected with.
    public func unlock(passphrase: String) throws(SealError) -> IdentityKey {
        let wrappingKey = try Self.derive(passphrase, salt: salt, cost: cost)
        let key: IdentityKey
        do {
            let raw = try ChaChaPoly.open(ChaChaPoly.SealedBox(combined: sealedKey), using: wrappingKey, authenticating: publicKey)
            key = try IdentityKey(rawRepresentation: raw)
        } catch {
            throw .wrongPassphrase
        }
        guard key.publicKey == publicKey else { throw .wrongPassphrase }
        return key
    }

    public var fingerprint: String { IdentityKey.fingerprint(of: publicKey) }

    /// The passphrase's bytes live in one buffer of ours, wiped as soon as scrypt has read
    /// them. (The `String` it came from is Swift's and cannot be wiped; callers drop it at once.)
    static func derive(_ passphrase: String, salt: Data, cost: Cost) throws(SealError) -> SymmetricKey {
        var bytes = Data(passphrase.utf8)
        defer { bytes.resetBytes(in: 0..<bytes.count) }
        do {
            return try KDF.Scrypt.deriveKey(from: bytes, salt: salt, outputByteCount: 32,
                                            rounds: cost.rounds, blockSize: cost.blockSize, parallelism: cost.parallelism)
        } catch {
            throw .unreadableKeyFile("scrypt")
        }
    }
}
