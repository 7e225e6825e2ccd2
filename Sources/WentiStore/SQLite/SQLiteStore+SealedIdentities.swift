import Foundation
import GRDB
import WentiCore
import WentiSeal

/// Sealed identities in SQLite: `key_holder`, `identity_envelope`, `identity_key` (Schema
/// v4). Plain text enters only as `SealedIdentity.toSeal` and is sealed here, inside the
/// write's transaction, before any row is written.
extension SQLiteStore {
    // MARK: Sealing on the way in

    /// The reporter as it is stored and the envelope to write beside it: a `.toSeal` identity
    /// is sealed to `holders`; a blank one is no identity; `.sealed` without an envelope (a
    /// concern read elsewhere and inserted again) has nothing left to seal.
    static func sealing(_ reporter: Reporter, of concern: ConcernCode, holders: () throws -> [HolderKey]) throws -> (Reporter, SealedEnvelope?) {
        try IncomingIdentity.seal(reporter, of: concern, holders: holders)
    }

    static func holderKeys(in db: Database, organisation: Organisation) throws -> [HolderKey] {
        let stored = try Row.fetchAll(db, sql: "SELECT holder, public_key, added_at FROM key_holder ORDER BY holder").compactMap { row in
            KeyHolder(storageName: row["holder"]).map { HolderKey(holder: $0, publicKey: row["public_key"], addedAt: row.date("added_at")) }
        }
        return IncomingIdentity.current(stored, in: organisation)
    }

    static func writeEnvelope(_ envelope: SealedEnvelope, concernID: Int64, in db: Database) throws {
        try db.execute(sql: "INSERT INTO identity_envelope (concern_id, ciphertext, bound) VALUES (?, ?, ?)",
                       arguments: [concernID, envelope.ciphertext, envelope.isBound])
        for (holder, key) in envelope.keys {
            try db.execute(sql: "INSERT INTO identity_key VALUES (?, ?, ?, ?)",
                           arguments: [concernID, holder.storageName, key.encapsulated, key.wrapped])
        }
    }

    // MARK: Holders

    public func keyHolders() async throws(StoreError) -> [HolderKey] {
        let organisation = try await workspace().organisation
        return try await read { db in try Self.holderKeys(in: db, organisation: organisation) }
    }

    public func register(_ key: HolderKey, actor: Person) async throws(StoreError) {
        try await write { db in
            let previous = try Data.fetchOne(db, sql: "SELECT public_key FROM key_holder WHERE holder = ?", arguments: [key.holder.storageName])
            if let previous, previous != key.publicKey {
                // Wraps to the old key cannot be opened by the new one.
                try db.execute(sql: "DELETE FROM identity_key WHERE holder = ?", arguments: [key.holder.storageName])
            }
            try db.execute(sql: """
                INSERT INTO key_holder VALUES (?, ?, ?)
                  ON CONFLICT (holder) DO UPDATE SET public_key = excluded.public_key, added_at = excluded.added_at
                """, arguments: [key.holder.storageName, key.publicKey, key.addedAt.timeIntervalSince1970])
            try appendAudit(db, actor: actor.id, action: "keys-register", subject: sealedIdentityAuditSubject, changes: [
                FieldChange(field: "holder", old: previous == nil ? "" : key.holder.storageName, new: key.holder.storageName),
                FieldChange(field: "key", old: previous.map(IdentityKey.fingerprint(of:)) ?? "", new: IdentityKey.fingerprint(of: key.publicKey)),
            ])
        }
    }

    public func remove(_ holder: KeyHolder, actor: Person) async throws(StoreError) {
        try await write { db in
            let wraps = try Int.fetchOne(db, sql: "SELECT count(*) FROM identity_key WHERE holder = ?", arguments: [holder.storageName]) ?? 0
            try db.execute(sql: "DELETE FROM identity_key WHERE holder = ?", arguments: [holder.storageName])
            try db.execute(sql: "DELETE FROM key_holder WHERE holder = ?", arguments: [holder.storageName])
            guard db.changesCount > 0 else { throw StoreError.seal(.notWrappedTo(holder)) }
            try appendAudit(db, actor: actor.id, action: "keys-remove", subject: sealedIdentityAuditSubject, changes: [
                FieldChange(field: "holder", old: holder.storageName, new: ""),
                FieldChange(field: "wraps", old: String(wraps), new: "0"),
            ])
        }
    }

    // MARK: Envelopes

    public func envelope(_ code: ConcernCode) async throws(StoreError) -> SealedEnvelope? {
        try await read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM concern WHERE year = ? AND seq = ?", arguments: [code.year, code.sequence]) else {
                throw StoreError.concernNotFound(code)
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM identity_awaiting_seal WHERE concern_id = ?", arguments: [id]) != nil {
                throw StoreError.identityAwaitingSeal(code)
            }
            return try Self.envelopes(in: db, where: "e.concern_id = ?", [id]).first?.envelope
        }
    }

    public func envelopes(after code: ConcernCode?, limit: Int) async throws(StoreError) -> [(code: ConcernCode, envelope: SealedEnvelope)] {
        try await read { db in
            let after = code ?? ConcernCode(year: 0, sequence: 0)
            return try Self.envelopes(in: db, where: "(c.year > ? OR (c.year = ? AND c.seq > ?)) ORDER BY c.year, c.seq LIMIT ?",
                                      [after.year, after.year, after.sequence, limit])
        }
    }

    static func envelopes(in db: Database, where condition: String, _ arguments: [any DatabaseValueConvertible]) throws
        -> [(code: ConcernCode, envelope: SealedEnvelope)] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.concern_id, c.year, c.seq, e.ciphertext, e.bound FROM identity_envelope e JOIN concern c ON c.id = e.concern_id
            WHERE \(condition)
            """, arguments: StatementArguments(arguments))
        return try rows.map { row in
            var keys: [KeyHolder: WrappedKey] = [:]
            for key in try Row.fetchAll(db, sql: "SELECT holder, encapsulated, wrapped FROM identity_key WHERE concern_id = ?",
                                        arguments: [row["concern_id"] as Int64]) {
                if let holder = KeyHolder(storageName: key["holder"]) {
                    keys[holder] = WrappedKey(encapsulated: key["encapsulated"], wrapped: key["wrapped"])
                }
            }
            return (ConcernCode(year: row["year"], sequence: row["seq"]), SealedEnvelope(ciphertext: row["ciphertext"], keys: keys, isBound: row["bound"]))
        }
    }

    public func envelopeCounts() async throws(StoreError) -> EnvelopeCounts {
        try await read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM identity_envelope") ?? 0
            let unbound = try Int.fetchOne(db, sql: "SELECT count(*) FROM identity_envelope WHERE bound = 0") ?? 0
            var byHolder: [KeyHolder: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT holder, count(*) AS n FROM identity_key GROUP BY holder") {
                if let holder = KeyHolder(storageName: row["holder"]) { byHolder[holder] = row["n"] }
            }
            return EnvelopeCounts(total: total, unbound: unbound, byHolder: byHolder)
        }
    }

    public func addWraps(_ wraps: [ConcernCode: WrappedKey], to holder: KeyHolder, actor: Person) async throws(StoreError) {
        try await write { db in
            for (code, key) in wraps {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO identity_key
                      SELECT e.concern_id, ?, ?, ? FROM identity_envelope e JOIN concern c ON c.id = e.concern_id WHERE c.year = ? AND c.seq = ?
                    """, arguments: [holder.storageName, key.encapsulated, key.wrapped, code.year, code.sequence])
            }
            try appendAudit(db, actor: actor.id, action: "keys-grant", subject: sealedIdentityAuditSubject, changes: [
                FieldChange(field: "holder", old: "", new: holder.storageName),
                FieldChange(field: "wraps", old: "", new: String(wraps.count)),
            ])
        }
    }

    public func bindEnvelopes(_ ciphertexts: [ConcernCode: Data], actor: Person) async throws(StoreError) {
        guard !ciphertexts.isEmpty else { return }
        try await write { db in
            var bound = 0
            for (code, ciphertext) in ciphertexts.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: """
                    UPDATE identity_envelope SET ciphertext = ?, bound = 1
                    WHERE bound = 0 AND concern_id = (SELECT id FROM concern WHERE year = ? AND seq = ?)
                    """, arguments: [ciphertext, code.year, code.sequence])
                bound += db.changesCount
            }
            try appendAudit(db, actor: actor.id, action: SealedIdentityAudit.bind, subject: sealedIdentityAuditSubject,
                            changes: SealedIdentityAudit.bindChanges(bound))
        }
    }

    public func recordOpening(_ code: ConcernCode, reason: String, failure: OpeningFailure?, actor: Person) async throws(StoreError) {
        try await write { db in
            try appendAudit(db, actor: actor.id, action: SealedIdentityAudit.action(failure), subject: sealedIdentityAuditSubject,
                            changes: SealedIdentityAudit.openingChanges(code, reason: reason, failure: failure))
        }
    }

    // MARK: Identities written before sealing

    public func identitiesAwaitingSeal() async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM identity_awaiting_seal") ?? 0 }
    }

    public func sealAwaitingIdentities(actor: Person) async throws(StoreError) -> Int {
        let organisation = try await workspace().organisation
        let sealed = try await write { db -> Int in
            // Freed cells are zeroed, so the DELETE leaves no text behind in the pages it keeps.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            let holders = try Self.holderKeys(in: db, organisation: organisation)
            let rows = try Row.fetchAll(db, sql: """
                SELECT w.concern_id, w.text, c.year, c.seq FROM identity_awaiting_seal w JOIN concern c ON c.id = w.concern_id
                ORDER BY w.concern_id
                """)
            for row in rows {
                let text: String = row["text"]
                let envelope: SealedEnvelope
                do {
                    envelope = try IdentitySeal.seal(text, of: ConcernCode(year: row["year"], sequence: row["seq"]), to: holders)
                } catch let error as SealError {
                    throw StoreError.seal(error)
                }
                try Self.writeEnvelope(envelope, concernID: row["concern_id"], in: db)
            }
            try db.execute(sql: "DELETE FROM identity_awaiting_seal")
            if !rows.isEmpty {
                try appendAudit(db, actor: actor.id, action: "keys-seal-existing", subject: sealedIdentityAuditSubject, changes: [
                    FieldChange(field: "sealed", old: "", new: String(rows.count)),
                ])
            }
            return rows.count
        }
        guard sealed > 0 else { return 0 }
        // The old pages (the concern rows before v4, the waiting table) go: VACUUM rewrites the
        // file from live rows only, and the checkpoint empties the WAL that carried it.
        do {
            try await writer.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch {
            throw Self.storeError(error)
        }
        return sealed
    }
}
