import Foundation
import GRDB
import WentiCore

/// Supervision notices (督办通知单), their deadline nodes and chasers.
extension SQLiteStore {
    // MARK: Supervision notices

    public func issue(_ draft: SupervisionNotice, replacing: String?, actor person: Person) async throws(StoreError) -> SupervisionNotice {
        try await write { db in
            var notice = draft
            let concernRow = try Self.rowID(of: notice.concern, in: db)
            let onConcern = try Self.loadNotices(db, concernRow: concernRow)
            let replaced = try SupervisionNotice.replacement(for: notice, replacing: replacing,
                                                             among: onConcern + (try Self.loadNotices(db, id: replacing, skipWhenNil: true)))
            notice.id = try Self.nextRecordID(table: "notice", prefix: "DB", year: notice.issuedOn.civil.year, in: db)
            if let replaced {
                // Closed first: the unique index admits one open notice per concern.
                try db.execute(sql: "UPDATE notice SET state = 'replaced', replaced_by = ? WHERE id = ?", arguments: [notice.id, replaced.id])
                try appendAudit(db, actor: person.id, action: Self.replaceAction, subject: replaced.id, changes: [
                    FieldChange(field: "state", old: onConcern.first { $0.id == replaced.id }?.state.rawValue ?? "", new: replaced.state.rawValue),
                    FieldChange(field: "replaced-by", old: "", new: notice.id),
                ])
            }
            try db.execute(sql: "INSERT INTO notice (id, concern_id, issued_on, issued_by, to_unit_id, to_person_id, state) VALUES (?,?,?,?,?,?,?)", arguments: [
                notice.id, concernRow, notice.issuedOn.ordinal, notice.issuedByID.rawValue,
                notice.toUnitID.rawValue, notice.toPersonID.rawValue, notice.state.rawValue,
            ])
            for (position, node) in notice.nodes.enumerated() {
                try db.execute(sql: "INSERT INTO notice_node VALUES (?,?,?,?)",
                               arguments: [notice.id, position, node.title, node.due.ordinal])
            }
            try Self.writeChasers(notice, in: db)
            try appendAudit(db, actor: person.id, action: MethodAction.noticeIssue.rawValue, subject: notice.id, changes: [
                FieldChange(field: "concern", old: "", new: notice.concern.description),
                FieldChange(field: "state", old: "", new: notice.state.rawValue),
            ] + (replaced.map { [FieldChange(field: "replaces", old: "", new: $0.id)] } ?? []))
            return notice
        }
    }

    /// Changes a notice in one transaction, through the notice's own rules, dated today.
    @discardableResult
    public func changeNotice(_ id: String, _ change: NoticeChange, actor person: Person) async throws(StoreError) -> SupervisionNotice {
        let today = clock.today()
        return try await write { db in
            guard let stored = try Self.loadNotices(db, id: id).first else { throw StoreError.recordNotFound(.notice, id: id) }
            let changed = try stored.applying(change, on: today, by: person.id)
            try db.execute(sql: "UPDATE notice SET state = ? WHERE id = ?", arguments: [changed.state.rawValue, id])
            try db.execute(sql: "DELETE FROM notice_chaser WHERE notice_id = ?", arguments: [id])
            try Self.writeChasers(changed, in: db)
            try appendAudit(db, actor: person.id, action: change.auditAction, subject: id, changes: [
                FieldChange(field: "state", old: stored.state.rawValue, new: changed.state.rawValue),
                FieldChange(field: "chasers", old: "\(stored.chasers.count)/\(stored.openChasers)",
                            new: "\(changed.chasers.count)/\(changed.openChasers)"),
            ])
            return changed
        }
    }

    public func notices() async throws(StoreError) -> [SupervisionNotice] {
        try await read { db in try Self.loadNotices(db, id: nil) }
    }

    static func writeChasers(_ notice: SupervisionNotice, in db: Database) throws {
        for (position, chaser) in notice.chasers.enumerated() {
            try db.execute(sql: "INSERT INTO notice_chaser VALUES (?,?,?,?,?,?)",
                           arguments: [notice.id, position, chaser.on.ordinal, chaser.byID.rawValue, chaser.text, chaser.answeredOn?.ordinal])
        }
    }

    /// The word the audit log records on a notice closed by its replacement.
    static let replaceAction = "notice-replace"

    /// The notice `id` names (none when `id` is nil and `skipWhenNil`, else every notice).
    static func loadNotices(_ db: Database, id: String?, skipWhenNil: Bool = false) throws -> [SupervisionNotice] {
        if id == nil && skipWhenNil { return [] }
        return try loadNotices(db, condition: id == nil ? "" : "WHERE n.id = ?", arguments: StatementArguments(id.map { [$0] } ?? []))
    }

    /// Every notice on the concern with row id `concernRow`.
    static func loadNotices(_ db: Database, concernRow: Int64) throws -> [SupervisionNotice] {
        try loadNotices(db, condition: "WHERE n.concern_id = ?", arguments: [concernRow])
    }

    private static func loadNotices(_ db: Database, condition: String, arguments: StatementArguments) throws -> [SupervisionNotice] {
        try Row.fetchAll(db, sql: """
            SELECT n.*, c.year, c.seq FROM notice n JOIN concern c ON c.id = n.concern_id
            \(condition) ORDER BY n.issued_on, n.id
            """, arguments: arguments).map { row in
            let id = row.text("id")
            let nodes = try Row.fetchAll(db, sql: "SELECT * FROM notice_node WHERE notice_id = ? ORDER BY position", arguments: [id])
                .map { SupervisionNotice.Node(title: $0.text("title"), due: $0.day("due_on")) }
            var notice = try SupervisionNotice(
                id: id, concern: ConcernCode(year: row.int("year"), sequence: row.int("seq")), issuedOn: row.day("issued_on"),
                issuedByID: row.person("issued_by"), toUnitID: row.unit("to_unit_id"), toPersonID: row.person("to_person_id"),
                nodes: nodes)
            notice.state = try row.value("state")
            notice.replacedBy = row["replaced_by"]
            notice.chasers = try Row.fetchAll(db, sql: "SELECT * FROM notice_chaser WHERE notice_id = ? ORDER BY position", arguments: [id])
                .map { SupervisionNotice.Chaser(on: $0.day("on_day"), byID: $0.person("by_id"), text: $0.text("text"),
                                                answeredOn: $0.optionalDay("answered_on")) }
            return notice
        }
    }
}
