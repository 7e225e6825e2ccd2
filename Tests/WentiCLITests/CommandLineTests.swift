import Foundation
import WentiTestSupport
import Testing

/// The real `wenti` binary, spawned as a user would run it (no terminal needed).
@Suite("wenti on the command line", .serialized)
struct CommandLineTests {
    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    static var binary: URL {
        // Tests run from .build/<config>/wentiPackageTests.xctest; the binary sits beside it.
        var url = Bundle.main.bundleURL
        while url.pathComponents.count > 1 {
            let candidate = url.appendingPathComponent("wenti")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue { return candidate }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/wenti")
    }

    /// The operating-system account the tests run under: commands act as whoever it is linked to.
    static let account: String = {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "root" }
        return String(cString: name)
    }()

    /// Where the spawned commands keep their keys (`wenti demo` makes one): a folder of this
    /// test process, never the account's own ~/.config.
    static let configHome: String = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-cli-config-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }()

    /// The environment a child wenti runs in: this process's, without what would choose a
    /// workspace, a person or a language behind the test's back, plus `extra`.
    static func childEnvironment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["WENTI_DB"] = nil
        env["WENTI_USER"] = nil
        env["LANG"] = nil
        env["LC_ALL"] = nil
        env["XDG_CONFIG_HOME"] = configHome
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Runs wenti (or `executable`, a wrapper that runs it) with `arguments`.
    func run(_ arguments: [String], environment: [String: String] = [:], executable: String? = nil, input: Data? = nil) async throws -> Result {
        try await offThePool { try Self.runToEnd(arguments, environment: environment, executable: executable, input: input) }
    }

    /// `run`, holding its thread until the child has exited. A plain demo on a new path is
    /// a copy of the process's one real demo (`DemoTemplate`).
    static func runToEnd(_ arguments: [String], environment: [String: String], executable: String?, input: Data?, copyingTheDemo: Bool = true) throws -> Result {
        if copyingTheDemo, let copied = try DemoTemplate.copy(arguments, environment: environment, executable: executable, input: input) { return copied }
        let process = Process()
        process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? Self.binary
        process.arguments = arguments
        process.environment = Self.childEnvironment(environment)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        try process.run()
        if let inputPipe, let input {
            // Written from another thread: a child that does not read would otherwise block us.
            let writer = inputPipe.fileHandleForWriting
            // A child may exit without reading it all (a refusal before the input is read):
            // the throwing write reports the broken pipe, where `write(_:)` traps on it.
            DispatchQueue.global().async {
                try? writer.write(contentsOf: input)
                try? writer.close()
            }
        }
        let (outData, errData) = ProcessOutput.readBoth(out.fileHandleForReading, err.fileHandleForReading)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    func temporaryDatabase() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("d.sqlite").path
    }

    @Test func demoThenListShowsAllTiersAndGrades() async throws {
        let db = try temporaryDatabase()
        let demo = try await run(["demo", "--no-tui", "--db", db])
        #expect(demo.status == 0, "\(demo.err)")
        let list = try await run(["list", "--db", db, "--format", "json", "--limit", "500"])
        #expect(list.status == 0, "\(list.err)")
        let json = try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [String: Any]
        let rows = try #require(json?["concerns"] as? [[String: Any]])
        #expect(rows.count == 69)
        #expect(Set(rows.compactMap { $0["tier"] as? String }) == ["L1", "L2", "L3"])
        #expect(Set(rows.compactMap { $0["grade"] as? String }) == ["urgent", "major", "general", "budding"])
        #expect(!list.out.contains("检修班派遣工"), "a list never shows a sealed identity")
    }

    /// Counts per facet name what they count in words, as every other output does.
    @Test func countsByAFacetNameUnitsAndValuesInWords() async throws {
        let db = try temporaryDatabase()
        #expect(try await run(["demo", "--no-tui", "--db", db]).status == 0)
        let units = try await run(["list", "--db", db, "--overdue", "--count-by", "unit", "--lang", "zh"])
        #expect(units.status == 0 && units.out.contains("农网管理部\t") && !units.out.contains("d-nw"), "\(units.out)")
        let ids = ["co", "d-nw", "d-yj", "d-yx", "t-kf"].map { $0 + "\t" }
        for facet in ["stage", "grade", "channel", "category", "unit"] {
            let counted = try await run(["list", "--db", db, "--count-by", facet, "--lang", "en"])
            let total = counted.out.split(separator: "\n").compactMap { $0.split(separator: "\t").last.flatMap { Int($0) } }.reduce(0, +)
            #expect(counted.status == 0 && total == 69, "\(facet): \(counted.out)")
            for word in ["awaiting-feedback", "go-down-visit", "benchmark-mismatch"] + ids {
                #expect(!counted.out.contains(word), "\(facet) shows the stored value \(word)")
            }
        }
    }

    @Test func theTableAlignsChineseColumns() async throws {
        let db = try temporaryDatabase()
        _ = try await run(["demo", "--no-tui", "--db", db])
        let table = try await run(["list", "--db", db, "--lang", "zh", "--limit", "10"])
        let lines = table.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 11)
        // The unit column starts at the same display column on every line.
        func column(of text: String, in line: String) -> Int? {
            guard let range = line.range(of: text, options: .backwards) else { return nil }
            return line[..<range.lowerBound].reduce(0) { $0 + (($1.unicodeScalars.first!.value >= 0x2E80) ? 2 : 1) }
        }
        let header = try #require(column(of: "单位", in: lines[0]))
        let row = try #require(lines.dropFirst().first { $0.contains("电费核算班") })
        #expect(column(of: "电费核算班", in: row) == header)
    }

    @Test func aWorkflowThroughTheCommandLine() async throws {
        let db = try temporaryDatabase()
        _ = try await run(["demo", "--no-tui", "--db", db])
        let add = try await run(["add", "--db", db, "--title", "食堂晚上不开", "--category", "收入福利", "--channel", "go-down-visit", "--unit", "河口供电所"])
        #expect(add.status == 0 && add.out.trimmingCharacters(in: .whitespacesAndNewlines) == "Q-2026-0070", "\(add.err)")
        #expect(try await run(["analyse", "Q-2026-0070", "--db", db, "--root-cause", "值班人员无晚餐保障"]).status == 0)
        #expect(try await run(["grade", "Q-2026-0070", "urgent", "--db", db]).status == 0)
        let escalate = try await run(["escalate", "Q-2026-0070", "--db", db, "--reason", "需农网部统筹"])
        #expect(escalate.status == 0 && escalate.out.contains("L2"))
        let found = try await run(["list", "--db", db, "--text", "晚上", "--format", "csv"])
        #expect(found.out.contains("Q-2026-0070"))
        let log = try await run(["log", "Q-2026-0070", "--db", db])
        #expect(log.out.contains("escalate") || log.out.contains("上报"))
        // A team leader of another department cannot see it.
        let hidden = try await run(["show", "Q-2026-0070", "--db", db, "--as", "bzz-huang"])
        #expect(hidden.status == 1 && hidden.err.contains("not visible"))
    }

    /// Issue 14: after an escalation the team leader stayed first responsible, without a word.
    @Test func anEscalationSaysWhatItHandedOver() async throws {
        let db = try temporaryDatabase()
        _ = try await run(["demo", "--no-tui", "--db", db])
        let add = try await run(["add", "--db", db, "--title", "食堂晚上不开", "--category", "收入福利", "--channel", "go-down-visit", "--unit", "河口供电所"])
        let code = add.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await run(["analyse", code, "--db", db, "--root-cause", "值班人员无晚餐保障"]).status == 0)
        #expect(try await run(["grade", code, "general", "--db", db]).status == 0)
        let assign = try await run(["assign", code, "--person", "bzz-guo", "--department", "t-hk", "--db", db])
        #expect(assign.status == 0, "\(assign.err)")
        #expect(try await run(["escalate", code, "--db", db, "--reason", "需农网部统筹"]).status == 0)
        let show = try await run(["show", code, "--db", db, "--lang", "zh"])
        #expect(show.out.contains("上报交接：由 河口供电所（L1）上报至 农网管理部（L2）；原第一责任人 郭永平 不再负责；由 农网管理部 重新界定并指定第一责任人。"), "\(show.out)")
        #expect(show.out.contains("待 农网管理部 重新界定并指定第一责任人"))
        let owner = try #require(show.out.split(separator: "\n").first { $0.hasPrefix("第一责任人") })
        #expect(owner.hasSuffix("-"), "nobody is first responsible until 农网管理部 names someone: \(owner)")
        #expect(try await run(["assign", code, "--person", "bz-feng", "--department", "d-nw", "--db", db]).status == 0)
        #expect(!(try await run(["show", code, "--db", db, "--lang", "zh"])).out.contains("待 农网管理部"))
    }

    @Test func withoutATerminalTheUISaysSoAndExitsTwo() async throws {
        let db = try temporaryDatabase()
        _ = try await run(["demo", "--no-tui", "--db", db])
        let result = try await run(["tui", "--db", db])
        #expect(result.status == 2 && result.err.contains("needs a terminal"), "\(result.err)")
        let headless = try await run(["tui", "--db", db, "--headless", "100x30", "--keys", "j", "--timings"])
        #expect(headless.status == 0 && headless.out.contains("▸ Q-2026-0068"))
        #expect(headless.err.contains("p50_ms=") && headless.err.contains("p99_ms="))
        let dumped = try await run(["tui", "--db", db, "--headless", "80x24", "--keys", "j ?", "--dump"])
        #expect(dumped.out.components(separatedBy: "── ").count == 4, "start, j and ? each print a screen")
        #expect(dumped.out.contains("── j ──") && dumped.out.contains("Help: keys and commands"))
        let badSize = try await run(["tui", "--db", db, "--headless", "big"])
        #expect(badSize.status == 2 && badSize.err.contains("not a size"))
    }

    @Test func badInputGetsOneClearLineAndANonZeroExit() async throws {
        let db = try temporaryDatabase()
        let missing = try await run(["list", "--db", db])
        #expect(missing.status == 1 && missing.err.contains("not a wenti workspace"))
        #expect(!FileManager.default.fileExists(atPath: db), "listing does not create a database")
        _ = try await run(["demo", "--no-tui", "--db", db])
        let badID = try await run(["show", "Q-26-1", "--db", db])
        #expect(badID.status == 1 && badID.err.contains("not a concern id"))
        let unknown = try await run(["show", "Q-2026-9999", "--db", db])
        #expect(unknown.status == 1 && unknown.err.contains("no concern Q-2026-9999"))
        let illegal = try await run(["start", "Q-2026-0004", "--db", db], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(illegal.status == 1 && illegal.err.contains("不能开始解决"), "\(illegal.err)")
        // 孙文博 adds progress on version 1 first (the account is his for that command); then
        // 赵雅琴's change based on the same version is refused, naming him.
        #expect(try await run(["people", "login", "zg-sun", Self.account, "--db", db]).status == 0)
        let first = try await run(["progress", "Q-2026-0004", "--db", db, "--expect-version", "1", "补充"])
        #expect(first.status == 0, "\(first.err)")
        #expect(try await run(["people", "login", "zg-zhao", Self.account, "--db", db]).status == 0, "孙文博 gives the account back")
        let conflict = try await run(["progress", "Q-2026-0004", "--db", db, "--expect-version", "1", "再补充"])
        #expect(conflict.status == 3 && conflict.err.contains("was changed by 孙文博"), "\(conflict.err)")
        let again = try await run(["demo", "--no-tui", "--db", db])
        #expect(again.status == 0, "an earlier demo is replaced")
        let real = try temporaryDatabase()
        #expect(try await run(["init", "--db", real]).status == 0)
        let refused = try await run(["demo", "--no-tui", "--db", real])
        #expect(refused.status == 1 && refused.err.contains("is not a demo workspace"))
        #expect(try await run(["list", "--db", real, "--count"]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let badUnit = try await run(["list", "--db", db, "--unit", "火星站"])
        #expect(badUnit.status == 1 && badUnit.err.contains("火星站"))
    }

    @Test func theWholeLoopThroughTheCommandLine() async throws {
        let db = try temporaryDatabase()
        _ = try await run(["demo", "--no-tui", "--db", db])
        let id = "Q-2026-0004"   // found, in 变电运维班
        let steps: [[String]] = [
            ["analyse", id, "--root-cause", "活动室被挪作库房", "--difficulty", "low", "--breadth", "team"],
            ["grade", id, "一般"],
            ["plan", id, "备品移到新库房，恢复活动室"],
            ["assign", id, "--person", "李强", "--department", "变电运维班"],
            ["define", id, "--meeting", "HY-2026-12"],
            ["start", id],
            ["pledge", id, "--by", "bzz-li"],
            ["task", id, "--title", "清空活动室", "--due", "2026-12-20"],
            ["task", id, "--number", "1", "--state", "done"],
            ["batch", id, "--stream"],
            ["pause", id, "--reason", "等待新库房验收"],
            ["unpause", id],
            ["progress", id, "活动室已恢复使用"],
            ["solve", id, "活动室恢复"],
            ["feedback", id, "--contact", "李强", "--effect", "confirmed", "--satisfaction", "satisfied", "--score", "5"],
            ["close", id],
        ]
        for step in steps {
            let result = try await run(step + ["--db", db])
            #expect(result.status == 0, "\(step[0]): \(result.err)")
        }
        let shown = try await run(["show", id, "--db", db, "--lang", "zh"])
        #expect(shown.out.contains("已办结") && shown.out.contains("清空活动室") && shown.out.contains("流处理"))
        let log = try await run(["log", id, "--db", db, "--lang", "en"])
        for action in ["analyse", "grade", "set the plan", "name the first responsible", "define", "start solving", "record the pledge", "add a task", "mark solved", "record feedback", "close"] {
            #expect(log.out.contains(action), "log has \(action)")
        }
        let reopen = try await run(["reopen", id, "--db", db, "--reason", "想再看看"])
        #expect(reopen.status == 1 && reopen.err.contains("reopen only follows"))
    }

    @Test func importAndExportFiles() async throws {
        let db = try temporaryDatabase()
        _ = try await run(["demo", "--no-tui", "--db", db])
        let csv = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("new.csv")
        try Data("title,category,channel,unit\n宿舍热水器坏了,收入福利,hotline,青山供电所\n".utf8).write(to: csv)
        let imported = try await run(["import", csv.path, "--db", db])
        #expect(imported.status == 0 && imported.out.contains("imported 1"), "\(imported.err)")
        let bad = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("bad.csv")
        try Data("title,category,channel,unit\n好,收入福利,hotline,t-qs\n坏,收入福利,carrier-pigeon,t-qs\n".utf8).write(to: bad)
        let refused = try await run(["import", bad.path, "--db", db])
        #expect(refused.status == 1 && refused.err.contains("line 3, column channel"), "\(refused.err)")
        let count = try await run(["list", "--db", db, "--count"])
        #expect(count.out.trimmingCharacters(in: .whitespacesAndNewlines) == "70", "the bad file added nothing")
        let out = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("out.csv")
        #expect(try await run(["export", "--db", db, "-o", out.path, "--tier", "L3"]).status == 0)
        let exported = try Data(contentsOf: out)
        #expect(exported.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: exported, as: UTF8.self).split(separator: "\n").count == 1 + 14)
    }

    @Test func controlSequencesInDataNeverReachTheTerminal() async throws {
        let db = try temporaryDatabase()
        _ = try await run(["demo", "--no-tui", "--db", db])
        let hostile = "清屏\u{1B}[2J\u{1B}]0;pwned\u{07}\u{202E}反转"
        let add = try await run(["add", "--db", db, "--title", hostile, "--description", "第一行\n\u{1B}[31m红", "--category", "收入福利",
                           "--channel", "hotline", "--unit", "t-hk"])
        #expect(add.status == 0, "\(add.err)")
        for arguments in [["list", "--db", db], ["show", "Q-2026-0070", "--db", db], ["log", "Q-2026-0070", "--db", db]] {
            let output = try await run(arguments).out
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, "\(arguments[0])")
        }
        #expect(try await run(["list", "--db", db, "--limit", "1"]).out.contains("清屏␛[2J␛]0;pwned␇"))
        // The stored text is the text given: sanitising happens where it is shown.
        let json = try await run(["show", "Q-2026-0070", "--db", db, "--json"]).out
        #expect(json.contains("\\u001b[2J"))
    }
}
