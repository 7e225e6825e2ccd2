import Foundation
import GRDB
import Testing
import WentiTestSupport
@testable import WentiCore
@testable import WentiStore

/// One open supervision notice per concern (issue 14): a second one goes out only as the
/// explicit replacement of the first, which it closes in the same transaction; SQLite itself
/// refuses two open notices on one concern, and migration v6 settles older workspaces.
@Suite("One open notice per concern in the store")
struct NoticeReplacementStoreTests {
    static func draft(_ concern: Concern, to person: PersonID = "dh1") throws -> SupervisionNotice {
        try SupervisionNotice(id: "", concern: concern.code, issuedOn: Day("2026-11-01")!, issuedByID: "pw",
                              toUnitID: "d1", toPersonID: person, nodes: [.init(title: "完成", due: Day("2026-11-20")!)])
    }

    @Test func aSecondNoticeReplacesTheOpenOneInOneTransaction() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let concern = try await fixture.add("报表太多")
        let other = try await fixture.add("夜班没有热饭")
        let first = try await fixture.store.issue(Self.draft(concern), actor: "pw")
        try await fixture.store.changeNotice(first.id, .acknowledge, actor: "dh1")
        await #expect(throws: StoreError.notice(.openNoticeExists(notice: first.id, concern: concern.code))) {
            try await fixture.store.issue(Self.draft(concern, to: "tl1"), replacing: nil, actor: "pw")
        }
        await #expect(throws: StoreError.notice(.replacesOtherConcern(notice: first.id, concern: concern.code))) {
            try await fixture.store.issue(Self.draft(other), replacing: first.id, actor: "pw")
        }
        await #expect(try fixture.store.notices().count == 1, "a refused notice writes nothing")

        let reissued = try await fixture.store.issue(Self.draft(concern, to: "tl1"), replacing: first.id, actor: "pw")
        #expect(reissued.id == "DB-2026-002", "the refused attempts took no number")
        let notices = try await fixture.store.notices()
        let old = try #require(notices.first { $0.id == first.id })
        #expect(old.state == .replaced && old.replacedBy == reissued.id && !old.isOpen)
        #expect(notices.filter(\.isOpen).map(\.id) == [reissued.id], "one open notice on the concern")
        let oldLog = try await fixture.store.auditLog(subject: first.id)
        #expect(oldLog.map(\.action) == ["notice-issue", "notice-acknowledge", "notice-replace"])
        #expect(oldLog.last?.changes.contains(FieldChange(field: "state", old: "acknowledged", new: "replaced")) == true)
        #expect(oldLog.last?.changes.contains(FieldChange(field: "replaced-by", old: "", new: reissued.id)) == true)
        let newLog = try await fixture.store.auditLog(subject: reissued.id)
        #expect(newLog.first?.changes.contains(FieldChange(field: "replaces", old: "", new: first.id)) == true)
        // A replaced notice is closed: it cannot be replaced again, nor moved on.
        await #expect(throws: StoreError.notice(.replacesClosedNotice(notice: first.id, state: .replaced))) {
            try await fixture.store.issue(Self.draft(concern), replacing: first.id, actor: "pw")
        }
        await #expect(throws: StoreError.notice(.illegalMove(.replaced, .completed))) {
            try await fixture.store.changeNotice(first.id, .complete, actor: "pw")
        }
        // Once the open one is completed, the concern may have a new notice without replacing.
        try await fixture.store.changeNotice(reissued.id, .acknowledge, actor: "tl1")
        try await fixture.store.changeNotice(reissued.id, .complete, actor: "pw")
        await #expect(try fixture.store.issue(Self.draft(concern), replacing: nil, actor: "pw").id == "DB-2026-003")
    }

    @Test func sqliteRefusesTwoOpenNoticesOnAConcernAndAReplacedOneWithoutItsSuccessor() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let concern = try await fixture.add("报表太多")
        let first = try await fixture.store.issue(Self.draft(concern), actor: "pw")
        let second = try await fixture.store.issue(Self.draft(concern), replacing: first.id, actor: "pw")
        let queue = try DatabaseQueue(path: fixture.path)
        try await queue.write { db in
            // Reopening the replaced one would leave two open notices on the concern.
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE notice SET state = 'issued', replaced_by = NULL WHERE id = ?", arguments: [first.id]) }
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE notice SET replaced_by = NULL WHERE id = ?", arguments: [first.id]) }
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE notice SET state = 'replaced' WHERE id = ?", arguments: [second.id]) }
        }
    }

    /// A workspace from before the rule may hold two open notices on one concern: the
    /// migration keeps the newest open and closes the others as replaced by it, on record.
    @Test func migrationSixSettlesAWorkspaceWithTwoOpenNoticesOnAConcern() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let concern = try await fixture.add("报表太多")
        let other = try await fixture.add("夜班没有热饭")
        let older = try await fixture.store.issue(Self.draft(concern), actor: "pw")
        let newer = try await fixture.store.issue(Self.draft(other), actor: "pw")
        // Back to before v6: both notices on the one concern, open, and v6 not yet run.
        let queue = try DatabaseQueue(path: fixture.path)
        try await queue.write { db in
            try db.execute(sql: "DROP INDEX notice_one_open")
            try db.execute(sql: "UPDATE notice SET concern_id = (SELECT concern_id FROM notice WHERE id = ?) WHERE id = ?", arguments: [older.id, newer.id])
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v6-notice-replaced'")
        }
        try queue.close()
        let reopened = try SQLiteStore(path: fixture.path, clock: fixture.clock)
        let notices = try await reopened.notices()
        #expect(notices.first { $0.id == older.id }?.state == .replaced)
        #expect(notices.first { $0.id == older.id }?.replacedBy == newer.id)
        #expect(notices.first { $0.id == newer.id }?.isOpen == true)
        let log = try await reopened.auditLog(subject: older.id)
        #expect(log.last?.action == "notice-replace" && log.last?.actorID == "migration", "\(log.map(\.action))")
    }
}
