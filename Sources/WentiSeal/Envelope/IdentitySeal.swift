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

    /// Seals `text` to each of `holders`.
    public static func seal(_ text: String, to holders: [HolderKey]) throws(SealError) -> SealedEnvelope {
        guard !holders.isEmpty else { throw .noHolders }
        let dataKey = SymmetricKey(size: .bits256)
        let ciphertext: Data
        do {
            ciphertext = try ChaChaPoly.seal(Data(text.utf8), using: dataKey).combined
        } catch {
            throw .damaged
        }
        var keys: [KeyHolder: WrappedKey] = [:]
        for holder in holders {
            keys[holder.holder] = try wrap(dataKey, to: holder)
        }
        return SealedEnvelope(ciphertext: ciphertext, keys: keys)
    }

    /// Opens the envelope as `holder` with that holder's private key.
    public static func open(_ envelope: SealedEnvelope, as holder: KeyHolder, with key: IdentityKey) throws(SealError) -> String {
        let dataKey = try unwrap(envelope, as: holder, with: key)
        do {
            let plain = try ChaChaPoly.open(ChaChaPoly.SealedBox(combined: envelope.ciphertext), using: dataKey)
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
