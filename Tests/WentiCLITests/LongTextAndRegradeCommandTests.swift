import Foundation
import Testing
import WentiTestSupport

/// Issue 18: long descriptions come from a file or standard input, titles have a limit, and
/// a regrade cannot quietly move a running deadline.
@Suite("long text and regrades on the command line", .serialized)
struct LongTextAndRegradeCommandTests {
    let cli = CommandLineTests()

    func demo() async throws -> String {
        let db = try cli.temporaryDatabase()
        #expect(try await cli.run(["demo", "--no-tui", "--db", db]).status == 0)
        return db
    }

    func description(of code: String, _ db: String) async throws -> String? {
        let shown = try await cli.run(["show", code, "--json", "--db", db])
        return (try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any])?["description"] as? String
    }

    static let add = ["add", "--category", "收入福利", "--channel", "hotline", "--unit", "t-hk"]

    @Test func aDescriptionComesWholeFromAFileOrStandardInput() async throws {
        let db = try await demo()
        // A megabyte of Chinese over many lines, far beyond what an argument may carry.
        let long = (1...20_000).map { "第\($0)行：值班人员反映夜间没有热饭。" }.joined(separator: "\n")
        #expect(long.utf8.count > 1_000_000)
        let file = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("long.txt")
        try Data(long.utf8).write(to: file)
        let fromFile = try await cli.run(Self.add + ["--title", "夜班吃饭难", "--description-file", file.path, "--db", db])
        #expect(fromFile.status == 0, "\(fromFile.err)")
        #expect(try await description(of: fromFile.out.trimmingCharacters(in: .whitespacesAndNewlines), db) == long)
        let fromInput = try await cli.run(Self.add + ["--title", "夜班吃饭难", "--description-file", "-", "--db", db], input: Data(long.utf8))
        #expect(fromInput.status == 0, "\(fromInput.err)")
        #expect(try await description(of: fromInput.out.trimmingCharacters(in: .whitespacesAndNewlines), db) == long)
        let missing = try await cli.run(Self.add + ["--title", "x", "--description-file", "/nonexistent/描述.txt", "--db", db])
        #expect(missing.status == 1 && missing.err.contains("cannot read /nonexistent/描述.txt"), "\(missing.err)")
        let both = try await cli.run(Self.add + ["--title", "x", "--description", "a", "--description-file", "-", "--db", db])
        #expect(both.status != 0 && both.err.contains("not both"))
    }

    @Test func aTitleHasAMaximumLengthWithAClearMessage() async throws {
        let db = try await demo()
        let longest = String(repeating: "长", count: 120)
        #expect(try await cli.run(Self.add + ["--title", longest, "--db", db]).status == 0)
        let tooLong = try await cli.run(Self.add + ["--title", longest + "了", "--db", db])
        #expect(tooLong.status == 1 && tooLong.err.contains("the title has 121 characters, at most 120"), "\(tooLong.err)")
        #expect(try await cli.run(["list", "--count", "--db", db]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "70")
    }

    /// An overdue concern in the demo, regraded: it stays overdue unless the deadline is
    /// moved with a reason, and the log shows the reason.
    @Test func aRegradeKeepsTheRunningDeadlineUnlessAChangeWithAReasonIsRecorded() async throws {
        let db = try await demo()
        let overdue = try await cli.run(["list", "--overdue", "--stage", "solving", "--format", "json", "--db", db])
        let rows = try #require((try JSONSerialization.jsonObject(with: Data(overdue.out.utf8)) as? [String: Any])?["concerns"] as? [[String: Any]])
        let row = try #require(rows.first { ($0["grade"] as? String) != "urgent" })
        let code = try #require(row["id"] as? String)
        let due = try #require(row["due"] as? String ?? row["deadline"] as? String)
        let regrade = try await cli.run(["grade", code, "urgent", "--db", db])
        #expect(regrade.status == 0, "\(regrade.err)")
        let after = try await cli.run(["list", "--overdue", "--format", "csv", "--db", db])
        #expect(after.out.contains(code), "still overdue after the regrade")
        #expect(try await cli.run(["show", code, "--json", "--db", db]).out.contains(due), "the deadline \(due) is kept")
        let moved = try await cli.run(["grade", code, "major", "--deadline", "2027-01-31", "--reason", "需等待预算批复", "--db", db])
        #expect(moved.status == 0, "\(moved.err)")
        #expect(!(try await cli.run(["list", "--overdue", "--format", "csv", "--db", db]).out.contains(code)))
        let log = try await cli.run(["log", code, "--db", db])
        #expect(log.out.contains("2027-01-31") && log.out.contains("reason: 需等待预算批复"), "\(log.out)")
        let noReason = try await cli.run(["grade", code, "general", "--deadline", "2027-02-28", "--db", db])
        #expect(noReason.status == 1, "a deadline change needs a reason")
    }
}
