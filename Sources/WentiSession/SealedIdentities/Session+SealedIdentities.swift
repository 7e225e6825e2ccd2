import Foundation
import WentiCore
import WentiSeal
import WentiStore

/// Opening an anonymous reporter's sealed identity, and the keys that open them.
///
/// The session checks who may and why before any key is asked for; the cryptography is
/// `WentiSeal`'s; the store keeps only ciphertext and public keys. The plaintext an opening
/// returns is the caller's to show once and drop: nothing here keeps it.
extension Session {
    // MARK: Opening

    /// Why the principal may not open `code`'s identity for `reason`, or nil: checked before a
    /// passphrase is asked, so that nobody types one in vain.
    public func checkOpening(_ code: ConcernCode, reason: String) async throws {
        _ = try actor(for: .openSealedIdentity)
        try require(.openSealedIdentity, on: .company)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw SessionError.reasonRequired(code) }
        guard case .anonymous(.sealed?) = try await concern(code).reporter else { throw StoreError.noSealedIdentity(code) }
    }

    /// Opens `code`'s identity with the key `unlock` returns (it asks for the passphrase, after
    /// the checks), and records the opening (who, when, why) in the log political-work staff
    /// list (`identityLog`). A failed attempt — wrong passphrase, no key file here, an envelope
    /// not wrapped to this key or damaged — is recorded too, then thrown.
    ///
    /// An envelope sealed before envelopes were bound to their concern is bound now, with the
    /// data key this opening has anyway.
    /// Runs on the caller's actor, as `unlock` does (the UI reads its form and key folder there).
    public nonisolated(nonsending) func openIdentity(_ code: ConcernCode, reason: String,
                                                     unlocking unlock: () async throws -> (KeyHolder, IdentityKey)) async throws -> String {
        try await checkOpening(code, reason: reason)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let envelope = try await store.envelope(code) else { throw StoreError.noSealedIdentity(code) }
        let text: String
        let rebound: Data?
        do {
            let (holder, key) = try await unlock()
            text = try IdentitySeal.open(envelope, of: code, as: holder, with: key)
            rebound = try IdentitySeal.bind(envelope, of: code, as: holder, with: key)
        } catch {
            if let failure = Self.openingFailure(error) {
                try await store.recordOpening(code, reason: reason, failure: failure, actor: principal)
            }
            throw error
        }
        try await store.recordOpening(code, reason: reason, failure: nil, actor: principal)
        if let rebound { try await store.bindEnvelopes([code: rebound], actor: principal) }
        return text
    }

    /// Opens `code`'s identity with a key already unlocked (a script, a test).
    public func openIdentity(_ code: ConcernCode, reason: String, as holder: KeyHolder, with key: IdentityKey) async throws -> String {
        try await openIdentity(code, reason: reason) { (holder, key) }
    }

    /// The failures of an opening the audit log keeps; anything else (no terminal to ask on,
    /// the store unreachable) was no attempt at a key.
    static func openingFailure(_ error: any Error) -> OpeningFailure? {
        switch error {
        case SealError.wrongPassphrase, SealError.notTheRecoveryKey: .wrongPassphrase
        case SealError.notWrappedTo: .notWrappedToHolder
        case SealError.damaged: .damaged
        case SealError.unreadableKeyFile, SessionError.noKeyFileHere: .noKeyHere
        default: nil
        }
    }

    /// Every opening and key change, oldest first: political-work staff only.
    public func identityLog() async throws -> [AuditEntry] {
        try require(.openSealedIdentity, on: .company)
        return try await store.auditLog(subject: sealedIdentityAuditSubject)
    }

    // MARK: Keys

    /// Refuses unless the principal (not a view) is political-work staff: the ones who hold keys.
    @discardableResult
    public func checkKeyHolder() throws -> Person {
        let actor = try actor(for: .openSealedIdentity)
        try require(.openSealedIdentity, on: .company)
        return actor
    }

    /// Refuses a grant that cannot work, before any key is unlocked for it.
    public func checkGrant(to person: Person) async throws {
        try checkKeyHolder()
        guard person.role == .politicalWork else { throw SessionError.notPoliticalWork(person) }
        guard try await holderKey(.person(person.id)) != nil else { throw SessionError.noKeyOf(person) }
    }

    /// The holders identities are sealed to now (political-work staff only).
    public func keyHolders() async throws -> [HolderKey] {
        try require(.openSealedIdentity, on: .company)
        return try await store.keyHolders()
    }

    /// How many sealed identities there are, and how many each holder has a wrap for.
    public func identitiesOpenable() async throws -> (total: Int, byHolder: [KeyHolder: Int]) {
        try require(.openSealedIdentity, on: .company)
        let counts = try await store.envelopeCounts()
        return (counts.total, counts.byHolder)
    }

    /// The public key the workspace keeps for `holder`, or nil.
    public func holderKey(_ holder: KeyHolder) async throws -> HolderKey? {
        try await store.keyHolders().first { $0.holder == holder }
    }

    /// The principal's own key in this workspace; refuses with what to do when there is none.
    public func ownHolderKey() async throws -> HolderKey {
        try require(.openSealedIdentity, on: .company)
        guard let key = try await holderKey(.person(principal.id)) else { throw SessionError.noKeyOf(principal) }
        return key
    }

    /// Registers the principal's new public key (`wenti keys init`): identities taken in from
    /// now on are sealed to it too; older ones once someone who can open them grants access.
    public func registerOwnKey(_ publicKey: Data) async throws {
        let actor = try checkKeyHolder()
        try await store.register(HolderKey(holder: .person(actor.id), publicKey: publicKey, addedAt: store.now()), actor: actor)
    }

    /// Registers the workspace's recovery key, once: a second would silently leave the paper
    /// copy of the first opening less and less.
    public func registerRecoveryKey(_ publicKey: Data) async throws {
        let actor = try checkKeyHolder()
        guard try await holderKey(.recovery) == nil else { throw SessionError.recoveryKeyExists }
        try await store.register(HolderKey(holder: .recovery, publicKey: publicKey, addedAt: store.now()), actor: actor)
    }

    /// Wraps every identity the granter (`holder`, with its key) can open to `person`'s key.
    /// Returns how many were granted and how many the granter could not open.
    public func grant(to person: Person, as holder: KeyHolder, with key: IdentityKey) async throws -> (granted: Int, notOpenable: Int) {
        let actor = try checkKeyHolder()
        guard person.role == .politicalWork else { throw SessionError.notPoliticalWork(person) }
        guard let recipient = try await holderKey(.person(person.id)) else { throw SessionError.noKeyOf(person) }
        var wraps: [ConcernCode: WrappedKey] = [:]
        var notOpenable = 0
        try await eachEnvelope { code, envelope in
            guard envelope.keys[recipient.holder] == nil else { return }
            do {
                wraps[code] = try IdentitySeal.rewrap(envelope, as: holder, with: key, to: recipient)
            } catch SealError.notWrappedTo {
                notOpenable += 1
            }
        }
        if !wraps.isEmpty { try await store.addWraps(wraps, to: recipient.holder, actor: actor) }
        return (wraps.count, notOpenable)
    }

    /// Binds every envelope sealed before envelopes were bound to their concern that `holder`
    /// can open (`wenti keys bind`). Returns how many were bound and how many this key could
    /// not open (another holder must bind those).
    public func bindOldEnvelopes(as holder: KeyHolder, with key: IdentityKey) async throws -> (bound: Int, notOpenable: Int) {
        let actor = try checkKeyHolder()
        var ciphertexts: [ConcernCode: Data] = [:]
        var notOpenable = 0
        try await eachEnvelope { code, envelope in
            guard !envelope.isBound else { return }
            do {
                ciphertexts[code] = try IdentitySeal.bind(envelope, of: code, as: holder, with: key)
            } catch SealError.notWrappedTo, SealError.damaged {
                notOpenable += 1
            }
        }
        try await store.bindEnvelopes(ciphertexts, actor: actor)
        return (ciphertexts.count, notOpenable)
    }

    /// Every envelope in concern order, read 500 at a time (on the server each read is audited).
    private func eachEnvelope(_ body: (ConcernCode, SealedEnvelope) throws -> Void) async throws {
        var after: ConcernCode?
        while true {
            let batch = try await store.envelopes(after: after, limit: 500)
            guard let last = batch.last else { return }
            for (code, envelope) in batch { try body(code, envelope) }
            after = last.code
        }
    }

    /// How many envelopes are not bound to their concern yet (sealed before the binding).
    public func oldEnvelopes() async throws -> Int {
        try require(.openSealedIdentity, on: .company)
        return try await store.envelopeCounts().unbound
    }

    /// Takes `person`'s key away: nothing taken in from now on is sealed to it, and the wraps
    /// it had are deleted (a copy of the database made before keeps them, as any copy would).
    public func removeKey(of person: Person) async throws {
        let actor = try checkKeyHolder()
        do {
            try await store.remove(.person(person.id), actor: actor)
        } catch let error where error == .seal(.notWrappedTo(.person(person.id))) {
            throw SessionError.noKeyOf(person)
        }
    }

    /// Seals the identities written before sealing existed (see `WorkspaceStore.sealAwaitingIdentities`).
    public func sealAwaitingIdentities() async throws -> Int {
        let actor = try checkKeyHolder()
        return try await store.sealAwaitingIdentities(actor: actor)
    }
}
