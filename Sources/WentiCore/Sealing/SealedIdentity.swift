import Foundation

/// What political-work staff know of an anonymous reporter: who they are, how to reach them.
///
/// It exists in the clear only twice: as typed at intake, on its way to the store (which
/// seals it before it writes anything), and on the one screen or command output that opened
/// it with a reason. Everything read back from a store says only that there is one.
public enum SealedIdentity: Sendable, Hashable, Codable {
    /// As written at intake: the store seals it to the key holders' public keys and never
    /// returns it.
    case toSeal(String)
    /// Stored as ciphertext; opened with a reason and a key (`Session.openIdentity`).
    case sealed
}

/// Who can open sealed identities: a political-work staff member, or the workspace's
/// recovery key (kept on paper, for when every staff key is lost).
public enum KeyHolder: Sendable, Hashable, Codable, CustomStringConvertible {
    case recovery
    case person(PersonID)

    /// How it is written in storage: `recovery` or the person's id.
    public var storageName: String {
        switch self {
        case .recovery: "recovery"
        case .person(let id): "person:" + id.rawValue
        }
    }

    public init?(storageName: String) {
        if storageName == "recovery" { self = .recovery }
        else if storageName.hasPrefix("person:") { self = .person(PersonID(String(storageName.dropFirst("person:".count)))) }
        else { return nil }
    }

    public var description: String { storageName }
}

/// A key holder's public key as the workspace keeps it: all that sealing needs.
public struct HolderKey: Sendable, Hashable, Codable {
    public var holder: KeyHolder
    /// The raw Curve25519 key-agreement public key (32 bytes).
    public var publicKey: Data
    public var addedAt: Date

    public init(holder: KeyHolder, publicKey: Data, addedAt: Date) {
        self.holder = holder
        self.publicKey = publicKey
        self.addedAt = addedAt
    }
}

/// The concern's data key, wrapped (HPKE) to one holder's public key.
public struct WrappedKey: Sendable, Hashable, Codable {
    /// The HPKE encapsulated key: the sender's one-time public key.
    public var encapsulated: Data
    /// The data key, sealed in that HPKE context.
    public var wrapped: Data

    public init(encapsulated: Data, wrapped: Data) {
        self.encapsulated = encapsulated
        self.wrapped = wrapped
    }
}

/// One concern's sealed identity as stored: the ciphertext under a fresh data key, and that
/// key wrapped to each holder who may open it.
public struct SealedEnvelope: Sendable, Hashable {
    /// ChaCha20-Poly1305 (nonce, ciphertext, tag) of the identity's UTF-8 text.
    public var ciphertext: Data
    public var keys: [KeyHolder: WrappedKey]
    /// Whether the ciphertext authenticates the code of the concern it belongs to, so that an
    /// envelope moved to another concern in the database does not open there (it reads as
    /// damaged) and a reporter is never shown against someone else's concern. Envelopes
    /// sealed before this binding existed are not; the first opening binds them.
    public var isBound: Bool

    public init(ciphertext: Data, keys: [KeyHolder: WrappedKey], isBound: Bool) {
        self.ciphertext = ciphertext
        self.keys = keys
        self.isBound = isBound
    }
}
