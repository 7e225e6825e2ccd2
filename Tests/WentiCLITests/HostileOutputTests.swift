import Foundation
import Testing
import WentiTestSupport

/// Issue 18: nothing from data or from an argument reaches a terminal raw. Each class of
/// terminal control (`HostileText`) goes through every way the command line prints: tables
/// and details, error messages (wenti's own and the argument parser's), machine formats and
/// documents written to a terminal.
@Suite("hostile text on the command line", .serialized)
struct HostileOutputTests {
    let cli = CommandLineTests()

    func demo() async throws -> String {
        let db = try cli.temporaryDatabase()
        let made = try await cli.run(["demo", "--no-tui", "--db", db])
        #expect(made.status == 0, "\(made.err)")
        return db
    }

    func file(_ name: String, beside db: String, _ contents: String) throws -> String {
        let url = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    @Test func errorMessagesQuotingWhatWasTypedOrReadAreCleaned() async throws {
        let db = try await demo()
        for (name, text) in HostileText.classes {
            let header = try file("header.csv", beside: db, "title,category,channel,unit,x\(text)y\n好,收入福利,hotline,t-qs,1\n")
            let cell = try file("cell.csv", beside: db, "title,category,channel,unit\n好,收\(text)入,hotline,t-qs\n")
            let attempts: [[String]] = [
                ["show", "Q\(text)1", "--db", db],                       // a hostile argument
                ["list", "--unit", "运\(text)检", "--db", db],             // an option's value
                ["list", "--bogus\(text)", "--db", db],                   // the argument parser's own message
                ["import", header, "--db", db],                           // an unknown column
                ["import", cell, "--db", db],                             // an unknown category
            ]
            for arguments in attempts {
                let result = try await cli.run(arguments)
                #expect(result.status != 0, "\(name): \(arguments[0]) refused")
                #expect(!result.err.isEmpty, "\(name): \(arguments[0]) says why")
                #expect(HostileText.rawControls(in: result.err + result.out).isEmpty,
                        "\(name) through \(arguments.prefix(2).joined(separator: " ")): \(result.err.debugDescription)")
            }
        }
    }

    @Test func everyOutputPathToATerminalHoldsNoRawControl() async throws {
        let db = try await demo()
        // One concern per class (a title holds at most 120 characters), the last with every
        // class in its description too.
        var code = ""
        for (name, text) in HostileText.classes {
            let add = try await cli.run(["add", "--db", db, "--title", "问题" + text + "结尾", "--description", "描述" + HostileText.all,
                                   "--category", "收入福利", "--channel", "hotline", "--unit", "t-hk"])
            #expect(add.status == 0, "\(name): \(add.err)")
            code = add.out.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let paths: [[String]] = [
            ["list"], ["list", "--format", "csv"], ["list", "--format", "json"], ["show", code], ["show", code, "--json"],
            ["log", code], ["export"], ["export", "--format", "json"],
            ["meeting", "agenda", "--unit", "t-hk", "--month", "2026-12"],
            ["meeting", "agenda", "--unit", "t-hk", "--month", "2026-12", "--format", "html"],
        ]
        for arguments in paths {
            let result = try await TerminalRun.run(arguments + ["--db", db])
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.screen)")
            #expect(result.screen.contains("问题"), "\(arguments.joined(separator: " ")) shows the concern")
            let raw = HostileText.rawControls(in: result.screen)
            #expect(raw.isEmpty, "\(arguments.joined(separator: " ")) wrote \(raw.map { String($0.value, radix: 16) })")
        }
        // A machine format on a terminal says it is not the exact data, and how to get it.
        let csv = try await TerminalRun.run(["list", "--format", "csv", "--db", db])
        #expect(csv.screen.contains("redirect to a file or a pipe"))
    }

    @Test func machineFormatsStayExactToAPipe() async throws {
        let db = try await demo()
        let title = "问题" + HostileText.classes.filter { $0.name != "C0" && $0.name != "C1" }.map(\.text).joined() + "结尾"
        let add = try await cli.run(["add", "--db", db, "--title", title, "--description", HostileText.all,
                               "--category", "收入福利", "--channel", "hotline", "--unit", "t-hk"])
        #expect(add.status == 0, "\(add.err)")
        let code = add.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let json = try await cli.run(["list", "--format", "json", "--text", "结尾", "--db", db])
        let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        let rows = try #require(object?["concerns"] as? [[String: Any]])
        #expect(rows.first?["title"] as? String == title, "the title comes back exactly as it was given")
        let shown = try await cli.run(["show", code, "--json", "--db", db])
        let concern = try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any]
        #expect(concern?["description"] as? String == HostileText.all, "every class, C0 and C1 included, exactly")
        let csv = try await cli.run(["list", "--format", "csv", "--text", "结尾", "--db", db])
        #expect(csv.out.contains(HostileText.classes[3].text), "an OSC in a CSV to a pipe stays as stored")
        #expect(!csv.err.contains("redirect"), "no notice when the output is not a terminal")
        #expect(csv.out.contains(code))
    }
}
