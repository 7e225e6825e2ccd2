import Foundation
import PostgresNIO
import WentiCore
import WentiSeal

/// Sealed identities on the server, through `ServerSealing`'s functions only: no person's
/// role can read the tables, and every envelope read by political-work staff is audited by
/// the server itself before it returns anything. Bytes travel as base64 text (which
/// PostgreSQL's `encode` breaks into lines of 76: the line breaks are skipped on reading).
extension PostgresStore {
    func currentHolders(_ db: PostgresConnection, organisation: Organisation) async throws -> [HolderKey] {
        var holders: [HolderKey] = []
        for try await (name, key, added) in try await db.query("""
            SELECT holder, encode(public_key, 'base64'), added_at FROM wenti.key_holder ORDER BY holder
            """, logger: logger).decode((String, String, Double).self) {
            guard let holder = KeyHolder(storageName: name), let key = Data(base64Encoded: key, options: .ignoreUnknownCharacters) else { continue }
            holders.append(HolderKey(holder: holder, publicKey: key, addedAt: Date(timeIntervalSince1970: added)))
        }
        return IncomingIdentity.current(holders, in: organisation)
    }

    func writeEnvelope(_ db: PostgresConnection, _ envelope: SealedEnvelope, code: ConcernCode) async throws {
        let keys = envelope.keys.sorted { $0.key.storageName < $1.key.storageName }
        let holders = keys.map(\.key.storageName)
        let encapsulated = keys.map { $0.value.encapsulated.base64EncodedString() }
        let wrapped = keys.map { $0.value.wrapped.base64EncodedString() }
        try await db.run("""
            SELECT wenti.seal_identity(\(code.description), decode(\(envelope.ciphertext.base64EncodedString()), 'base64'), \(envelope.isBound),
              \(holders)::text[],
              ARRAY(SELECT decode(x, 'base64') FROM unnest(\(encapsulated)::text[]) WITH ORDINALITY AS e(x, n) ORDER BY n),
              ARRAY(SELECT decode(x, 'base64') FROM unnest(\(wrapped)::text[]) WITH ORDINALITY AS w(x, n) ORDER BY n))
            """, logger: logger)
    }

    public func keyHolders() async throws(StoreError) -> [HolderKey] {
        let organisation = try await workspace().organisation
        return try await connection.read { db in try await self.currentHolders(db, organisation: organisation) }
    }

    public func register(_ key: HolderKey, actor: Person) async throws(StoreError) {
        try await requireActing(actor.id)
        try await connection.write { db in
            var previous: String?
            for try await key in try await db.query("SELECT encode(public_key, 'base64') FROM wenti.key_holder WHERE holder = \(key.holder.storageName)",
                                                  logger: self.logger).decode(String.self) { previous = key }
            try await db.run("""
                SELECT wenti.register_holder(\(key.holder.storageName), decode(\(key.publicKey.base64EncodedString()), 'base64'), \(key.addedAt.timeIntervalSince1970))
                """, logger: self.logger)
            try await self.appendAudit(db, actor: actor.id, action: "keys-register", subject: sealedIdentityAuditSubject, changes: [
                FieldChange(field: "holder", old: previous == nil ? "" : key.holder.storageName, new: key.holder.storageName),
                FieldChange(field: "key", old: previous.flatMap { Data(base64Encoded: $0, options: .ignoreUnknownCharacters) }.map(IdentityKey.fingerprint(of:)) ?? "",
                            new: IdentityKey.fingerprint(of: key.publicKey)),
            ])
        }
    }

    public func remove(_ holder: KeyHolder, actor: Person) async throws(StoreError) {
        try await requireActing(actor.id)
        try await connection.write { db in
            var known = false
            for try await _ in try await db.query("SELECT 1 FROM wenti.key_holder WHERE holder = \(holder.storageName)", logger: self.logger).decode(Int.self) {
                known = true
            }
            guard known else { throw StoreError.seal(.notWrappedTo(holder)) }
            try await db.run("SELECT wenti.remove_holder(\(holder.storageName))", logger: self.logger)
            try await self.appendAudit(db, actor: actor.id, action: "keys-remove", subject: sealedIdentityAuditSubject, changes: [
                FieldChange(field: "holder", old: holder.storageName, new: ""),
            ])
        }
    }

    /// Read through `wenti.read_envelope`, which records the read in the audit log itself.
    public func envelope(_ code: ConcernCode) async throws(StoreError) -> SealedEnvelope? {
        let at = clock.now().timeIntervalSince1970
        let rows = try await connection.write { db in
            try await self.envelopeRows(db.query("""
                SELECT \(code.description), encode(ciphertext, 'base64'), bound, holder, encode(encapsulated, 'base64'), encode(wrapped, 'base64')
                FROM wenti.read_envelope(\(code.description), 'open', \(at))
                """, logger: self.logger))
        }
        if rows.isEmpty {
            _ = try await concern(code, scope: .all)
            return nil
        }
        return rows.first?.envelope
    }

    public func envelopes(after code: ConcernCode?, limit: Int) async throws(StoreError) -> [(code: ConcernCode, envelope: SealedEnvelope)] {
        let at = clock.now().timeIntervalSince1970
        // Codes compare as text in the same order as (year, sequence) while sequences keep four digits.
        let after = code?.description
        return try await connection.write { db in
            try await self.envelopeRows(db.query("""
                SELECT code, encode(ciphertext, 'base64'), bound, holder, encode(encapsulated, 'base64'), encode(wrapped, 'base64')
                FROM wenti.read_envelopes(\(after), \(limit)::int, 'grant', \(at))
                """, logger: self.logger))
        }
    }

    private func envelopeRows(_ rows: PostgresRowSequence) async throws -> [(code: ConcernCode, envelope: SealedEnvelope)] {
        var result: [(code: ConcernCode, envelope: SealedEnvelope)] = []
        for try await (codeText, ciphertext, bound, holderName, encapsulated, wrapped) in rows.decode((String, String, Bool, String, String, String).self) {
            guard let code = ConcernCode(codeText), let holder = KeyHolder(storageName: holderName),
                  let ciphertext = Data(base64Encoded: ciphertext, options: .ignoreUnknownCharacters), let encapsulated = Data(base64Encoded: encapsulated, options: .ignoreUnknownCharacters),
                  let wrapped = Data(base64Encoded: wrapped, options: .ignoreUnknownCharacters) else { continue }
            if result.last?.code != code { result.append((code, SealedEnvelope(ciphertext: ciphertext, keys: [:], isBound: bound))) }
            result[result.count - 1].envelope.keys[holder] = WrappedKey(encapsulated: encapsulated, wrapped: wrapped)
        }
        return result
    }

    public func envelopeCounts() async throws(StoreError) -> EnvelopeCounts {
        try await connection.read { db in
            var counts = EnvelopeCounts(total: 0, unbound: 0, byHolder: [:])
            for try await (holder, n) in try await db.query("SELECT holder, n FROM wenti.envelope_counts()", logger: self.logger)
                .decode((String, Int64).self) {
                switch holder {
                case "*total": counts.total = Int(n)
                case "*unbound": counts.unbound = Int(n)
                default: if let key = KeyHolder(storageName: holder) { counts.byHolder[key] = Int(n) }
                }
            }
            return counts
        }
    }

    public func addWraps(_ wraps: [ConcernCode: WrappedKey], to holder: KeyHolder, actor: Person) async throws(StoreError) {
        try await requireActing(actor.id)
        let sorted = wraps.sorted { $0.key < $1.key }
        try await connection.write { db in
            try await db.run("""
                SELECT wenti.add_wraps(\(holder.storageName), \(sorted.map(\.key.description))::text[],
                  ARRAY(SELECT decode(x, 'base64') FROM unnest(\(sorted.map { $0.value.encapsulated.base64EncodedString() })::text[]) WITH ORDINALITY AS e(x, n) ORDER BY n),
                  ARRAY(SELECT decode(x, 'base64') FROM unnest(\(sorted.map { $0.value.wrapped.base64EncodedString() })::text[]) WITH ORDINALITY AS w(x, n) ORDER BY n))
                """, logger: self.logger)
            try await self.appendAudit(db, actor: actor.id, action: "keys-grant", subject: sealedIdentityAuditSubject, changes: [
                FieldChange(field: "holder", old: "", new: holder.storageName),
                FieldChange(field: "wraps", old: "", new: String(wraps.count)),
            ])
        }
    }

    public func bindEnvelopes(_ ciphertexts: [ConcernCode: Data], actor: Person) async throws(StoreError) {
        guard !ciphertexts.isEmpty else { return }
        try await requireActing(actor.id)
        let sorted = ciphertexts.sorted { $0.key < $1.key }
        try await connection.write { db in
            var bound = 0
            for try await count in try await db.query("""
                SELECT wenti.bind_envelopes(\(sorted.map(\.key.description))::text[],
                  ARRAY(SELECT decode(x, 'base64') FROM unnest(\(sorted.map { $0.value.base64EncodedString() })::text[]) WITH ORDINALITY AS c(x, n) ORDER BY n))
                """, logger: self.logger).decode(Int.self) { bound = count }
            try await self.appendAudit(db, actor: actor.id, action: SealedIdentityAudit.bind, subject: sealedIdentityAuditSubject,
                                       changes: SealedIdentityAudit.bindChanges(bound))
        }
    }

    public func recordOpening(_ code: ConcernCode, reason: String, failure: OpeningFailure?, actor: Person) async throws(StoreError) {
        try await requireActing(actor.id)
        try await connection.write { db in
            try await self.appendAudit(db, actor: actor.id, action: SealedIdentityAudit.action(failure), subject: sealedIdentityAuditSubject,
                                       changes: SealedIdentityAudit.openingChanges(code, reason: reason, failure: failure))
        }
    }

    /// A shared workspace starts sealed: nothing was ever written in the clear.
    public func identitiesAwaitingSeal() async throws(StoreError) -> Int { 0 }

    public func sealAwaitingIdentities(actor: Person) async throws(StoreError) -> Int { 0 }

    // MARK: Figures

    /// Fact rows from the stored documents (`ConcernFact.init(_:)`), in id order.
    public func facts(_ query: ConcernQuery, scope: ConcernScope, titles: Bool, after cursor: PageCursor?,
                      limit: Int) async throws(StoreError) -> (facts: [ConcernFact], next: PageCursor?) {
        let page = try await concerns(query, scope: scope, after: cursor, limit: limit)
        let facts = page.concerns.map { concern in
            var fact = ConcernFact(concern)
            if !titles { fact.title = "" }
            return fact
        }
        return (facts, page.next)
    }
}
