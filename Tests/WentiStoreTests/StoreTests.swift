import Foundation
import WentiTestSupport
import GRDB
import Testing
@testable import WentiCore
@testable import WentiStore

@Suite("SQLite store", .serialized)
struct StoreTests {
    @Test func migratesAnEmptyFileAndReopens() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let tables = try await DatabaseQueue(path: fixture.path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name")
        }
        for table in ["concern", "concern_fts", "audit_log", "escalation", "feedback", "meeting", "notice", "practice", "unit", "person"] {
            #expect(tables.contains(table), "table \(table)")
        }
        let mode = try await DatabaseQueue(path: fixture.path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let reopened = try SQLiteStore(path: fixture.path, create: false)
        var installed = StoreFixture.workspace
        installed.organisation = try installed.organisation.linking(login: "tester", to: "pw")
        await #expect(try reopened.workspace() == installed, "the organisation, with the creator's login, comes back as installed")
        #expect(throws: StoreError.notInitialised) {
            try SQLiteStore(path: fixture.directory.appendingPathComponent("none.sqlite").path, create: false)
        }
        await #expect(throws: StoreError.alreadyInitialised) { try await fixture.store.install(StoreFixture.workspace, installer: "pw") }
    }

    @Test func storesAndReadsBackAWholeConcern() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let opened = try await fixture.add("班组报表太多")
        #expect(opened.code.description == "Q-2026-0001")
        let solving = try await fixture.store.perform([
            .analyse(Analysis(rootCause: "口径不统一", difficulty: .medium, breadth: .team)), .grade(.major), .plan("合并报表"),
            .assign(firstResponsible: "dh1", department: "d1"), .define(meetingID: "HY-11"), .startSolving,
            .addTask(title: "清点报表", due: Day("2026-11-10")!), .progress("已清点17张"), .pledge(by: "dh1"),
            .setProcessing(.batch(group: "报表精简")),
        ], on: opened.code, expectedVersion: 1, actor: "pw")
        #expect(solving.version == 2)
        let read = try await fixture.store.concern(opened.code, viewer: "pw")
        #expect(read == solving)
        await #expect(try fixture.add("第二个").code.description == "Q-2026-0002")
    }

    @Test func searchFindsChineseSubstringsOfOneTwoAndThreeCharacters() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        try await fixture.add("夜间倒闸操作连续值班", description: "轮休安排不过来")
        try await fixture.add("班组报表太多", description: "新进大学生一周两天填表")
        try await fixture.add("Overtime at month end", description: "电费发行")
        func find(_ text: String) async throws -> [String] {
            var query = ConcernQuery()
            query.text = text
            return try await fixture.codes(query).sorted()
        }
        await #expect(try find("表") == ["Q-2026-0002"])             // 1 character: instr fallback
        await #expect(try find("轮休") == ["Q-2026-0001"])           // 2 characters: instr fallback
        await #expect(try find("大学生") == ["Q-2026-0002"])         // 3 characters: trigram index
        await #expect(try find("倒闸操作") == ["Q-2026-0001"])
        await #expect(try find("班") == ["Q-2026-0001", "Q-2026-0002"])
        await #expect(try find("overtime") == ["Q-2026-0003"])
        await #expect(try find("报表 大学生") == ["Q-2026-0002"])    // every word must match
        await #expect(try find("\"引号") == [])                       // a quote cannot break the MATCH syntax
        // The index follows edits.
        let analysed = try await fixture.store.perform(.analyse(Analysis(rootCause: "集控站抽调人员")), on: ConcernCode("Q-2026-0001")!, expectedVersion: nil, actor: "pw")
        #expect(analysed.stage == .analysing)
        await #expect(try find("集控站") == ["Q-2026-0001"])
    }

    @Test func keysetPagesCoverEveryRowOnceInEverySort() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        for i in 1...23 {
            let c = try await fixture.add("问题\(i)")
            if i % 3 == 0 {
                fixture.clock.set(day: Day("2026-11-01")!.adding(days: i))
                _ = try await fixture.store.perform([.analyse(Analysis(rootCause: "r")), .grade(i % 2 == 0 ? .urgent : .general)],
                                              on: c.code, expectedVersion: nil, actor: "pw")
            }
        }
        for sort in ConcernQuery.Sort.allCases {
            var query = ConcernQuery()
            query.sort = sort
            var seen: [String] = []
            var cursor: PageCursor?
            var pages = 0
            repeat {
                let page = try await fixture.store.page(query, viewer: "pw", after: cursor, limit: 5)
                #expect(page.rows.count <= 5)
                seen += page.rows.map(\.code.description)
                cursor = page.next
                pages += 1
            } while cursor != nil
            #expect(pages == 5, "\(sort)")
            #expect(seen.count == 23 && Set(seen).count == 23, "\(sort)")
            if sort == .dueSoonest {
                let dues = try await fixture.store.page(query, viewer: "pw", after: nil, limit: 100).rows.compactMap(\.due)
                #expect(dues == dues.sorted())
            }
        }
        // Upwards: the page above a cursor, in display order, for every sort.
        for sort in ConcernQuery.Sort.allCases {
            var query = ConcernQuery()
            query.sort = sort
            let all = try await fixture.store.page(query, viewer: "pw", after: nil, limit: 100).rows
            let last = try await fixture.store.page(query, viewer: "pw", before: nil, limit: 5)
            #expect(last.rows == Array(all.suffix(5)), "\(sort)")
            let above = try await fixture.store.page(query, viewer: "pw", before: last.next, limit: 5)
            #expect(above.rows == Array(all.dropLast(5).suffix(5)), "\(sort)")
        }
        await #expect(try fixture.store.count(ConcernQuery(), viewer: "pw", upTo: 10) == 10)
        await #expect(try fixture.store.count(ConcernQuery(), viewer: "pw", upTo: 100) == 23)
        var graded = ConcernQuery()
        graded.grades = [.urgent]
        await #expect(try fixture.store.count(graded, viewer: "pw") == 3)
        await #expect(try fixture.store.counts(ConcernQuery(), by: .grade, viewer: "pw") == ["": 16, "urgent": 3, "general": 4])
    }

    @Test func filtersByTierUnitStageAndOverdue() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let a = try await fixture.add("运维班的问题", unit: "t1")
        try await fixture.add("客服班的问题", unit: "t3")
        try await fixture.add("部门的问题", unit: "d1")
        _ = try await fixture.store.perform([.analyse(Analysis(rootCause: "r")), .grade(.urgent), .plan("p"),
                                       .assign(firstResponsible: "tl1", department: "t1"), .define(meetingID: nil), .startSolving],
                                      on: a.code, expectedVersion: nil, actor: "pw")
        var query = ConcernQuery()
        query.unitIDs = StoreFixture.workspace.organisation.subtree(of: "d1")
        await #expect(try fixture.codes(query).sorted() == ["Q-2026-0001", "Q-2026-0003"])
        query = ConcernQuery()
        query.tiers = [.l2]
        await #expect(try fixture.codes(query) == ["Q-2026-0003"])
        query = ConcernQuery()
        query.overdueOnly = true
        await #expect(try fixture.codes(query).isEmpty)
        fixture.clock.set(day: Day("2026-11-10")!)   // due on the 8th
        await #expect(try fixture.codes(query) == ["Q-2026-0001"])
        await #expect(try fixture.store.page(query, viewer: "pw", after: nil, limit: 5).rows.first?.daysOverdue == 2)
        query = ConcernQuery()
        query.firstResponsibleID = "tl1"
        query.stages = [.solving]
        await #expect(try fixture.codes(query) == ["Q-2026-0001"])
        // The tree's counts agree with the filters they summarise.
        let counts = try await fixture.store.libraryCounts(viewer: "pw")
        #expect(counts["t1"] == LibraryCounts(open: 1, overdue: 1, awaitingFeedback: 0))
        #expect(counts["d1"] == LibraryCounts(open: 1, overdue: 0, awaitingFeedback: 0))
    }

    @Test func rolesSeeTheirPartAndTheSealedReporterStaysSealed() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let sealed = try await fixture.add("匿名反映", unit: "t1", reporter: .anonymous(sealedIdentity: .toSeal("运维班宋某")))
        try await fixture.add("客服班的问题", unit: "t3")
        _ = try await fixture.store.perform(.escalate(reason: "班组解决不了"), on: sealed.code, expectedVersion: nil, actor: "tl1")
        await #expect(try fixture.codes(ConcernQuery(), viewer: "tl1") == ["Q-2026-0001"], "a team sees what it submitted up")
        await #expect(try fixture.codes(ConcernQuery(), viewer: "tl3") == ["Q-2026-0002"])
        await #expect(try fixture.codes(ConcernQuery(), viewer: "ld").count == 2)
        await #expect(throws: StoreError.concernNotFound(sealed.code)) { try await fixture.store.concern(sealed.code, viewer: "tl3") }
        await #expect(try fixture.store.concern(sealed.code, viewer: "pw").reporter == .anonymous(sealedIdentity: .sealed), "that there is one, not what")
        await #expect(try fixture.store.concern(sealed.code, viewer: "dh1").reporter == .anonymous(sealedIdentity: nil))
        await #expect(try fixture.store.concern(sealed.code, viewer: "ld").reporter == .anonymous(sealedIdentity: nil))
        await #expect(try fixture.store.page(ConcernQuery(), viewer: "pw", after: nil, limit: 5).rows.first { $0.code == sealed.code }?.anonymous == true)
    }

    @Test func aStaleWriteIsRefusedWithWhoChangedIt() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let c = try await fixture.add("冲突测试")
        _ = try await fixture.store.perform(.progress("郑伟补充"), on: c.code, expectedVersion: 1, actor: "dh1")
        do {
            _ = try await fixture.store.perform(.grade(.urgent), on: c.code, expectedVersion: 1, actor: "pw")
            Issue.record("the stale write was accepted")
        } catch {
            guard case .conflict(let code, let expected, let current, let name, _)? = error as? StoreError else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(code == c.code && expected == 1 && current == 2 && name == "郑伟")
            #expect((error as? StoreError)?.label.zh.contains("郑伟") == true)
            #expect((error as? StoreError)?.label.zh.contains("dh1") == false, "people are named by name, never by id")
        }
        await #expect(try fixture.store.concern(c.code, viewer: "pw").grade == nil, "nothing of the refused write was stored")
    }

    @Test func theAuditLogOnlyGrows() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let c = try await fixture.add("审计测试")
        _ = try await fixture.store.perform([.analyse(Analysis(rootCause: "根源")), .grade(.general)], on: c.code, expectedVersion: nil, actor: "dh1")
        let log = try await fixture.store.auditLog(subject: c.code.description)
        #expect(log.map(\.action) == ["open", "analyse", "grade"])
        #expect(log[2].actorID == "dh1")
        #expect(log[2].changes.contains(FieldChange(field: "grade", old: "", new: "general")))
        #expect(log[1].changes.contains(FieldChange(field: "stage", old: "found", new: "analysing")))
        await #expect(throws: StoreError.auditIsAppendOnly) { try await fixture.store.executeRaw("UPDATE audit_log SET actor_id = 'x'") }
        await #expect(throws: StoreError.auditIsAppendOnly) { try await fixture.store.executeRaw("DELETE FROM audit_log") }
        await #expect(try fixture.store.auditLog(subject: c.code.description).count == 3)
    }

    @Test func aRefusedRuleWritesNothing() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let c = try await fixture.add("规则测试")
        await #expect(throws: StoreError.rule(.missingForSolving([.grade]))) {
            try await fixture.store.perform([.analyse(Analysis(rootCause: "r")), .define(meetingID: nil)], on: c.code, expectedVersion: nil, actor: "pw")
        }
        let after = try await fixture.store.concern(c.code, viewer: "pw")
        #expect(after.stage == .found && after.version == 1 && after.analysis.rootCause.isEmpty)
        await #expect(try fixture.store.auditLog(subject: c.code.description).count == 1)
    }

    @Test func theSchemaRefusesImpossibleRows() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let c = try await fixture.add("约束测试")
        await #expect(throws: StoreError.self) { try await fixture.store.executeRaw("UPDATE concern SET stage = 'closed' WHERE id = 1") }
        await #expect(throws: StoreError.self) { try await fixture.store.executeRaw("UPDATE concern SET stage = 'solving' WHERE id = 1") }
        await #expect(throws: StoreError.self) { try await fixture.store.executeRaw("UPDATE concern SET grade = 'huge' WHERE id = 1") }
        await #expect(throws: StoreError.self) { try await fixture.store.executeRaw("UPDATE concern SET unit_id = 'nowhere' WHERE id = 1") }
        await #expect(try fixture.store.concern(c.code, viewer: "pw").stage == .found)
    }

    @Test func bulkLoadIndexesEveryRowAndRestoresTheIndexes() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        try await fixture.add("单个登记的问题")
        func concern(_ i: Int) -> Concern {
            Concern(code: ConcernCode(year: 2025, sequence: 0), title: "批量问题\(i)号", description: i % 2 == 0 ? "夜班太多" : "报表重复",
                    categoryID: "career", channel: .hotline, finderID: "pw", reporter: .named(name: "", personID: nil),
                    reportedOn: Day("2025-03-01")!, unitID: i % 3 == 0 ? "t3" : "t1", tier: .l1,
                    createdAt: Date(timeIntervalSince1970: 1_740_000_000), createdByID: "pw")
        }
        let batches = [(0..<40).map(concern), (40..<100).map(concern)]
        await #expect(try fixture.store.bulkLoad(batches, actor: try fixture.store.person("pw"), action: "generate") == 100)
        var query = ConcernQuery()
        query.text = "夜班太"
        await #expect(try fixture.store.count(query, viewer: "pw") == 50)     // trigram index covers the batch
        query.text = "报表"
        await #expect(try fixture.store.count(query, viewer: "pw") == 50)
        await #expect(try fixture.store.concern(ConcernCode("Q-2025-0100")!, viewer: "pw").title == "批量问题99号")
        await #expect(try fixture.store.auditLog(subject: "Q-2025-0001").map(\.action) == ["generate"])
        let indexes = try await DatabaseQueue(path: fixture.path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'concern' AND name LIKE 'concern_%'")
        }
        #expect(Set(indexes) == Set(Schema.bulkLoadIndexes.map(\.name)))
        let check = try DatabaseQueue(path: fixture.path).read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }
        #expect(check.isEmpty)
    }

    @Test func aLockedDatabaseIsReportedAsBusy() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let c = try await fixture.add("锁测试")
        // Another connection holds the write lock while this one tries to write.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true   // the lock is held across the store's await
        let other = try DatabaseQueue(path: fixture.path, configuration: configuration)
        try other.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
        await #expect(throws: StoreError.busy) {
            try await fixture.store.perform(.progress("被锁住"), on: c.code, expectedVersion: nil, actor: "pw")
        }
        try other.inDatabase { try $0.execute(sql: "ROLLBACK") }
        await #expect(try fixture.store.perform(.progress("解锁后"), on: c.code, expectedVersion: nil, actor: "pw").notes.count == 1)
    }
}
