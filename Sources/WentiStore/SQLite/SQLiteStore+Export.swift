import Foundation
import GRDB
import WentiCore

extension SQLiteStore {
    /// The whole workspace as it is stored, for moving it onto a server (`wenti server import`).
    /// Refused while identities from before sealing wait in plain text: they would have to
    /// travel in the clear.
    public func exportWhole() async throws(StoreError) -> LocalWorkspaceExport {
        let waiting = try await identitiesAwaitingSeal()
        if waiting > 0 { throw .identitiesNotSealed(waiting) }
        var concerns: [Concern] = []
        var cursor: PageCursor?
        repeat {
            let page = try await self.concerns(ConcernQuery(), scope: .all, after: cursor, limit: 5_000)
            concerns += page.concerns
            cursor = page.next
        } while cursor != nil
        var envelopes: [(ConcernCode, SealedEnvelope)] = []
        var after: ConcernCode?
        while true {
            let batch = try await self.envelopes(after: after, limit: 1_000)
            envelopes += batch.map { ($0.code, $0.envelope) }
            guard let last = batch.last else { break }
            after = last.code
        }
        let holders = try await read { db in
            try Row.fetchAll(db, sql: "SELECT holder, public_key, added_at FROM key_holder ORDER BY holder").compactMap { row in
                KeyHolder(storageName: row["holder"]).map { HolderKey(holder: $0, publicKey: row["public_key"], addedAt: row.date("added_at")) }
            }
        }
        let audit = try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq").map { row in
                AuditEntry(sequence: row["seq"], at: row.date("at"), actorID: row.person("actor_id"), action: row["action"], subject: row["subject"],
                           changes: try JSONDecoder().decode([FieldChange].self, from: Data(row.text("changes").utf8)))
            }
        }
        return LocalWorkspaceExport(workspace: try await workspace(), concerns: concerns, meetings: try await meetings(),
                                    notices: try await notices(), practices: try await practices(), holders: holders,
                                    envelopes: envelopes, audit: audit)
    }
}
