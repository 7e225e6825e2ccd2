import Foundation
import Testing
import WentiTestSupport
@testable import WentiCore
@testable import WentiStore

/// The indexes and kept counts behind fast searches and figures answer exactly what a plain
/// scan of every concern answers, on both backends, also after concerns change or go.
extension StoreConformanceTests {
    /// What `instr(lower(text), lower(word))` finds (SQLite's `lower` folds ASCII only): the
    /// one definition both the index and the fallback are held to.
    static func plainlyHolds(_ concern: Concern, _ word: String) -> Bool {
        func folded(_ text: String) -> [Unicode.Scalar] {
            text.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }
        }
        let needle = folded(word)
        return [concern.title, concern.description, concern.analysis.rootCause, concern.plan].contains { text in
            let hay = folded(text)
            guard hay.count >= needle.count else { return false }
            return (0...(hay.count - needle.count)).contains { Array(hay[$0..<($0 + needle.count)]) == needle }
        }
    }

    /// Words of one and two characters taken from the concerns themselves (the most and the
    /// least common, pairs that straddle punctuation or a space, Latin letters in either
    /// case, digits), and some that appear nowhere.
    static func shortWords(in all: [Concern]) -> [String] {
        var counts: [String: Int] = [:]
        for concern in all {
            var seen = Set<String>()
            for text in [concern.title, concern.description, concern.analysis.rootCause, concern.plan] {
                let characters = text.map(String.init)
                for (i, character) in characters.enumerated() {
                    seen.insert(character)
                    if i + 1 < characters.count { seen.insert(character + characters[i + 1]) }
                }
            }
            for word in seen where !word.contains(where: \.isWhitespace) { counts[word, default: 0] += 1 }
        }
        let ranked = counts.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.map(\.key)
        let ones = ranked.filter { $0.count == 1 }, twos = ranked.filter { $0.count == 2 }
        // A few of each kind: each word costs four queries at three moments, and in the full
        // suite (other tests beside it) the earlier forty-five words took five minutes.
        var words = Array(ones.prefix(3)) + Array(ones.suffix(3)) + Array(twos.prefix(3)) + Array(twos.suffix(4))
        words += twos.filter { $0.contains { !$0.isLetter && !$0.isNumber } }.prefix(2)
        words += ["鑫", "淼犇", "Q", "q", "k", "1", "0", "2026", "，", "补，"]
        return Array(Set(words)).sorted()
    }

    static func expectSearchesAgreeWithAScan(_ store: any WorkspaceStore, words: [String], _ moment: String,
                                             sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let all = try await Self.all(store)
        for word in words {
            var query = ConcernQuery()
            query.text = word
            let expected = Set(all.filter { Self.plainlyHolds($0, word) }.map(\.code))
            let listed = try await store.page(query, scope: .all, after: nil, limit: 1000).rows.map(\.code)
            #expect(Set(listed) == expected, "\(word) \(moment)", sourceLocation: sourceLocation)
            #expect(listed.count == Set(listed).count, "\(word) \(moment): each once", sourceLocation: sourceLocation)
            let counted = try await store.count(query, scope: .all, upTo: nil)
            #expect(counted == expected.count, "\(word) \(moment): count", sourceLocation: sourceLocation)
            let capped = try await store.count(query, scope: .all, upTo: 3)
            #expect(capped == min(3, expected.count), "\(word) \(moment): count up to 3", sourceLocation: sourceLocation)
        }
    }

    /// On the server, the kept word counts (`ServerWordCounts`) are what counting every
    /// concern's pieces afresh gives, and a person who sees every concern (赵雅琴) counts each
    /// word as a scan does, through them for the words of one or two characters.
    static func expectKeptWordCountsExact(_ store: any WorkspaceStore, words: [String], _ moment: String,
                                          sourceLocation: SourceLocation = #_sourceLocation) async throws {
        guard let server = store as? PostgresStore else { return }
        let workspace = try ServerWorkspace(serverDatabaseOf: server)
        let compared = try workspace.psql(as: TestServer.administrator, """
            WITH kept AS (SELECT gram, n FROM wenti.gram_count WHERE n <> 0),
                 fresh AS (SELECT g AS gram, count(*) AS n FROM wenti.concern, unnest(wenti.grams(search_text)) g GROUP BY 1)
            SELECT (SELECT count(*) FROM kept) || ' ' || (SELECT count(*) FROM ((TABLE kept EXCEPT TABLE fresh) UNION ALL (TABLE fresh EXCEPT TABLE kept)) d)
            """).split(separator: " ").map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(compared.count == 2 && (compared[0] ?? 0) > 300, "\(moment): pieces kept: \(compared)", sourceLocation: sourceLocation)
        #expect(compared.last == 0, "\(moment): kept pieces that differ from a fresh count", sourceLocation: sourceLocation)
        let zhao = try await workspace.store(as: "zg-zhao")
        let all = try await Self.all(store)
        for word in words {
            var query = ConcernQuery()
            query.text = word
            let expected = all.filter { Self.plainlyHolds($0, word) }.count
            await #expect(try zhao.count(query, scope: .all, upTo: nil) == expected, "\(word) \(moment): 赵雅琴's count", sourceLocation: sourceLocation)
        }
    }

    /// One- and two-character searches (the short-word index on SQLite, the pieces index on
    /// the server) list and count exactly the concerns a scan finds: as seeded, after texts
    /// are edited and a concern is opened, and after a concern is deleted.
    @Test(arguments: Backend.allCases)
    func shortWordSearchesFindWhatAScanFinds(_ backend: Backend) async throws {
        let (store, _, cleanup) = try await backend.demo()
        defer { cleanup() }
        let zhao = try await store.person("zg-zhao")
        var words = Self.shortWords(in: try await Self.all(store))
        words += ["鑫", "淼犇", "犇"]
        #expect(words.count > 20)
        try await Self.expectSearchesAgreeWithAScan(store, words: words, "as seeded")
        try await Self.expectKeptWordCountsExact(store, words: words, "as seeded")

        // Edited texts: the old words go, the new ones come (鑫 and 淼犇 were nowhere before).
        let all = try await Self.all(store)
        let edited = try #require(all.first { $0.stage == .found })
        _ = try await store.perform([.edit(title: "鑫源小区 淼犇 Q3 报修", description: "换了说明：k8 线路，补，贴", categoryID: nil)],
                                    on: edited.code, expectedVersion: edited.version, actor: zhao)
        _ = try await store.open(NewConcern(title: "新开：犇字辈职工的补贴", categoryID: "team-burden", channel: .hotline, finderID: "zg-zhao",
                                            reporter: .named(name: "", personID: nil), unitID: "t-kf"), actor: zhao)
        try await Self.expectSearchesAgreeWithAScan(store, words: words + edited.title.map(String.init), "after an edit and an insert")
        try await Self.expectKeptWordCountsExact(store, words: words + ["鑫源", "淼犇"], "after an edit and an insert")

        // A concern deleted outright (by hand: wenti itself never deletes one).
        let gone = try #require(try await Self.all(store).first { $0.title.contains("犇字辈") })
        switch store {
        case let sqlite as SQLiteStore:
            try await sqlite.executeRaw("DELETE FROM concern WHERE year = \(gone.code.year) AND seq = \(gone.code.sequence)")
        case let server as PostgresStore:
            try ServerWorkspace(serverDatabaseOf: server).psql(as: TestServer.administrator, "DELETE FROM wenti.concern WHERE code = '\(gone.code)'")
        default:
            Issue.record("no way to delete on \(backend)")
        }
        try await Self.expectSearchesAgreeWithAScan(store, words: words, "after a delete")
        try await Self.expectKeptWordCountsExact(store, words: words, "after a delete")
    }

    /// The figures a dashboard reads from the kept rollup are the figures of every concern's
    /// facts, for months and quarters, before and after concerns change.
    @Test(arguments: Backend.allCases)
    func theFigureRollupGivesTheFiguresOfTheFacts(_ backend: Backend) async throws {
        let (store, clock, cleanup) = try await backend.demo()
        defer { cleanup() }
        let organisation = try await store.workspace().organisation
        var compared = 0
        func expectSame(_ moment: String) async throws {
            var facts: [ConcernFact] = []
            try await store.eachFact(ConcernQuery(), scope: .all, titles: false) { facts.append($0) }
            let today = store.today()
            for period in [Period(month: today.month), Period(month: today.month.previous), Period(month: today.month.previous.previous),
                           Period(quarterOf: today.month), Period(quarterOf: today.month.previous.previous.previous)] {
                let months = Trends.months(endingWith: period.to.month, count: 6)
                var byFacts = UnitFigures.Builder(period: period, today: today)
                var trendsByFacts = Trends.Builder(months: months, organisation: organisation)
                for fact in facts {
                    byFacts.add(fact)
                    trendsByFacts.add(fact)
                }
                var byRollup = UnitFigures.Builder(period: period, today: today)
                var trendsByRollup = Trends.Builder(months: months, organisation: organisation)
                for (key, n) in try await store.figureRollup(period: FigureRollup.months(of: period),
                                                             trends: FigureRollup.months(of: months, or: period), overdueOn: min(period.to, today)) {
                    byRollup.add(key, count: n)
                    trendsByRollup.add(key, count: n)
                }
                func tidy(_ table: [UnitID: Figures]) -> [UnitID: Figures] {
                    table.mapValues { var f = $0; f.daysToSolve = f.daysToSolve.mapValues { $0.sorted() }; return f }.filter { $0.value != Figures() }
                }
                #expect(tidy(byRollup.rolledUp(organisation)) == tidy(byFacts.rolledUp(organisation)), "\(period) \(moment)")
                #expect(tidy(byRollup.bySolvingUnit) == tidy(byFacts.bySolvingUnit), "\(period) \(moment): solving units")
                #expect(trendsByRollup.trends.byUnitAndCategory == trendsByFacts.trends.byUnitAndCategory, "\(period) \(moment): trends")
                compared += byFacts.rolledUp(organisation)[organisation.company.id]?.activity ?? 0
            }
        }
        try await expectSame("as seeded")
        let zhao = try await store.person("zg-zhao")
        let all = try await Self.all(store)
        // A solve, an escalation, a feedback, a pause and a referral move figures of every part.
        if let solving = all.first(where: { $0.stage == .solving }) {
            _ = try await store.perform([.solve(summary: "已解决")], on: solving.code, expectedVersion: solving.version, actor: zhao)
        }
        if let waiting = all.first(where: { $0.stage == .awaitingFeedback }) {
            let record = FeedbackRecord(on: store.today(), byID: "zg-zhao", contact: "电话", method: .phone, effect: .confirmed,
                                        satisfaction: .satisfied, score: 5, note: "")
            _ = try await store.perform([.recordFeedback(record)], on: waiting.code, expectedVersion: waiting.version, actor: zhao)
        }
        for concern in all.filter({ $0.stage == .defined || $0.stage == .solving }).prefix(3) {
            _ = try? await store.perform([.pause(reason: "等待备件")], on: concern.code, expectedVersion: concern.version, actor: zhao)
        }
        for concern in all.filter({ $0.stage == .found }).prefix(2) {
            _ = try? await store.perform([.escalate(reason: "超出班组能力")], on: concern.code, expectedVersion: concern.version, actor: zhao)
        }
        try await expectSame("after changes")
        clock.set(day: store.today().adding(days: 40))
        try await expectSame("forty days later")
        #expect(compared > 0, "the demo has figures to compare")
    }
}
