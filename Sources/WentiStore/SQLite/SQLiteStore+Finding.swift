import Foundation
import GRDB
import WentiCore

/// The finding sources: leaders' visits recorded one by one, and the quota they are held to.
extension SQLiteStore {
    public func add(_ draft: LeaderVisit, actor person: Person) async throws(StoreError) -> LeaderVisit {
        let workspace = try await workspace()
        let today = clock.today()
        let visit: LeaderVisit = try await write { db in
            var visit = draft
            try visit.validate(in: workspace.organisation, today: today)
            visit.id = try Self.nextRecordID(table: "leader_visit", prefix: "ZF", year: visit.on.civil.year, in: db)
            try db.execute(sql: "INSERT INTO leader_visit VALUES (?,?,?,?,?,?)", arguments: [
                visit.id, visit.leaderID.rawValue, visit.unitID.rawValue, visit.on.ordinal, visit.integration.rawValue, visit.findings,
            ])
            try appendAudit(db, actor: person.id, action: MethodAction.visitLog.rawValue, subject: visit.id, changes: visit.recordedChanges)
            return visit
        }
        updateCachedWorkspace { $0.visits.append(visit) }
        return visit
    }

    public func visits() async throws(StoreError) -> [LeaderVisit] {
        let visits = try await read { db in try Self.loadVisits(db) }
        updateCachedWorkspace { $0.visits = visits }
        return visits
    }

    public func setVisitQuota(_ quota: VisitQuota, actor person: Person) async throws(StoreError) {
        guard quota.visitsPerMonth >= 1 else { throw .finding(.quotaNotPositive(quota.visitsPerMonth)) }
        let old = try await workspace().visitQuota
        try await write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO setting VALUES ('visits-per-month', ?)", arguments: [String(quota.visitsPerMonth)])
            try appendAudit(db, actor: person.id, action: MethodAction.visitLog.rawValue, subject: "visit-quota", changes: [
                FieldChange(field: "visits-per-month", old: String(old.visitsPerMonth), new: String(quota.visitsPerMonth)),
            ])
        }
        updateCachedWorkspace { $0.visitQuota = quota }
    }

    static func loadVisits(_ db: Database) throws -> [LeaderVisit] {
        try Row.fetchAll(db, sql: "SELECT * FROM leader_visit ORDER BY on_day, id").map { row in
            LeaderVisit(id: row["id"], leaderID: row.person("leader_id"), unitID: row.unit("unit_id"),
                        on: row.day("on_day"), integration: try row.value("integration"), findings: row["findings"])
        }
    }

    static func loadVisitQuota(_ db: Database) throws -> VisitQuota {
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'visits-per-month'"), let n = Int(text), n >= 1 else {
            return .standard
        }
        return VisitQuota(visitsPerMonth: n)
    }
}
