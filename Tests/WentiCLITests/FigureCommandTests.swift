import Foundation
import Testing

/// `wenti stats` and `wenti assess` on the demo. The demo's concerns lie in 2026-09..11,
/// so a past range gives the same figures whatever day the tests run.
@Suite("Figures on the command line", .serialized)
struct FigureCommandTests {
    let cli = CommandLineTests()

    @Test func statsInEachFormat() throws {
        let db = try cli.temporaryDatabase()
        #expect(try cli.run(["demo", "--no-tui", "--db", db]).status == 0)
        let json = try cli.run(["stats", "--from", "2026-09", "--to", "2026-10", "--by", "tier", "--format", "json", "--db", db])
        #expect(json.status == 0, "\(json.err)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["key"] as? String } == ["L1", "L2", "L3"])
        let found = rows.compactMap { $0["found"] as? Int }.reduce(0, +)
        // Every seed concern reported in September and October, counted once by its library's tier.
        let listed = try cli.run(["list", "--db", db, "--format", "json", "--limit", "500"])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [String: Any])
        let reported = (all["concerns"] as? [[String: Any]] ?? []).filter { (($0["reported_on"] as? String) ?? "") < "2026-11" }.count
        #expect(found == reported && found > 0)
        let csv = try cli.run(["stats", "--month", "2026-10", "--by", "category", "--format", "csv", "--db", db, "--lang", "zh"])
        #expect(csv.status == 0 && csv.out.hasPrefix("\u{FEFF}key,category,found,accepted"))
        #expect(csv.out.contains("income-welfare,收入福利,"))
        let table = try cli.run(["stats", "--month", "2026-10", "--db", db])
        #expect(table.out.hasPrefix("period 2026-10\n") && table.out.contains("江城供电公司"))
        let wrong = try cli.run(["stats", "--month", "2026-10", "--from", "2026-09", "--db", db])
        #expect(wrong.status == 1 && wrong.err.contains("use either --month or --from/--to"))
        let by = try cli.run(["stats", "--by", "colour", "--db", db])
        #expect(by.status != 0 && by.err.contains("colour"))
    }

    @Test func assessmentRanksDepartmentsWithTheWeightsFile() throws {
        let db = try cli.temporaryDatabase()
        #expect(try cli.run(["demo", "--no-tui", "--db", db]).status == 0)
        let standard = try cli.run(["assess", "--from", "2026-09", "--to", "2026-10", "--format", "json", "--db", db])
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
        let only = try cli.run(["assess", "--from", "2026-09", "--to", "2026-10", "--weights", weights, "--format", "json", "--db", db])
        let onlyRows = try #require(try JSONSerialization.jsonObject(with: Data(only.out.utf8)) as? [[String: Any]])
        for row in onlyRows {
            guard let score = row["score"] as? Double, let rate = row["satisfaction_rate"] as? Double else { continue }
            #expect(abs(score - rate * 100) < 0.06)
        }
        try "[weights]\nspeed = 1\n".write(toFile: weights, atomically: true, encoding: .utf8)
        let bad = try cli.run(["assess", "--weights", weights, "--db", db])
        #expect(bad.status == 1 && bad.err.contains("weights.speed is not a weight"))
        let missing = try cli.run(["assess", "--weights", "/nonexistent.toml", "--db", db])
        #expect(missing.status == 1 && missing.err.contains("/nonexistent.toml"))
    }
}
