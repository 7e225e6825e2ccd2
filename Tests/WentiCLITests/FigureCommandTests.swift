import Foundation
import Testing
@testable import WentiApp
import WentiCore
import WentiSession
import WentiStore
import WentiTestSupport

/// `wenti stats` and `wenti assess` on the demo. The demo's concerns lie in 2026-09..11,
/// so a past range gives the same figures whatever day the tests run.
@Suite("Figures on the command line", .serialized)
struct FigureCommandTests {
    let cli = CommandLineTests()

    @Test func statsInEachFormat() async throws {
        let db = try cli.temporaryDatabase()
        #expect(try await cli.run(["demo", "--no-tui", "--db", db]).status == 0)
        let json = try await cli.run(["stats", "--from", "2026-09", "--to", "2026-10", "--by", "tier", "--format", "json", "--db", db])
        #expect(json.status == 0, "\(json.err)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["key"] as? String } == ["L1", "L2", "L3"])
        let found = rows.compactMap { $0["found"] as? Int }.reduce(0, +)
        // Every seed concern reported in September and October, counted once by its library's tier.
        let listed = try await cli.run(["list", "--db", db, "--format", "json", "--limit", "500"])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [String: Any])
        let reported = (all["concerns"] as? [[String: Any]] ?? []).filter { (($0["reported_on"] as? String) ?? "") < "2026-11" }.count
        #expect(found == reported && found > 0)
        let csv = try await cli.run(["stats", "--month", "2026-10", "--by", "category", "--format", "csv", "--db", db, "--lang", "zh"])
        #expect(csv.status == 0 && csv.out.hasPrefix("\u{FEFF}key,category,found,accepted"))
        #expect(csv.out.contains("income-welfare,收入福利,"))
        let table = try await cli.run(["stats", "--month", "2026-10", "--db", db])
        #expect(table.out.hasPrefix("period 2026-10\n") && table.out.contains("江城供电公司"))
        let wrong = try await cli.run(["stats", "--month", "2026-10", "--from", "2026-09", "--db", db])
        #expect(wrong.status == 1 && wrong.err.contains("use either --month or --from/--to"))
        let by = try await cli.run(["stats", "--by", "colour", "--db", db])
        #expect(by.status != 0 && by.err.contains("colour"))
    }

    @Test func assessmentRanksDepartmentsWithTheWeightsFile() async throws {
        let db = try cli.temporaryDatabase()
        #expect(try await cli.run(["demo", "--no-tui", "--db", db]).status == 0)
        let standard = try await cli.run(["assess", "--from", "2026-09", "--to", "2026-10", "--format", "json", "--db", db])
        #expect(standard.status == 0, "\(standard.err)")
        let ranking = try #require(try JSONSerialization.jsonObject(with: Data(standard.out.utf8)) as? [[String: Any]])
        #expect(ranking.count == 6)
        let scores = ranking.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        #expect(ranking.first?["list"] as? String == "top" && ranking.last?["list"] as? String == "bottom")
        // Only satisfaction counts: the order follows the satisfaction rate.
        let weights = (db as NSString).deletingLastPathComponent + "/assessment.toml"
        try "[weights]\nresponse = 0\non-time = 0\nresolution = 0\nsatisfaction = 1\nevery-item-answered = 0\noverdue-penalty = 0\n"
            .write(toFile: weights, atomically: true, encoding: .utf8)
        let only = try await cli.run(["assess", "--from", "2026-09", "--to", "2026-10", "--weights", weights, "--format", "json", "--db", db])
        let onlyRows = try #require(try JSONSerialization.jsonObject(with: Data(only.out.utf8)) as? [[String: Any]])
        for row in onlyRows {
            guard let score = row["score"] as? Double, let rate = row["satisfaction_rate"] as? Double else { continue }
            #expect(abs(score - rate * 100) < 0.06)
        }
        try "[weights]\nspeed = 1\n".write(toFile: weights, atomically: true, encoding: .utf8)
        let bad = try await cli.run(["assess", "--weights", weights, "--db", db])
        #expect(bad.status == 1 && bad.err.contains("weights.speed is not a weight"))
        let missing = try await cli.run(["assess", "--weights", "/nonexistent.toml", "--db", db])
        #expect(missing.status == 1 && missing.err.contains("/nonexistent.toml"))
    }

    static func json(_ result: CommandLineTests.Result) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]], "\(result.err)")
    }

    /// Issue 14: "the same unit scores 89.3 for one viewer and 88.0 for another". A unit's
    /// figures and score are the organisation's; who looks decides only which rows appear.
    @Test func aUnitsScoreDoesNotDependOnWhoLooks() async throws {
        let db = try cli.temporaryDatabase()
        #expect(try await cli.run(["demo", "--no-tui", "--db", db]).status == 0)
        let args = ["assess", "--from", "2026-10", "--to", "2026-11", "--format", "json", "--db", db]
        let staff = try Self.json(try await cli.run(args + ["--as", "zg-zhao"]))
        let head = try Self.json(try await cli.run(args + ["--as", "bz-zheng"]))   // head of 运维检修部 (d-yj)
        #expect(staff.count == 6)
        #expect(head.map { $0["unit_id"] as? String } == ["d-yj"], "a department head looks at the own department only")
        let theirs = try #require(staff.first { $0["unit_id"] as? String == "d-yj" })
        let mine = try #require(head.first)
        for key in ["score", "rank", "found", "solved", "overdue", "response_rate", "satisfaction_rate"] {
            #expect("\(theirs[key] ?? "nil")" == "\(mine[key] ?? "nil")", "\(key)")
        }
        let stats = ["stats", "--from", "2026-10", "--to", "2026-11", "--format", "json", "--db", db]
        let staffStats = try Self.json(try await cli.run(stats + ["--as", "zg-zhao"]))
        let headStats = try Self.json(try await cli.run(stats + ["--as", "bz-zheng"]))
        #expect(Set(headStats.compactMap { $0["key"] as? String }) == ["d-yj", "t-bdyw", "t-bdjx", "t-sdyj"])
        for row in headStats {
            let same = try #require(staffStats.first { $0["key"] as? String == row["key"] as? String })
            #expect(NSDictionary(dictionary: row) == NSDictionary(dictionary: same), "\(row["key"] ?? "")")
        }
    }

    /// Issue 14: "`wenti stats --month 2026-12` shows 0 solved and a 100% solve rate": a
    /// return contact this month on a concern solved in November put a resolution rate over
    /// a month that solved nothing.
    @Test func aRateWithNothingUnderItIsADashOnTheCommandLine() async throws {
        let db = try cli.temporaryDatabase()
        #expect(try await cli.run(["demo", "--no-tui", "--db", db]).status == 0)
        let contact = try await cli.run(["feedback", "Q-2026-0060", "--contact", "李强", "--effect", "confirmed", "--satisfaction", "satisfied",
                                   "--score", "5", "--db", db, "--as", "zg-zhao"])
        #expect(contact.status == 0, "\(contact.err)")
        // This month (the demo's concerns all lie before it): one return contact, nothing solved.
        let now = try #require(try Self.json(try await cli.run(["stats", "--format", "json", "--db", db])).first { $0["key"] as? String == "co" })
        #expect(now["solved"] as? Int == 0 && now["feedback"] as? Int == 1)
        #expect(now["resolution_rate"] is NSNull, "no resolution rate over a month that solved nothing")
        #expect(now["satisfaction_rate"] as? Double == 1, "the satisfaction rate stands on the feedback, shown beside it")
        let table = try await cli.run(["stats", "--db", db, "--lang", "zh"])
        let company = try #require(table.out.split(separator: "\n").first { $0.hasPrefix("co ") })
        #expect(company.contains("—"))
    }

    /// Issue 14, done when: one month's found, solved and overdue agree between the dashboard,
    /// `wenti stats`, `wenti assess` and the supervision bulletin, for every department and
    /// the company.
    @MainActor
    @Test func oneMonthsFiguresAgreeAcrossDashboardStatsAssessAndBulletin() async throws {
        let db = try cli.temporaryDatabase()
        #expect(try await cli.run(["demo", "--no-tui", "--db", db]).status == 0)
        let month = ["--month", "2026-11", "--db", db, "--lang", "en"]
        typealias Three = [Int]
        func three(_ row: [String: Any]) -> Three { ["found", "solved", "overdue"].map { row[$0] as? Int ?? -1 } }
        let stats = Dictionary(uniqueKeysWithValues: try Self.json(try await cli.run(["stats", "--format", "json"] + month))
            .map { ($0["key"] as? String ?? "", three($0)) })
        let assess = Dictionary(uniqueKeysWithValues: try Self.json(try await cli.run(["assess", "--format", "json"] + month))
            .map { ($0["unit_id"] as? String ?? "", three($0)) })
        // The bulletin's markdown: the overview row, then one row per department ("| name | found | solved | overdue | …").
        let bulletin = try await cli.run(["bulletin", "--format", "md"] + month)
        #expect(bulletin.status == 0, "\(bulletin.err)")
        let lines = bulletin.out.components(separatedBy: "\n")
        let overview = try #require(lines.firstIndex { $0.hasPrefix("|---") }.map { lines[$0 + 1] })
        func cells(_ line: String) -> [String] {
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let overall = cells(overview).prefix(4).compactMap(Int.init)   // found, accepted, solved, overdue
        let byUnit = Dictionary(lines.map(cells).filter { $0.count == 7 && Int($0[1]) != nil }.map { ($0[0], [Int($0[1])!, Int($0[2])!, Int($0[3])!]) }) { $1 }
        // The dashboard, as the app computes it for the political-work department.
        let store = try SQLiteStore(path: db, create: false)
        let data = try await store.session(as: "zg-zhao")
        var state = DashboardState()
        state.month = YearMonth("2026-11")
        let dashboard = try await data.dashboard(state, weights: .standard)
        let org = data.workspace.organisation
        let company = try #require(dashboard.units.first { $0.unit.id == org.company.id })
        let companyFigures = [company.figures.found, company.figures.solved, company.figures.overdue]
        #expect(companyFigures == stats["co"])
        #expect(companyFigures == [overall[0], overall[2], overall[3]])
        #expect(companyFigures[0] > 0 && companyFigures[1] > 0 && companyFigures[2] > 0)
        let ranked = Dictionary(uniqueKeysWithValues: dashboard.ranking.map { ($0.unitID.rawValue, [$0.figures.found, $0.figures.solved, $0.figures.overdue]) })
        for department in org.unitsInTreeOrder where org.parent(of: department.id)?.id == org.company.id {
            let id = department.id.rawValue
            let shown = try #require(dashboard.units.first { $0.unit.id == department.id })
            let figures = [shown.figures.found, shown.figures.solved, shown.figures.overdue]
            #expect(figures == stats[id], "\(department.name) stats")
            #expect(figures == assess[id], "\(department.name) assess")
            #expect(figures == ranked[id], "\(department.name) ranking")
            #expect(figures == (byUnit[department.name] ?? [0, 0, 0]), "\(department.name) bulletin")
        }
        print("2026-11 found/solved/overdue: company \(companyFigures); "
              + org.unitsInTreeOrder.filter { org.parent(of: $0.id)?.id == org.company.id }.map { "\($0.name) \(stats[$0.id.rawValue] ?? [])" }.joined(separator: ", "))
    }

    /// Every count of the dashboard's units and solving views, for a month and a calendar
    /// quarter, is exactly as long as the list that Enter opens (the SQL of
    /// `ConcernQuery.figure` against the counting of `Figures.distribute`).
    @MainActor
    @Test func everyFigureOpensAsManyConcernsAsItCounts() async throws {
        let db = try cli.temporaryDatabase()
        #expect(try await cli.run(["demo", "--no-tui", "--db", db]).status == 0)
        let store = try SQLiteStore(path: db, create: false)
        let data = try await store.session(as: "zg-zhao")
        let facts = try await store.facts(ConcernQuery(), viewer: "zg-zhao")   // political work: every concern
        var checked = 0
        for quarter in [false, true] {
            var state = DashboardState()
            state.month = YearMonth("2026-11")
            state.quarter = quarter
            state = try await data.dashboard(state, weights: .standard)
            for view in [DashboardState.View.units, .solving] {
                state.view = view
                let rows = view == .units ? state.units.map(\.figures) : state.solving.map(\.figures)
                for (row, figures) in rows.enumerated() {
                    state.selected = row
                    for (column, measure) in state.measures.enumerated() {
                        state.column = column
                        var query = ConcernQuery()
                        let cell = try #require(data.figureCell(state))
                        query.figure = cell
                        let listed = try await store.count(query, viewer: "zg-zhao")
                        let place = "\(view) row \(row) \(measure) quarter \(quarter)"
                        // The SQL finds what the Swift rule finds...
                        #expect(listed == facts.filter(cell.includes).count, "\(place)")
                        // ...which is the figure; escalations count each step, the list each concern once.
                        if measure == .escalated {
                            #expect(listed <= figures.escalated && (listed > 0) == (figures.escalated > 0), "\(place)")
                        } else {
                            #expect(listed == measure.value(in: figures), "\(place)")
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 2 * (19 * 6 + 6 * 4))
    }
}
