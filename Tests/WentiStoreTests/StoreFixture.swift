import Foundation
import WentiTestSupport
@testable import WentiCore
@testable import WentiStore

/// A real SQLite file in a fresh temporary folder, with a small organisation installed.
struct StoreFixture {
    let directory: URL
    let path: String
    let clock: ManualClock
    let store: SQLiteStore

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("w.sqlite").path
        clock = ManualClock(day: Day("2026-11-01")!)
        store = try SQLiteStore(path: path, clock: clock)
        try await store.install(Self.workspace)
        // Anonymous identities are sealed on the way in: to the recovery key and "pw"'s.
        for key in TestKeys.demoHolders(creator: "pw") { try await store.register(key, actor: try await store.person("pw")) }
    }

    static let workspace = Workspace(
        organisation: try! Organisation(
            units: [
                OrgUnit(id: "co", name: "公司", kind: .company, parentID: nil),
                OrgUnit(id: "d1", name: "运检部", kind: .department, parentID: "co"),
                OrgUnit(id: "d2", name: "营销部", kind: .department, parentID: "co"),
                OrgUnit(id: "t1", name: "变电运维班", kind: .team, parentID: "d1"),
                OrgUnit(id: "t3", name: "客服班", kind: .team, parentID: "d2"),
            ],
            people: [
                Person(id: "pw", name: "赵雅琴", role: .politicalWork, unitID: "d1"),
                Person(id: "ld", name: "周建国", role: .companyLeader, unitID: "co"),
                Person(id: "dh1", name: "郑伟", role: .departmentHead, unitID: "d1"),
                Person(id: "tl1", name: "李强", role: .teamLeader, unitID: "t1"),
                Person(id: "tl3", name: "黄晓梅", role: .teamLeader, unitID: "t3"),
            ]),
        categories: [Category(id: "team-burden", name: LocalizedText(zh: "班组负担", en: "workload")),
                     Category(id: "career", name: LocalizedText(zh: "职业前景", en: "career"))],
        policy: .standard)

    @discardableResult
    func add(_ title: String, unit: UnitID = "t1", description: String = "", reporter: Reporter = .named(name: "宋佳", personID: nil)) async throws -> Concern {
        try await store.open(NewConcern(title: title, description: description, categoryID: "team-burden", channel: .goDownVisit,
                                  finderID: "pw", reporter: reporter, unitID: unit), actor: "pw")
    }

    func codes(_ query: ConcernQuery, viewer: PersonID = "pw") async throws -> [String] {
        try await store.page(query, viewer: viewer, after: nil, limit: 1000).rows.map(\.code.description)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
