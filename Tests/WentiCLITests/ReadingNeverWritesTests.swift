import Foundation
import Testing
import WentiTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 18: reading never writes, and a file that is not a wenti workspace is never touched.
@Suite("reading never writes", .serialized)
struct ReadingNeverWritesTests {
    let cli = CommandLineTests()

    /// The file's bytes, and whether SQLite's companions are beside it.
    func snapshot(_ path: String) throws -> (Data, companions: [String]) {
        let companions = ["-wal", "-shm", "-journal"].filter { FileManager.default.fileExists(atPath: path + $0) }
        return (try Data(contentsOf: URL(fileURLWithPath: path)), companions)
    }

    @Test func listShowLogAndTheUILeaveTheWorkspaceAsItWas() async throws {
        let db = try cli.temporaryDatabase()
        #expect(try await cli.run(["demo", "--no-tui", "--db", db]).status == 0)
        let before = try snapshot(db)
        #expect(before.companions.isEmpty, "the demo closed cleanly")
        for arguments in [["list"], ["list", "--format", "json"], ["show", "Q-2026-0001"], ["log", "Q-2026-0001"], ["whoami"],
                          ["stats", "--month", "2026-11"], ["tui", "--headless", "80x24", "--keys", "j j 2 3 4 5 6 1"]] {
            let result = try await cli.run(arguments + ["--db", db])
            #expect(result.status == 0, "\(arguments[0]): \(result.err)")
            let after = try snapshot(db)
            #expect(after.0 == before.0, "\(arguments.joined(separator: " ")) changed the file")
            #expect(after.companions.isEmpty, "\(arguments[0]) left \(after.companions)")
        }
    }

    @Test func aReadWorksBesideAnotherProcessHoldingTheWriteLock() async throws {
        let db = try cli.temporaryDatabase()
        #expect(try await cli.run(["demo", "--no-tui", "--db", db]).status == 0)
        // The same read with no lock held, just before, in the same machine's load: what the
        // read beside the writer may take beyond it is the waiting.
        let unlockedStart = Date()
        _ = try await cli.run(["list", "--count", "--db", db])
        let unlocked = Date().timeIntervalSince(unlockedStart)
        let sqlite = try #require(["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                  "the sqlite3 shell holds the lock")
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: sqlite)
        writer.arguments = [db]
        let input = Pipe()
        let output = Pipe()
        writer.standardInput = input
        writer.standardOutput = output
        writer.standardError = FileHandle.nullDevice
        try writer.run()
        // The writer takes the lock, then says so; it keeps it until told to roll back.
        try input.fileHandleForWriting.write(contentsOf: Data("BEGIN IMMEDIATE;\nINSERT INTO setting VALUES ('held', '1');\nSELECT 'locked';\n".utf8))
        var said = Data()
        while !String(decoding: said, as: UTF8.self).contains("locked") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            said.append(chunk)
        }
        let started = Date()
        let list = try await cli.run(["list", "--count", "--db", db])
        let waited = Date().timeIntervalSince(started)
        try input.fileHandleForWriting.write(contentsOf: Data("ROLLBACK;\n.quit\n".utf8))
        try input.fileHandleForWriting.close()
        writer.waitUntilExit()
        #expect(list.status == 0 && list.out.trimmingCharacters(in: .whitespacesAndNewlines) == "69", "\(list.err)")
        // The writer holds its lock until after the read has ended, so a read that needed the
        // lock would have failed once its 3 s busy timeout ran out: its count is the proof.
        // The times are printed, not judged: a loaded machine makes any bound flaky.
        print(String(format: "reading beside a writer: %.2f s (the same read unlocked: %.2f s)", waited, unlocked))
    }

    @Test func anotherApplicationsDatabaseAndAnEmptyFileAreRefusedUntouched() async throws {
        let directory = URL(fileURLWithPath: try cli.temporaryDatabase()).deletingLastPathComponent()
        let foreign = directory.appendingPathComponent("notes.sqlite").path
        let sqlite = try #require(["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) })
        let make = Process()
        make.executableURL = URL(fileURLWithPath: sqlite)
        make.arguments = [foreign, "CREATE TABLE note(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO note(body) VALUES ('mine');"]
        try make.run()
        make.waitUntilExit()
        let empty = directory.appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let garbage = directory.appendingPathComponent("garbage.sqlite").path
        #expect(FileManager.default.createFile(atPath: garbage, contents: Data("not a database at all, just words".utf8)))
        for path in [foreign, empty, garbage] {
            let before = try snapshot(path)
            for arguments in [["list"], ["show", "Q-2026-0001"], ["add", "--title", "x", "--category", "c", "--channel", "hotline", "--unit", "u"], ["tui", "--headless", "80x24"]] {
                let result = try await cli.run(arguments + ["--db", path])
                #expect(result.status != 0, "\(arguments[0]) on \(path)")
                #expect(result.err.contains("not a wenti workspace"), "\(arguments[0]): \(result.err)")
                let after = try snapshot(path)
                #expect(after.0 == before.0 && after.companions.isEmpty, "\(arguments[0]) touched \(path)")
            }
        }
    }

    /// Root may write any file, so the reader here is `nobody`, linked to the workspace's
    /// creator; the file and its folder are theirs to read only.
    @Test func aReadOnlyWorkspaceCanBeListedAndRefusesWrites() async throws {
        let setpriv = try #require(["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) })
        guard geteuid() == 0 else { return }   // only root can become nobody; as anyone else, chmod is enough below
        let directory = URL(fileURLWithPath: try cli.temporaryDatabase()).deletingLastPathComponent()
        let db = directory.appendingPathComponent("d.sqlite").path
        #expect(try await cli.run(["demo", "--no-tui", "--db", db]).status == 0)
        #expect(try await cli.run(["people", "login", "zg-zhao", "nobody", "--db", db]).status == 0)
        chmod(db, 0o444)
        chmod(directory.path, 0o555)
        defer { chmod(directory.path, 0o755) }
        let before = try snapshot(db)
        func asNobody(_ arguments: [String]) async throws -> CommandLineTests.Result {
            try await cli.run(["--reuid", "65534", "--regid", "65534", "--clear-groups", CommandLineTests.binary.path] + arguments,
                        executable: setpriv)
        }
        let list = try await asNobody(["list", "--count", "--db", db])
        #expect(list.status == 0 && list.out.trimmingCharacters(in: .whitespacesAndNewlines) == "69", "\(list.err)")
        let show = try await asNobody(["show", "Q-2026-0001", "--db", db])
        #expect(show.status == 0, "\(show.err)")
        let add = try await asNobody(["add", "--title", "只读", "--category", "收入福利", "--channel", "hotline", "--unit", "t-hk", "--db", db])
        #expect(add.status == 1 && add.err.contains("read-only"), "\(add.err)")
        #expect(try snapshot(db).0 == before.0)
    }
}
