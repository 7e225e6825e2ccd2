import Foundation
import WentiTestSupport
import Testing
@testable import WentiCore
@testable import WentiExchange
@testable import WentiStore
import WentiSeal

/// The demo seeds loaded into a real SQLite file.
struct DemoFixture {
    let directory: URL
    let store: SQLiteStore

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-exchange-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clock = ManualClock(day: Day("2026-09-01")!)
        store = try SQLiteStore(path: directory.appendingPathComponent("demo.sqlite").path, clock: clock)
        try await SeedReplayer.load(SeedLoader(directory: SeedLocator.builtIn), into: store, clock: clock, creatorLogin: "tester",
                                    keyHolders: TestKeys.demoHolders())
    }

    func emptyWorkspace(_ name: String) async throws -> SQLiteStore {
        let other = try SQLiteStore(path: directory.appendingPathComponent(name).path)
        try await other.install(try store.workspace())
        return other
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

@Suite("Seeds, import and export", .serialized)
struct ExchangeTests {
    @Test func theDemoCoversEveryTierGradeStageAndChannel() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let all = ConcernQuery()
        let total = try await demo.store.count(all, viewer: nil)
        #expect((60...120).contains(total))
        await #expect(Set(try demo.store.counts(all, by: .tier, viewer: nil).keys) == ["L1", "L2", "L3"])
        await #expect(Set(try demo.store.counts(all, by: .grade, viewer: nil).keys).isSuperset(of: Grade.allCases.map(\.rawValue)))
        await #expect(Set(try demo.store.counts(all, by: .stage, viewer: nil).keys) == Set(Stage.allCases.map(\.rawValue)))
        await #expect(Set(try demo.store.counts(all, by: .channel, viewer: nil).keys) == Set(Channel.allCases.map(\.rawValue)))
        await #expect(try demo.store.meetings().count == 4)
        await #expect(try demo.store.notices().count == 5)
        await #expect(try demo.store.practices().map(\.library) == [.caseAnalysis, .typicalExperience, .knowledgeAid])
        // The reopened seed went through feedback, reopen and back to solving.
        let reopened = try await demo.store.concern(ConcernCode("Q-2026-0043")!, viewer: nil)
        #expect(reopened.stage == .solving && reopened.feedback.first?.satisfaction == .dissatisfied)
        await #expect(try demo.store.auditLog(subject: "Q-2026-0043").map(\.action).contains("reopen"))
    }

    @Test func csvExportImportRoundTripsIntoAnotherWorkspace() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let exported = try await ConcernExport(session: try demo.store.session(as: "zg-zhao")).data(ConcernQuery(), format: .csv)
        #expect(exported.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM for Excel")
        let other = try await demo.emptyWorkspace("other.sqlite")
        let imported = try await ConcernImport(session: try other.session(as: "zg-zhao")).run(data: exported, file: "demo.csv")
        #expect(imported.encoding == .utf8)
        #expect(imported.codes.count == 69)
        let again = try await ConcernExport(session: try other.session(as: "zg-zhao")).data(ConcernQuery(), format: .csv)
        #expect(String(decoding: again, as: UTF8.self) == String(decoding: exported, as: UTF8.self))
        // No export holds a sealed identity, not even political-work staff's: it is opened one
        // at a time, with a reason. The reports stay anonymous.
        #expect(!String(decoding: exported, as: UTF8.self).contains("检修班派遣工，姓唐"))
        func anonymous(_ store: SQLiteStore) async throws -> [ConcernCode] {
            try await store.concerns(ConcernQuery(), scope: .all, after: nil, limit: 100).concerns.filter(\.reporter.isAnonymous).map(\.code)
        }
        let anonymousThere = try await anonymous(other)
        #expect(try await anonymousThere == anonymous(demo.store) && !anonymousThere.isEmpty)
    }

    @Test func anImportedIdentityGoesInSealed() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let csv = "title,category,channel,unit,anonymous,sealed_identity\n宿舍热水不够,收入福利,hotline,河口供电所,yes,河口所青年员工小彭\n"
        let imported = try await ConcernImport(session: try demo.store.session(as: "zg-zhao")).run(data: Data(csv.utf8), file: "a.csv")
        let code = try #require(imported.codes.first)
        #expect(try await demo.store.concern(code, scope: .all).reporter == .anonymous(sealedIdentity: .sealed))
        let envelope = try #require(try await demo.store.envelope(code))
        #expect(try IdentitySeal.open(envelope, of: code, as: .recovery, with: TestKeys.recovery) == "河口所青年员工小彭")
        let file = try Data(contentsOf: URL(fileURLWithPath: demo.store.path)) + (FileManager.default.contents(atPath: demo.store.path + "-wal") ?? Data())
        #expect(file.range(of: Data("河口所青年员工小彭".utf8)) == nil)
    }

    @Test func gb18030AndBOMFilesImport() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let csv = "title,category,channel,unit,reporter\n食堂晚上不开,收入福利,go-down-visit,河口供电所,彭小兵\n"
        let gbk = try #require(TextDecoding.encodeGB18030(csv))
        #expect(String(validating: [UInt8](gbk), as: UTF8.self) == nil, "really not UTF-8")
        let imported = try await ConcernImport(session: try demo.store.session(as: "zg-zhao")).run(data: gbk, file: "gbk.csv")
        #expect(imported.encoding == .gb18030)
        let concern = try await demo.store.concern(try #require(imported.codes.first), scope: .all)
        #expect(concern.title == "食堂晚上不开" && concern.unitID == "t-hk")
        let withBOM = Data([0xEF, 0xBB, 0xBF]) + Data(csv.replacingOccurrences(of: "食堂", with: "宿舍").utf8)
        let fromBOM = try await ConcernImport(session: try demo.store.session(as: "zg-zhao")).run(data: withBOM, file: "bom.csv")
        #expect(try await demo.store.concern(try #require(fromBOM.codes.first), scope: .all).title == "宿舍晚上不开")
    }

    @Test func aBadFileNamesLineAndColumnAndWritesNothing() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let before = try await demo.store.count(ConcernQuery(), viewer: nil)
        let importer = await ConcernImport(session: try demo.store.session(as: "zg-zhao"))
        let cases: [(String, ImportError)] = [
            ("title,category,channel,unit\n好的一行,收入福利,hotline,t-hk\n坏的一行,不存在的类别,hotline,t-hk\n",
             ImportError(file: "f.csv", line: 3, column: "category", problem: LocalizedText(zh: "没有类别“不存在的类别”", en: "no category \"不存在的类别\""))),
            ("title,category,channel,unit\n\"多行\n描述\",收入福利,hotline,t-hk\n第二行,收入福利,hotline,nowhere\n",
             ImportError(file: "f.csv", line: 4, column: "unit", problem: LocalizedText(zh: "没有单位 nowhere", en: "no unit nowhere"))),
            ("title,category,channel,unit,colour\nx,收入福利,hotline,t-hk,red\n",
             ImportError(file: "f.csv", line: 1, column: "colour", problem: LocalizedText(zh: "", en: ""))),
            ("title,category,channel\nx,收入福利,hotline\n",
             ImportError(file: "f.csv", line: 1, column: "unit", problem: LocalizedText(zh: "缺少必需的列", en: "required column is missing"))),
            ("title,category,channel,unit,source\nx,收入福利,rewarded-campaign,t-hk,zj-1999\n",
             ImportError(file: "f.csv", line: 2, column: "source", problem: LocalizedText(zh: "没有编号为 zj-1999 的征集活动或领导走访", en: "no campaign or leader's visit with id zj-1999"))),
            ("title,category,channel,unit,stage\nx,收入福利,hotline,t-hk,solving\n",
             ImportError(file: "f.csv", line: 2, column: "root_cause", problem: LocalizedText(zh: "", en: ""))),
        ]
        for (text, expected) in cases {
            do {
                try await importer.run(data: Data(text.utf8), file: "f.csv")
                Issue.record("accepted: \(text)")
            } catch let error as ImportError {
                #expect(error.line == expected.line && error.column == expected.column, "\(error.label.en)")
                if !expected.problem.en.isEmpty { #expect(error.problem == expected.problem) }
            }
        }
        let notText = Data([0x80, 0x80, 0xFF, 0xFF, 0x00])
        await #expect(throws: ImportError.self) { try await importer.run(data: notText, file: "f.csv") }
        await #expect(try demo.store.count(ConcernQuery(), viewer: nil) == before, "nothing was written")
    }

    @Test func syntheticConcernsAreDeterministicAndLegal() async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let workspace = try await demo.store.workspace()
        var first = SyntheticConcerns(workspace: workspace, seed: 7)
        var second = SyntheticConcerns(workspace: workspace, seed: 7)
        let a = (0..<500).map { _ in first.next() }
        let b = (0..<500).map { _ in second.next() }
        #expect(a == b)
        // The schema's constraints accept every one of them.
        _ = try await demo.store.insert(a, actor: nil, action: "generate")
        let counts = try await demo.store.counts(ConcernQuery(), by: .stage, viewer: nil)
        #expect(Set(counts.keys) == Set(Stage.allCases.map(\.rawValue)))
    }
}
