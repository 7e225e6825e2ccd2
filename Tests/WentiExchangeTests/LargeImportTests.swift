import Foundation
import Testing
import WentiTestSupport
@testable import WentiCore
@testable import WentiExchange
import WentiSession
@testable import WentiStore

/// A large import is still all or nothing: the refusal found at the end of the file, and
/// the foreign keys an import checks once at its end instead of row by row.
@Suite("Large imports, all or nothing", .serialized)
struct LargeImportTests {
    /// `rows` good records, then `last` as the final record.
    private func file(rows: Int, header: String = "title,category,channel,unit", good: (Int) -> String, last: String) -> Data {
        var text = header + "\n"
        for i in 0..<rows { text += good(i) + "\n" }
        return Data((text + last + "\n").utf8)
    }

    private func nothingWritten(_ store: SQLiteStore, concerns: Int, audit: ChangeToken) async throws {
        #expect(try await store.count(ConcernQuery(), viewer: nil) == concerns, "no concern written")
        #expect(try await store.changeToken() == audit, "no audit entry written")
    }

    @Test func aBadCellInTheLastRowOfALargeFileIsNamedAndNothingIsWritten() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let before = try await demo.store.count(ConcernQuery(), viewer: nil)
        let audit = try await demo.store.changeToken()
        let data = file(rows: 5_000, good: { "食堂第\($0)号窗口排队太久,收入福利,hotline,t-hk" }, last: "最后一行,收入福利,hotline,nowhere")
        do {
            try await ConcernImport(session: try demo.store.session(as: "zg-zhao")).run(data: data, file: "big.csv")
            Issue.record("a file with a bad last row was accepted")
        } catch let error as ImportError {
            #expect(error.line == 5_002 && error.column == "unit" && error.problem.en == "no unit nowhere", "\(error.label.en)")
        }
        try await nothingWritten(demo.store, concerns: before, audit: audit)
    }

    /// With several bad rows, early or late, close together or far apart, the row named is
    /// the first bad one in the file.
    @Test func theFirstOfSeveralBadRowsIsTheOneNamed() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let importer = ConcernImport(session: try await demo.store.session(as: "zg-zhao"))
        for bad in [[2_100, 3_900], [500, 2_100], [3_999, 4_000]] {
            var text = "title,category,channel,unit\n"
            for i in 0..<5_000 { text += "第\(i)行,收入福利,hotline,\(bad.contains(i) ? "nowhere" : "t-hk")\n" }
            do {
                try await importer.run(data: Data(text.utf8), file: "big.csv")
                Issue.record("accepted with bad rows \(bad)")
            } catch let error as ImportError {
                #expect(error.line == bad[0] + 2 && error.column == "unit", "\(bad): \(error.label.en)")
            }
        }
    }

    @Test func anIdAlreadyInTheWorkspaceAtTheEndOfALargeFileIsNamedAndNothingIsWritten() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let before = try await demo.store.count(ConcernQuery(), viewer: nil)
        let audit = try await demo.store.changeToken()
        let taken = try #require(try await demo.store.concerns(ConcernQuery(), scope: .all, after: nil, limit: 1).concerns.first?.code)
        let data = file(rows: 5_000, header: "code,title,category,channel,unit",
                        good: { "Q-2030-\(String(format: "%04d", $0 + 1)),食堂窗口排队,收入福利,hotline,t-hk" },
                        last: "\(taken),已有编号,收入福利,hotline,t-hk")
        do {
            try await ConcernImport(session: try demo.store.session(as: "zg-zhao")).run(data: data, file: "big.csv")
            Issue.record("an id already in the workspace was accepted")
        } catch let error as SessionError {
            #expect(error == .codeTaken(taken), "\(error.label.en)")
        }
        try await nothingWritten(demo.store, concerns: before, audit: audit)
    }

    @Test func theCodesOfALargeFileAreLookedUpTogether() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let stored = try await demo.store.concerns(ConcernQuery(), scope: .all, after: nil, limit: 1_000).concerns.map(\.code)
        let free = (1...1_200).map { ConcernCode(year: 2031, sequence: $0) }
        // More than one chunk of the query, the taken ones among the free.
        let asked = Array((free + stored).shuffled())
        #expect(try await demo.store.takenCodes(among: asked) == Set(stored))
        #expect(try await demo.store.takenCodes(among: []) == [])
    }

    @Test func aBrokenKeyInABulkInsertRollsItAllBackAndKeysAreCheckedAgainAfter() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let before = try await demo.store.count(ConcernQuery(), viewer: nil)
        let audit = try await demo.store.changeToken()
        let actor = try #require(try await demo.store.workspace().organisation.person("zg-zhao"))
        let model = try #require(try await demo.store.concerns(ConcernQuery(), scope: .all, after: nil, limit: 200).concerns
            .first { !$0.feedback.isEmpty && !$0.reporter.isAnonymous })
        func copy(_ change: (inout Concern) -> Void) -> Concern {
            var concern = model
            concern.code = ConcernCode(year: 2031, sequence: 0)
            change(&concern)
            return concern
        }
        let good = (0..<50).map { _ in copy { _ in } }
        // A broken key on the concern row itself, and one on a child row (its feedback's author).
        for bad in [copy { $0.firstResponsibleID = PersonID("nobody") },
                    copy { $0.feedback[0].byID = PersonID("nobody") }] {
            await #expect(throws: StoreError.constraint) {
                try await demo.store.insert(good + [bad], actor: actor, action: "import")
            }
            try await nothingWritten(demo.store, concerns: before, audit: audit)
        }
        // The same connection checks keys row by row again for ordinary writes.
        await #expect(throws: StoreError.constraint) {
            try await demo.store.executeRaw("INSERT INTO concern_task VALUES (987654321, 0, 'x', 0, 'open')")
        }
        #expect(try await demo.store.insert(good, actor: actor, action: "import").count == 50)
        #expect(try await demo.store.count(ConcernQuery(), viewer: nil) == before + 50)
    }

    @Test func anInsertLargeEnoughToRebuildTheIndexesRollsThemBackWithTheRows() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let empty = try await demo.emptyWorkspace("empty.sqlite")
        let actor = try #require(try await demo.store.workspace().organisation.person("zg-zhao"))
        var model = try #require(try await demo.store.concerns(ConcernQuery(), scope: .all, after: nil, limit: 200).concerns
            .first { !$0.reporter.isAnonymous })
        model.code = ConcernCode(year: 2031, sequence: 0)
        let rows = Array(repeating: model, count: SQLiteStore.rebuildThreshold)
        var broken = model
        broken.finderID = PersonID("nobody")
        await #expect(throws: StoreError.constraint) {
            try await empty.insert(rows.dropLast() + [broken], actor: actor, action: "import")
        }
        #expect(try await empty.count(ConcernQuery(), viewer: nil) == 0)
        // The dropped index is back: creating it again is refused.
        await #expect(throws: StoreError.self) { try await empty.executeRaw("CREATE INDEX concern_unit ON concern(unit_id)") }
        #expect(try await empty.insert(rows, actor: actor, action: "import").count == rows.count)
        await #expect(throws: StoreError.self) { try await empty.executeRaw("CREATE INDEX concern_unit ON concern(unit_id)") }
        #expect(try await empty.counts(ConcernQuery(), by: .unit, viewer: nil) == [model.unitID.rawValue: rows.count])
    }
}

/// The second reading writes what the first one checked, or nothing.
@Suite("Import: the second reading")
struct SecondReadingTests {
    @Test func aFileThatChangedBetweenTheReadingsIsRefused() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let session = try await demo.store.session(as: "zg-zhao")
        let builder = ImportedConcern(workspace: session.workspace, actor: session.principal, file: "f.csv", today: session.today(), now: session.now())
        let csv = Data("title,category,channel,unit\n一,收入福利,hotline,t-hk\n二,收入福利,hotline,t-hk\n".utf8)
        let reading = TextDecoding.Reading(encoding: .utf8, skipsByteOrderMark: false)
        func second(expected: Int, unchanged: Bool) throws -> SecondReading {
            try SecondReading(ImportRows(.data(csv), reading, file: "f.csv", forced: nil, builder: builder), expected: expected, unchanged: { unchanged })
        }
        let same = try second(expected: 2, unchanged: true)
        #expect(try same.nextBatch()?.map(\.title) == ["一", "二"])
        #expect(try same.nextBatch() == nil)
        for changed in [try second(expected: 2, unchanged: false), try second(expected: 3, unchanged: true)] {
            #expect(try changed.nextBatch()?.count == 2)
            #expect(throws: ImportError.self) { try changed.nextBatch() }
            #expect((changed.failure as? ImportError)?.problem.en.contains("the file changed during the import") == true)
        }
        let shorter = try second(expected: 1, unchanged: true)
        #expect(throws: ImportError.self) { try shorter.nextBatch() }
    }

    /// A file that gives codes on some rows and none on others: the rows without one get
    /// codes after the largest the file gives, also when that row comes later.
    @Test func rowsWithoutACodeComeAfterTheLargestTheFileGives() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let csv = """
            code,title,category,channel,unit,reported_on
            ,没有编号一,收入福利,hotline,t-hk,2031-03-01
            Q-2031-0003,给了编号,收入福利,hotline,t-hk,2031-03-01
            ,没有编号二,收入福利,hotline,t-hk,2031-03-02
            Q-2031-0007,后面给了编号,收入福利,hotline,t-hk,2031-03-02

            """
        let outcome = try await ConcernImport(session: try demo.store.session(as: "zg-zhao")).run(data: Data(csv.utf8), file: "mixed.csv")
        #expect(outcome.codes.map(\.description) == ["Q-2031-0008", "Q-2031-0003", "Q-2031-0009", "Q-2031-0007"])
    }

    @Test func aRewrittenFileHasAnotherStamp() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stamp-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("title\n一\n".utf8).write(to: URL(fileURLWithPath: path))
        let first = try #require(ImportSource.file(path: path).stamp())
        #expect(ImportSource.file(path: path).stamp() == first)
        try Data("title\n一\n二\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(ImportSource.file(path: path).stamp() != first)
        #expect(ImportSource.data(Data()).stamp() == nil)
    }
}
