import Foundation
import Synchronization
import Testing
import WentiTestSupport
@testable import WentiCore
@testable import WentiExchange
@testable import WentiStore
import WentiSeal

/// What every backend of `WorkspaceStore` must do, the same way. Each test takes the backend
/// as an argument: an SQLite file, and a database on the private PostgreSQL cluster of the
/// test process (`TestServer`), used here through its administrator, who writes as any
/// person as seed replays do. What the server refuses each person is `ServerSecurityTests`.
@Suite("Store conformance", .serialized)
struct StoreConformanceTests {
    enum Backend: String, CaseIterable, Sendable {
        case sqlite
        case postgres

        /// The demo on a fixed day in a fresh store of this kind.
        func demo() async throws -> (store: any WorkspaceStore, clock: ManualClock, cleanup: () -> Void) {
            switch self {
            case .postgres:
                let (_, store, clock) = try await TestServer.demo()
                return (store, clock, {})
            case .sqlite:
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-conformance-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let clock = ManualClock(day: Day("2026-09-01")!)
                let store = try SQLiteStore(path: directory.appendingPathComponent("c.sqlite").path, clock: clock)
                try await SeedReplayer.load(SeedLoader(directory: SeedLocator.builtIn), into: store, clock: clock, creatorLogin: "tester",
                                    keyHolders: TestKeys.demoHolders())
                clock.set(day: Day("2026-11-25")!)
                return (store, clock, { try? FileManager.default.removeItem(at: directory) })
            }
        }
    }

    static func all(_ store: any WorkspaceStore) async throws -> [Concern] {
        var all: [Concern] = []
        try await store.eachConcern(ConcernQuery(), scope: .all, batch: 7) { all += $0 }
        return all
    }

    /// The backend's translation of a scope lists exactly what `ConcernScope.contains` says,
    /// for every person of the demo.
    @Test(arguments: Backend.allCases)
    func scopingAgreesWithTheOneDefinition(_ backend: Backend) async throws {
        let (store, _, cleanup) = try await backend.demo()
        defer { cleanup() }
        let all = try await Self.all(store)
        let organisation = try await store.workspace().organisation
        for person in organisation.people.values {
            let scope = AccessPolicy.scope(of: person, in: organisation)
            let listed = try await store.page(ConcernQuery(), scope: scope, after: nil, limit: 1000).rows.map(\.code)
            #expect(Set(listed) == Set(all.filter(scope.contains).map(\.code)), "\(person.name)")
            await #expect(try store.count(ConcernQuery(), scope: scope, upTo: nil) == listed.count, "\(person.name)")
        }
    }

    /// Naming concerns by their codes reads exactly those (one, several, some unknown), within
    /// the scope and the other conditions, whole and as list rows.
    @Test(arguments: Backend.allCases)
    func concernsNamedByCodeAreReadTogether(_ backend: Backend) async throws {
        let (store, _, cleanup) = try await backend.demo()
        defer { cleanup() }
        let all = try await Self.all(store)
        let organisation = try await store.workspace().organisation
        let li = try #require(organisation.people[PersonID("bzz-li")])
        let scope = AccessPolicy.scope(of: li, in: organisation)
        let named = Set(all.filter { $0.code.sequence % 5 == 1 }.map(\.code)).union([ConcernCode(year: 2019, sequence: 7)])
        for (query, expected) in [(ConcernQuery(), all), ({ var q = ConcernQuery(); q.stages = [.closed]; return q }(), all.filter { $0.stage == .closed })] {
            var byCode = query
            byCode.codes = named
            let wanted = Set(expected.map(\.code)).intersection(named)
            #expect(wanted.count > 1 && wanted.count < expected.count, "the codes pick some, not all")
            #expect(Set(try await store.concerns(byCode, scope: .all, after: nil, limit: 100).concerns.map(\.code)) == wanted)
            #expect(Set(try await store.page(byCode, scope: .all, after: nil, limit: 100).rows.map(\.code)) == wanted)
            await #expect(try store.count(byCode, scope: .all, upTo: nil) == wanted.count)
            let hisToo = wanted.intersection(all.filter(scope.contains).map(\.code))
            #expect(Set(try await store.page(byCode, scope: scope, after: nil, limit: 100).rows.map(\.code)) == hisToo, "within a scope")
            // The compared texts (similar cases): the same concerns, their titles, root causes and versions.
            let texts = try await store.comparedTexts(byCode, scope: .all, limit: 100)
            let whole = Dictionary(uniqueKeysWithValues: expected.map { ($0.code, $0) })
            #expect(Set(texts.map(\.code)) == wanted && texts.count == wanted.count)
            #expect(texts.allSatisfy { text in whole[text.code].map { $0.title == text.title && $0.analysis.rootCause == text.rootCause && $0.version == text.version } == true })
            #expect(texts.contains { !$0.rootCause.isEmpty }, "some candidate has a root cause to compare")
            #expect(Set(try await store.comparedTexts(byCode, scope: scope, limit: 100).map(\.code)) == hisToo, "compared texts within a scope")
            #expect(try await store.comparedTexts(byCode, scope: .all, limit: 2).count == 2, "at most the limit")
        }
        // More codes than one SQLite statement takes values (32,766): still the same concerns.
        var many = ConcernQuery()
        many.codes = named.union((1...20_000).map { ConcernCode(year: 2018, sequence: $0) })
        #expect(Set(try await store.page(many, scope: .all, after: nil, limit: 100).rows.map(\.code)) == Set(all.map(\.code)).intersection(named))
        var one = ConcernQuery()
        one.codes = [all[3].code]
        #expect(try await store.concerns(one, scope: .all, after: nil, limit: 10).concerns.map(\.code) == [all[3].code])
    }

    /// Overdue in the backend is `DeadlineClock`'s overdue, on every day of two months.
    @Test(arguments: Backend.allCases)
    func overdueAgreesWithTheDeadlineClock(_ backend: Backend) async throws {
        let (store, clock, cleanup) = try await backend.demo()
        defer { cleanup() }
        let all = try await Self.all(store)
        var overdueSeen = 0
        for offset in stride(from: 0, through: 60, by: 5) {
            let day = Day("2026-11-01")!.adding(days: offset)
            clock.set(day: day)
            var query = ConcernQuery()
            query.overdueOnly = true
            let listed = try await store.page(query, scope: .all, after: nil, limit: 1000).rows
            #expect(Set(listed.map(\.code)) == Set(all.filter { DeadlineClock.isOverdue($0, today: day) }.map(\.code)), "\(day)")
            for row in listed {
                let concern = try #require(all.first { $0.code == row.code })
                #expect(row.daysOverdue == DeadlineClock.daysOverdue(concern, today: day), "\(row.code) on \(day)")
            }
            let counted = try await store.libraryCounts(scope: .all).values.reduce(0) { $0 + $1.overdue }
            #expect(counted == listed.count, "the tree's overdue counts on \(day)")
            overdueSeen += listed.count
        }
        #expect(overdueSeen > 0, "the demo has late concerns to compare")
    }

    /// Keyset pages in every sort, down and up, visit every concern once in one order.
    @Test(arguments: Backend.allCases)
    func pagesBothWaysListEveryConcernOnceInOneOrder(_ backend: Backend) async throws {
        let (store, _, cleanup) = try await backend.demo()
        defer { cleanup() }
        for sort in ConcernQuery.Sort.allCases {
            var query = ConcernQuery()
            query.sort = sort
            let whole = try await store.page(query, scope: .all, after: nil, limit: 1000).rows.map(\.code)
            var down: [ConcernCode] = []
            var cursor: PageCursor?
            repeat {
                let page = try await store.page(query, scope: .all, after: cursor, limit: 8)
                down += page.rows.map(\.code)
                cursor = page.next
            } while cursor != nil
            #expect(down == whole, "\(sort) downwards")
            var up: [ConcernCode] = []
            var above: PageCursor?
            var first = true
            while first || above != nil {
                let page = try await store.page(query, scope: .all, before: above, limit: 8)
                up = page.rows.map(\.code) + up
                above = page.next
                first = false
            }
            #expect(up == whole, "\(sort) upwards")
            let afterTen = try await store.page(query, scope: .all, after: try store.cursor(of: whole[9], sort: sort, scope: .all), limit: 5)
            #expect(afterTen.rows.map(\.code) == Array(whole[10..<15]), "\(sort) from a concern's cursor")
        }
    }

    /// Batches of full concerns and of facts cover every concern exactly once.
    @Test(arguments: Backend.allCases)
    func batchesCoverEverythingOnce(_ backend: Backend) async throws {
        let (store, _, cleanup) = try await backend.demo()
        defer { cleanup() }
        let all = try await Self.all(store).map(\.code)
        #expect(Set(all).count == all.count && all.count == 69)
        var facts: [ConcernCode] = []
        try await store.eachFact(ConcernQuery(), scope: .all, titles: false, batch: 10) { facts.append($0.code) }
        #expect(facts == all)
    }

    /// Ids are the store's: concern codes, notice and practice numbers allocated inside the insert.
    @Test(arguments: Backend.allCases)
    func idsAreAllocatedInsideTheInsert(_ backend: Backend) async throws {
        let (store, _, cleanup) = try await backend.demo()
        defer { cleanup() }
        let zhao = try await store.person("zg-zhao")
        let next = try await store.open(NewConcern(title: "宿舍热水不稳", categoryID: "team-burden", channel: .hotline, finderID: "zg-zhao",
                                             reporter: .named(name: "", personID: nil), unitID: "t-kf"), actor: zhao)
        #expect(next.code == ConcernCode("Q-2026-0070")!)
        let open = Set(try await store.notices().filter(\.isOpen).map(\.concern))
        let solving = try await #require(try Self.all(store).first { $0.stage == .solving && $0.firstResponsibleID != nil && !open.contains($0.code) })
        let draft = try SupervisionNotice(id: "ignored", concern: solving.code, issuedOn: store.today(), issuedByID: "zg-zhao",
                                          toUnitID: solving.responsibleUnitID!, toPersonID: solving.firstResponsibleID!,
                                          nodes: [.init(title: "完成", due: store.today().adding(days: 3))])
        let before = try await store.notices().count
        let issued = try await store.issue(draft, actor: zhao)
        #expect(issued.id == String(format: "DB-2026-%03d", before + 1))
        // One open notice per concern: a second one only as the first one's replacement, which closes it.
        await #expect(throws: StoreError.notice(.openNoticeExists(notice: issued.id, concern: solving.code))) {
            try await store.issue(draft, replacing: nil, actor: zhao)
        }
        let replacement = try await store.issue(draft, replacing: issued.id, actor: zhao)
        #expect(replacement.id == String(format: "DB-2026-%03d", before + 2))
        let replaced = try await store.notices().first { $0.id == issued.id }
        #expect(replaced?.state == .replaced && replaced?.replacedBy == replacement.id)
        let closed = try await #require(try Self.all(store).first { $0.stage == .closed })
        let entry = try await store.add(PracticeEntry.draft(from: closed, id: "ignored", library: .knowledgeAid, on: store.today(), author: "zg-zhao"), actor: zhao)
        #expect(entry.id.hasPrefix("SJ-2026-") && entry.id != "ignored")
    }

    /// The change token moves with every write and with nothing else; a stale version is
    /// refused naming who changed it; the audit log refuses to be rewritten.
    @Test(arguments: Backend.allCases)
    func changesAreVersionedTokenedAndAudited(_ backend: Backend) async throws {
        let (store, _, cleanup) = try await backend.demo()
        defer { cleanup() }
        let zhao = try await store.person("zg-zhao")
        let sun = try await store.person("zg-sun")
        let concern = try await #require(try Self.all(store).first { $0.stage == .solving })
        let token = try await store.changeToken()
        _ = try await store.page(ConcernQuery(), scope: .all, after: nil, limit: 10)
        await #expect(try store.changeToken() == token, "reading changes nothing")
        _ = try await store.perform([.progress("孙文博补充")], on: concern.code, expectedVersion: concern.version, actor: sun)
        await #expect(try store.changeToken() != token)
        let refused = await #expect(throws: StoreError.self) {
            try await store.perform([.progress("赵雅琴补充")], on: concern.code, expectedVersion: concern.version, actor: zhao)
        }
        #expect(refused?.label.en.contains("was changed by 孙文博") == true, "\(String(describing: refused))")
        await #expect(try store.auditLog(subject: concern.code.description).last?.actorID == "zg-sun")
        if let sqlite = store as? SQLiteStore {
            await #expect(throws: StoreError.auditIsAppendOnly) { try await sqlite.executeRaw("DELETE FROM audit_log") }
        }
        if let server = store as? PostgresStore {
            // Even the administrator (a superuser, whom row-level security lets through) cannot rewrite it.
            let workspace = try ServerWorkspace(serverDatabaseOf: server)
            for statement in ["DELETE FROM wenti.audit_log", "UPDATE wenti.audit_log SET actor_id = 'zg-sun'", "TRUNCATE wenti.audit_log"] {
                #expect(throws: (any Error).self, "\(statement)") { try workspace.psql(as: TestServer.administrator, statement) }
            }
            await #expect(try store.auditLog(subject: concern.code.description).last?.actorID == "zg-sun")
        }
    }

    /// Identities go in sealed on every insert path, come back only as `.sealed`, open with
    /// a holder's key only, and a removed holder loses its wraps.
    @Test(arguments: Backend.allCases)
    func identitiesAreStoredSealedAndHoldersComeAndGo(_ backend: Backend) async throws {
        let (store, _, cleanup) = try await backend.demo()
        defer { cleanup() }
        let zhao = try await store.person("zg-zhao")
        let opened = try await store.open(NewConcern(title: "匿名反映食堂", categoryID: "income-welfare", channel: .hotline,
                                                     reporter: .anonymous(sealedIdentity: .toSeal("营销部员工小王")), unitID: "t-kf"), actor: zhao)
        #expect(opened.reporter == .anonymous(sealedIdentity: .sealed))
        var complete = opened
        complete.code = ConcernCode(year: 2026, sequence: 0)
        // Long enough that its ciphertext's base64 passes 76 characters, where PostgreSQL's
        // encode() breaks the line (which once lost every real envelope on the server).
        complete.reporter = .anonymous(sealedIdentity: .toSeal("计量班员工小李，联系方式在政工部登记，本人要求回访时不要打电话到班组，请直接到家里找他"))
        let inserted = try #require(try await store.insert([complete], actor: zhao, action: "import").first)
        for (code, text) in [(opened.code, "营销部员工小王"), (inserted.code, "计量班员工小李，联系方式在政工部登记，本人要求回访时不要打电话到班组，请直接到家里找他")] {
            #expect(try await store.concern(code, scope: .all).reporter == .anonymous(sealedIdentity: .sealed))
            let envelope = try #require(try await store.envelope(code))
            #expect(Set(envelope.keys.keys) == [.recovery, .person("zg-zhao")])
            #expect(try IdentitySeal.open(envelope, of: code, as: .person("zg-zhao"), with: TestKeys.zhao) == text)
        }
        let qian = IdentityKey.generate()
        try await store.register(HolderKey(holder: .person("zg-qian"), publicKey: qian.publicKey, addedAt: store.now()), actor: zhao)
        let envelope = try #require(try await store.envelope(opened.code))
        let qianHolder = try #require(try await store.keyHolders().first { $0.holder == .person("zg-qian") })
        try await store.addWraps([opened.code: try IdentitySeal.rewrap(envelope, as: .recovery, with: TestKeys.recovery, to: qianHolder)],
                                 to: .person("zg-qian"), actor: zhao)
        #expect(try IdentitySeal.open(try #require(try await store.envelope(opened.code)), of: opened.code, as: .person("zg-qian"), with: qian) == "营销部员工小王")
        try await store.remove(.person("zg-qian"), actor: zhao)
        #expect(try await store.envelope(opened.code)?.keys[.person("zg-qian")] == nil)
        #expect(!(try await store.keyHolders()).contains { $0.holder == .person("zg-qian") })
        // Counting what there is reads and audits no envelope.
        let envelopes = try await store.envelopes(after: nil, limit: 1000)
        let readsBefore = try await store.auditLog(subject: sealedIdentityAuditSubject).count
        let counts = try await store.envelopeCounts()
        #expect(counts.total == envelopes.count && counts.unbound == 0 && counts.byHolder[.person("zg-qian")] == nil)
        #expect(counts.byHolder[.recovery] == envelopes.filter { $0.envelope.keys[.recovery] != nil }.count)
        #expect(try await store.auditLog(subject: sealedIdentityAuditSubject).count == readsBefore)
        try await store.recordOpening(opened.code, reason: "回访", failure: .wrongPassphrase, actor: zhao)
        try await store.recordOpening(opened.code, reason: "回访", failure: nil, actor: zhao)
        let log = try await store.auditLog(subject: sealedIdentityAuditSubject)
        // The server also records each envelope it hands out (it cannot know whether the
        // client opens it); the steps themselves are the same on both backends.
        let reads = log.filter { $0.action == "read-sealed-envelope" }
        #expect(reads.isEmpty == (backend == .sqlite))
        #expect(log.map(\.action).filter { $0 != "read-sealed-envelope" }.suffix(5) == ["keys-register", "keys-grant", "keys-remove",
                                                                                                   "open-sealed-identity-failed", "open-sealed-identity"])
        #expect(log.last { $0.action == "open-sealed-identity-failed" }?.changes.last == FieldChange(field: "failure", old: "", new: "wrong-passphrase"))
        #expect(!(try await store.auditLog(subject: opened.code.description)).contains { $0.action == "open-sealed-identity" })
    }

    /// Leaders' visits: the seeded ones read back, a new one gets its number and its audit
    /// entry in the same transaction, its rules refuse a day not yet come and someone who is
    /// no leader, the concerns of a source are found by it, and the quota is kept.
    @Test(arguments: Backend.allCases)
    func visitsAreRecordedWithTheirRulesAndNameTheirConcerns(_ backend: Backend) async throws {
        let (store, _, cleanup) = try await backend.demo()
        defer { cleanup() }
        let seeded = try await store.visits()
        #expect(seeded.count == 6 && seeded.first?.id == "zf-1001")
        let organisation = try await store.workspace().organisation
        let zhao = try #require(organisation.person("zg-zhao"))
        let visit = try await store.add(LeaderVisit(id: "", leaderID: "bz-feng", unitID: "t-cd", on: Day("2026-11-20")!,
                                                    integration: .grassroots, findings: "抢修车辆不够"), actor: zhao)
        #expect(visit.id == "ZF-2026-001")
        #expect(try await store.visits().map(\.id) == seeded.map(\.id) + [visit.id])
        #expect(try await store.workspace().visits.contains(visit))
        let log = try await store.auditLog(subject: visit.id)
        #expect(log.map(\.action) == ["visit-log"] && log.first?.actorID == "zg-zhao")
        await #expect(throws: StoreError.finding(.visitInFuture(Day("2026-11-26")!, today: Day("2026-11-25")!))) {
            try await store.add(LeaderVisit(id: "", leaderID: "bz-feng", unitID: "t-cd", on: Day("2026-11-26")!, integration: .site, findings: "x"), actor: zhao)
        }
        await #expect(throws: StoreError.finding(.notALeader("宋佳"))) {
            try await store.add(LeaderVisit(id: "", leaderID: "yg-song", unitID: "t-cd", on: Day("2026-11-20")!, integration: .site, findings: "x"), actor: zhao)
        }
        #expect(try await store.visits().count == 7, "nothing refused was kept")
        // The concerns a source brought in: exactly those that name it.
        let all = try await Self.all(store)
        for source in [ConcernSource(kind: .leaderVisit, id: "zf-1001"), ConcernSource(kind: .campaign, id: "zj-2026-q4")] {
            var query = ConcernQuery()
            query.sources = [source]
            let listed = try await store.page(query, scope: .all, after: nil, limit: 500).rows.map(\.code)
            #expect(Set(listed) == Set(all.filter { $0.source == source }.map(\.code)) && !listed.isEmpty, "\(source)")
        }
        #expect(try await store.workspace().visitQuota == .standard)
        try await store.setVisitQuota(VisitQuota(visitsPerMonth: 2), actor: zhao)
        #expect(try await store.workspace().visitQuota.visitsPerMonth == 2)
        await #expect(throws: StoreError.finding(.quotaNotPositive(0))) { try await store.setVisitQuota(VisitQuota(visitsPerMonth: 0), actor: zhao) }
    }

    /// Concerns inserted batch by batch are one transaction: a bad row in the last batch, or
    /// the batches' source failing, leaves nothing of the earlier batches; a good run stores
    /// every batch, codes allocated in order, with an audit entry each.
    @Test(arguments: Backend.allCases)
    func batchedInsertsAreAllOrNothing(_ backend: Backend) async throws {
        struct SourceFailed: Error {}
        let (store, _, cleanup) = try await backend.demo()
        defer { cleanup() }
        let zhao = try await store.person("zg-zhao")
        var model = try #require(try await Self.all(store).first { !$0.reporter.isAnonymous && $0.stage == .found })
        model.code = ConcernCode(year: 2031, sequence: 0)
        let before = try await store.count(ConcernQuery(), scope: .all, upTo: nil)
        let token = try await store.changeToken()
        func batches(_ list: [[Concern]], thenFail: Bool = false) -> @Sendable () throws -> [Concern]? {
            let remaining = Mutex(list)
            return {
                try remaining.withLock { remaining in
                    if remaining.isEmpty { if thenFail { throw SourceFailed() } else { return nil } }
                    return remaining.removeFirst()
                }
            }
        }
        // The last batch's last row takes a code already held.
        var broken = model
        broken.code = try #require(try await Self.all(store).first?.code)
        let good = Array(repeating: model, count: 3)
        await #expect(throws: StoreError.self) {
            try await store.insert(batches: batches([good, good, [model, broken]]), expected: 8, largestGiven: [:], actor: zhao, action: "import")
        }
        await #expect(throws: StoreError.self) {
            try await store.insert(batches: batches([good, good], thenFail: true), expected: 6, largestGiven: [:], actor: zhao, action: "import")
        }
        #expect(try await store.count(ConcernQuery(), scope: .all, upTo: nil) == before, "nothing of the earlier batches stays")
        #expect(try await store.changeToken() == token, "and no audit entry")
        let codes = try await store.insert(batches: batches([good, good, [model]]), expected: 7, largestGiven: [:], actor: zhao, action: "import")
        #expect(codes == (1...7).map { ConcernCode(year: 2031, sequence: $0) })
        #expect(try await store.count(ConcernQuery(), scope: .all, upTo: nil) == before + 7)
        #expect(try await store.auditLog(subject: codes[6].description).map(\.action) == ["import"])
        // Rows without a code before and after rows with one: the codes allocated come after
        // the largest one given, in the whole run, not only in the rows before them.
        var given = model
        given.code = ConcernCode(year: 2032, sequence: 5)
        var givenLater = model
        givenLater.code = ConcernCode(year: 2032, sequence: 9)
        var blank = model
        blank.code = ConcernCode(year: 2032, sequence: 0)
        let mixed = try await store.insert(batches: batches([[blank, given], [blank, givenLater, blank]]), expected: 5,
                                           largestGiven: ConcernCode.largestPerYear([given.code, givenLater.code]), actor: zhao, action: "import")
        #expect(mixed.map(\.sequence) == [10, 5, 11, 9, 12])
        var givenInArray = model
        givenInArray.code = ConcernCode(year: 2032, sequence: 20)
        let array = try await store.insert([blank, givenInArray, blank], actor: zhao, action: "import")
        #expect(array.map(\.code.sequence) == [21, 20, 22])
    }
}
