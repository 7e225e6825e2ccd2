import Foundation
import PostgresNIO
import WentiCore

/// Leaders' visits and their quota on the server: each visit one JSON document in
/// `wenti.leader_visit` (migration v2), written by political-work staff only (its policy).
extension PostgresStore {
    public func add(_ draft: LeaderVisit, actor person: Person) async throws(StoreError) -> LeaderVisit {
        try await requireActing(person.id)
        let workspace = try await workspace()
        let today = clock.today()
        let visit: LeaderVisit = try await connection.write { db in
            var visit = draft
            try visit.validate(in: workspace.organisation, today: today)
            let year = visit.on.civil.year
            visit.id = Self.recordID("ZF", year: year, number: try await self.nextID(db, kind: "leader-visit", year: year))
            let doc = String(decoding: try self.encoder.encode(visit), as: UTF8.self)
            try await db.run("INSERT INTO wenti.leader_visit (id, doc) VALUES (\(visit.id), \(doc)::jsonb)", logger: self.logger)
            try await self.appendAudit(db, actor: person.id, action: MethodAction.visitLog.rawValue, subject: visit.id, changes: visit.recordedChanges)
            return visit
        }
        updateCachedWorkspace { $0.visits.append(visit) }
        return visit
    }

    public func visits() async throws(StoreError) -> [LeaderVisit] {
        let visits = try await connection.read { db in try await Self.loadVisits(db, logger: self.logger) }
        updateCachedWorkspace { $0.visits = visits }
        return visits
    }

    public func setVisitQuota(_ quota: VisitQuota, actor person: Person) async throws(StoreError) {
        try await requireActing(person.id)
        guard quota.visitsPerMonth >= 1 else { throw .finding(.quotaNotPositive(quota.visitsPerMonth)) }
        let old = try await workspace().visitQuota
        let json = String(decoding: (try? encoder.encode(quota)) ?? Data(), as: UTF8.self)
        try await connection.write { db in
            try await db.run("""
                INSERT INTO wenti.setting VALUES ('visit-quota', \(json)::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
                """, logger: self.logger)
            try await self.appendAudit(db, actor: person.id, action: MethodAction.visitLog.rawValue, subject: "visit-quota", changes: [
                FieldChange(field: "visits-per-month", old: String(old.visitsPerMonth), new: String(quota.visitsPerMonth)),
            ])
        }
        updateCachedWorkspace { $0.visitQuota = quota }
    }

    static func loadVisits(_ db: PostgresConnection, logger: Logger) async throws -> [LeaderVisit] {
        let decoder = JSONDecoder()
        var visits: [LeaderVisit] = []
        for try await text in try await db.query("SELECT doc::text FROM wenti.leader_visit ORDER BY on_day, id", logger: logger).decode(String.self) {
            visits.append(try decoder.decode(LeaderVisit.self, from: Data(text.utf8)))
        }
        return visits
    }

    /// The visits of a workspace being installed or imported (as the administrator).
    func writeVisits(_ db: PostgresConnection, _ visits: [LeaderVisit]) async throws {
        for visit in visits {
            let doc = String(decoding: try encoder.encode(visit), as: UTF8.self)
            try await db.run("INSERT INTO wenti.leader_visit (id, doc) VALUES (\(visit.id), \(doc)::jsonb)", logger: logger)
        }
    }
}
