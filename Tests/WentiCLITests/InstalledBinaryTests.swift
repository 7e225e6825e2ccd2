import Foundation
import Testing

/// The binary installs anywhere: copied alone into an empty folder, with the repository it
/// was built from out of sight, it still runs the demo and writes documents.
@Suite("wenti installed elsewhere", .serialized)
struct InstalledBinaryTests {
    /// What the installed binary must do, in one place: commands may soon need the OS account
    /// mapped to a person, and then this list changes here only. `$DB` and `$OUT` are the
    /// database and an output folder.
    static let commands: [[String]] = [
        ["demo", "--no-tui", "--db", "$DB"],
        ["notice", "DB-2026-001", "--format", "docx", "--output", "$OUT/notice.docx", "--db", "$DB"],
        ["meeting", "minutes", "HY-2026-11", "--format", "md", "--db", "$DB"],
        ["bulletin", "--month", "2026-10", "--format", "html", "--output", "$OUT/bulletin.html", "--db", "$DB"],
    ]

    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    @Test func theCopiedBinaryRunsTheDemoAndDocumentsFromAnEmptyFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-installed-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/empty", withIntermediateDirectories: true)
        let binary = folder + "/bin/wenti"
        // Copied by cp, not by this process: a daemon another test forks while our copy is
        // open for writing keeps that descriptor, and the copy then never runs ("Text file busy").
        let copied = try await OfficeCommandTests.run("/bin/cp", [CommandLineTests.binary.path, binary])
        try #require(copied.status == 0, "cp: \(copied.out)")
        // Hide the repository (seeds, templates, sources) in a private mount namespace, when
        // this machine allows one; else say that the check is the weaker one.
        let unshare = OfficeCommandTests.tool("unshare")
        var hidden = false
        if let unshare {
            hidden = try await OfficeCommandTests.run(unshare, ["--mount", "--propagation", "private", "sh", "-c",
                                                                "mount --bind \(folder)/empty \(Self.repository) && test ! -e \(Self.repository)/seeds"]).status == 0
        }
        if !hidden { print("InstalledBinaryTests: cannot hide the repository here (no unshare --mount); the binary runs beside it") }
        for command in Self.commands {
            let arguments = command.map { $0.replacingOccurrences(of: "$DB", with: folder + "/w.sqlite").replacingOccurrences(of: "$OUT", with: folder) }
            let result: (status: Int32, out: String)
            if hidden, let unshare {
                result = try await OfficeCommandTests.run(unshare, ["--mount", "--propagation", "private", "sh", "-c",
                                                              "mount --bind \"$0\" \"$1\" && shift && exec \"$@\"",
                                                              folder + "/empty", Self.repository, binary] + arguments, directory: folder + "/empty")
            } else {
                result = try await OfficeCommandTests.run(binary, arguments, directory: folder + "/empty")
            }
            #expect(result.status == 0, "wenti \(arguments.joined(separator: " ")): \(result.out)")
        }
        #expect(FileManager.default.fileExists(atPath: folder + "/notice.docx"))
        #expect(try String(contentsOfFile: folder + "/bulletin.html", encoding: .utf8).contains("@page"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/empty").isEmpty, "nothing written into the working folder")
    }

    @Test func completionScriptsAndTheManualComeFromTheCommands() async throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try await CommandLineTests().run(["--generate-completion-script", shell])
            #expect(script.status == 0 && script.out.contains("notice") && script.out.contains("office"), "\(shell): \(script.err)")
        }
        let manual = try await CommandLineTests().run(["manual"])
        #expect(manual.status == 0 && manual.out.hasPrefix(".TH WENTI 1"), "\(manual.err)")
        #expect(manual.out.contains(".SH COMMANDS") && manual.out.contains("wenti notice") && manual.out.contains("\\-\\-format"))
    }
}
