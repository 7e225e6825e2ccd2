import Crypto
import Foundation
import WentiCore

/// Sealing an identity: a fresh 256-bit data key per concern encrypts the text
/// (ChaCha20-Poly1305); the data key is wrapped to every holder's public key with HPKE
/// (RFC 9180, base mode, DHKEM X25519 / HKDF-SHA256 / ChaCha20-Poly1305). Sealing needs public
/// keys only, so intake works with no key unlocked; opening needs one holder's private key.
public enum IdentitySeal {
    static let ciphersuite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly
    /// Binds every wrap to this use, so a wrapped data key cannot be replayed as anything else.
    static let info = Data("wenti sealed identity data key v1".utf8)

    /// Seals `text`, the identity of `concern`'s reporter, to each of `holders`. The ciphertext
    /// authenticates the concern's code (`binding(of:)`): moved to another concern, it fails.
    public static func seal(_ text: String, of concern: ConcernCode, to holders: [HolderKey]) throws(SealError) -> SealedEnvelope {
        guard !holders.isEmpty else { throw .noHolders }
        let dataKey = SymmetricKey(size: .bits256)
        let ciphertext = try encrypt(text, of: concern, with: dataKey)
        var keys: [KeyHolder: WrappedKey] = [:]
        for holder in holders {
            keys[holder.holder] = try wrap(dataKey, to: holder)
        }
        return SealedEnvelope(ciphertext: ciphertext, keys: keys, isBound: true)
    }

    /// Opens `concern`'s envelope as `holder` with that holder's private key. A bound envelope
    /// that belongs to another concern reads as damaged, as any tampering does.
    public static func open(_ envelope: SealedEnvelope, of concern: ConcernCode, as holder: KeyHolder, with key: IdentityKey) throws(SealError) -> String {
        try decrypt(envelope, of: concern, with: try unwrap(envelope, as: holder, with: key))
    }

    /// The ciphertext of an envelope sealed before the binding existed, sealed again under the
    /// same data key and now bound to `concern`: the wraps stay valid, nobody loses access.
    /// Nil when the envelope is bound already.
    public static func bind(_ envelope: SealedEnvelope, of concern: ConcernCode, as holder: KeyHolder, with key: IdentityKey) throws(SealError) -> Data? {
        guard !envelope.isBound else { return nil }
        let dataKey = try unwrap(envelope, as: holder, with: key)
        return try encrypt(try decrypt(envelope, of: concern, with: dataKey), of: concern, with: dataKey)
    }

    /// What the ciphertext authenticates: this use and the concern's code.
    static func binding(of concern: ConcernCode) -> Data {
        Data("wenti sealed identity of \(concern.description)".utf8)
    }

    // The plaintext's bytes are wiped once used, here and in `decrypt`: of the identity in
    // memory only the caller's `String` remains, which Swift gives no way to wipe.
    static func encrypt(_ text: String, of concern: ConcernCode, with dataKey: SymmetricKey) throws(SealError) -> Data {
        var plain = Data(text.utf8)
        defer { plain.resetBytes(in: 0..<plain.count) }
        do {
            return try ChaChaPoly.seal(plain, using: dataKey, authenticating: binding(of: concern)).combined
        } catch {
            throw .damaged
        }
    }

    static func decrypt(_ envelope: SealedEnvelope, of concern: ConcernCode, with dataKey: SymmetricKey) throws(SealError) -> String {
        do {
            let box = try ChaChaPoly.SealedBox(combined: envelope.ciphertext)
            var plain = envelope.isBound
                ? try ChaChaPoly.open(box, using: dataKey, authenticating: binding(of: concern))
                : try ChaChaPoly.open(box, using: dataKey)
            defer { plain.resetBytes(in: 0..<plain.count) }
            guard let text = String(data: plain, encoding: .utf8) else { throw SealError.damaged }
            return text
        } catch {
            throw .damaged
        }
    }

    /// The envelope's data key, wrapped anew to `recipient`: how a holder who can open an
    /// identity gives a new staff member access to it, without the text being decrypted.
    public static func rewrap(_ envelope: SealedEnvelope, as holder: KeyHolder, with key: IdentityKey,
                              to recipient: HolderKey) throws(SealError) -> WrappedKey {
        try wrap(try unwrap(envelope, as: holder, with: key), to: recipient)
    }

    // MARK: The data key

    static func wrap(_ dataKey: SymmetricKey, to holder: HolderKey) throws(SealError) -> WrappedKey {
        do {
            let publicKey = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: holder.publicKey)
            var sender = try HPKE.Sender(recipientKey: publicKey, ciphersuite: ciphersuite, info: info)
            let wrapped = dataKey.withUnsafeBytes { try? sender.seal(Data($0)) }
            guard let wrapped else { throw SealError.damaged }
            return WrappedKey(encapsulated: sender.encapsulatedKey, wrapped: wrapped)
        } catch {
            throw .damaged
        }
    }

    static func unwrap(_ envelope: SealedEnvelope, as holder: KeyHolder, with key: IdentityKey) throws(SealError) -> SymmetricKey {
        guard let wrappedKey = envelope.keys[holder] else { throw .notWrappedTo(holder) }
        do {
            var recipient = try HPKE.Recipient(privateKey: key.privateKey, ciphersuite: ciphersuite, info: info,
                                               encapsulatedKey: wrappedKey.encapsulated)
            return SymmetricKey(data: try recipient.open(wrappedKey.wrapped))
        } catch {
            // A wrap for this holder that this key cannot open: the key was replaced since.
            throw .notWrappedTo(holder)
        }
    }
}
