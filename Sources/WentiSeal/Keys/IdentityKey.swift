import Crypto
import Foundation
import WentiCore

/// A key holder's private key (Curve25519 key agreement), in memory only while it is used.
/// On disk it exists only inside a `ProtectedKey` (staff) or on paper (`RecoveryCode`).
public struct IdentityKey: Sendable {
    let privateKey: Curve25519.KeyAgreement.PrivateKey

    public static func generate() -> IdentityKey {
        IdentityKey(privateKey: Curve25519.KeyAgreement.PrivateKey())
    }

    init(privateKey: Curve25519.KeyAgreement.PrivateKey) {
        self.privateKey = privateKey
    }

    init(rawRepresentation: Data) throws {
        privateKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: rawRepresentation)
    }

    /// The public half, which the workspace stores and seals to.
    public var publicKey: Data { privateKey.publicKey.rawRepresentation }

    /// Names a public key in file names and listings: 16 hex digits of its SHA-256.
    public static func fingerprint(of publicKey: Data) -> String {
        SHA256.hash(data: publicKey).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    public var fingerprint: String { Self.fingerprint(of: publicKey) }
}
