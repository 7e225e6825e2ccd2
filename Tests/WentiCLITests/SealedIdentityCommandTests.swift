import Foundation
import Testing

/// Issue 13's "done when", through the real binary: a leaked file, WAL or export holds no
/// sealed name; a wrong passphrase, a missing reason and a principal who is not
/// political-work staff are each refused in words; every opening is in the audit log; keys
/// are made, granted, removed and recovered the way staff would do it.
@Suite("Sealed identities on the command line", .serialized)
struct SealedIdentityCommandTests {
    let cli = CommandLineTests()

    /// The demo's anonymous reporters as `seeds/concerns.yaml` writes them.
    static let sealedNames = [
        "检修班派遣工，姓唐，联系方式在政工部登记", "输电班员工，本人要求不公开姓名", "客服班两名坐席，名单在政工部心理帮扶台账中",
        "城东所农电工代表，三人联名", "施工一队员工，政工员吴俊掌握", "运检部职工代表，听证会上提出", "营销部派遣工代表二人",
        "职代会代表提出，记录在听证会纪要附件", "多名职工代表在听证会上提出",
    ]

    /// A passphrase or recovery key on standard input, for `--passphrase-fd 0`.
    func run(_ arguments: [String], input text: String) async throws -> CommandLineTests.Result {
        try await cli.run(arguments, input: Data(text.utf8))
    }

    /// Which of `names` appear anywhere in `data`.
    func found(_ names: [String], in data: Data) -> [String] {
        names.filter { data.range(of: Data($0.utf8)) != nil }
    }

    func demo() async throws -> (db: String, recoveryKey: String) {
        let db = try cli.temporaryDatabase()
        let demo = try await cli.run(["demo", "--no-tui", "--db", db])
        #expect(demo.status == 0, "\(demo.err)")
        #expect(demo.out.contains("passphrase is jiangcheng-demo"), "the demo states its passphrase: \(demo.out)")
        let recovery = try #require(demo.out.firstMatch(of: /recovery key is ([A-Z2-7-]+)/)?.1)
        return (db, String(recovery))
    }

    @Test func noSealedNameIsInTheFileItsWALOrAnExport() async throws {
        let (db, _) = try await demo()
        let opened = try await run(["identity", "open", "Q-2026-0006", "--reason", "回访核实", "--passphrase-fd", "0", "--db", db],
                                 input: "jiangcheng-demo\n")
        #expect(opened.status == 0 && opened.out == "检修班派遣工，姓唐，联系方式在政工部登记\n", "\(opened.err)")
        var everything = try Data(contentsOf: URL(fileURLWithPath: db))
        if let wal = FileManager.default.contents(atPath: db + "-wal") { everything.append(wal) }
        for format in ["csv", "json"] {
            let export = try await cli.run(["export", "--format", format, "--db", db])
            #expect(export.status == 0, "\(export.err)")
            everything.append(Data(export.out.utf8))
        }
        everything.append(Data(try await cli.run(["list", "--db", db, "--limit", "500", "--format", "json"]).out.utf8))
        everything.append(Data(try await cli.run(["show", "Q-2026-0006", "--db", db]).out.utf8))
        #expect(found(Self.sealedNames, in: everything).isEmpty, "\(found(Self.sealedNames, in: everything))")
        #expect(try await cli.run(["show", "Q-2026-0006", "--db", db]).out.contains("identity sealed"))
    }

    @Test func aWrongPassphraseAMissingReasonAndAnotherRoleAreRefusedAndOpeningsAreAudited() async throws {
        let (db, _) = try await demo()
        let noReason = try await run(["identity", "open", "Q-2026-0006", "--passphrase-fd", "0", "--db", db], input: "jiangcheng-demo\n")
        #expect(noReason.status == 1 && noReason.out.isEmpty && noReason.err.contains("needs a reason (--reason)"), "\(noReason.err)")
        let wrong = try await run(["identity", "open", "Q-2026-0006", "--reason", "回访", "--passphrase-fd", "0", "--db", db, "--lang", "zh"],
                                input: "jiangcheng\n")
        #expect(wrong.status == 1 && wrong.out.isEmpty && wrong.err.contains("口令不对"), "\(wrong.err)")
        let noTerminal = try await cli.run(["identity", "open", "Q-2026-0006", "--reason", "回访", "--db", db])
        #expect(noTerminal.status == 1 && noTerminal.err.contains("--passphrase-fd"), "\(noTerminal.err)")
        let named = try await run(["identity", "open", "Q-2026-0012", "--reason", "回访", "--passphrase-fd", "0", "--db", db], input: "jiangcheng-demo\n")
        #expect(named.status == 1 && named.err.contains("has no sealed reporter identity"), "\(named.err)")
        // Nothing above was an opening.
        #expect(!(try await cli.run(["identity", "log", "--db", db]).out.contains("open a sealed identity")))
        let opened = try await run(["identity", "open", "Q-2026-0006", "--reason", "回访核实本人意见", "--passphrase-fd", "0", "--db", db],
                                 input: "jiangcheng-demo\n")
        #expect(opened.status == 0)
        let log = try await cli.run(["identity", "log", "--db", db])
        #expect(log.out.contains("赵雅琴") && log.out.contains("open a sealed identity") && log.out.contains("Q-2026-0006")
                && log.out.contains("回访核实本人意见"), "\(log.out)")
        // A company leader: refused by name, before any passphrase; and the log is not theirs to read.
        #expect(try await cli.run(["people", "login", "ld-zhou", CommandLineTests.account, "--db", db]).status == 0)
        let leader = try await cli.run(["identity", "open", "Q-2026-0006", "--reason", "了解情况", "--db", db, "--lang", "zh"])
        #expect(leader.status == 1 && leader.err.contains("周建国（公司领导）无权查看匿名反映人身份"), "\(leader.err)")
        #expect(try await cli.run(["identity", "log", "--db", db]).status == 1)
        #expect(try await run(["keys", "init", "--passphrase-fd", "0", "--db", db], input: "leader-passphrase\n").status == 1)
    }

    @Test func aNewStaffKeyIsGrantedRemovedAndTheRecoveryKeyOpensEverything() async throws {
        let (db, recoveryKey) = try await demo()
        func asPerson(_ id: String) async throws {
            #expect(try await cli.run(["people", "login", id, CommandLineTests.account, "--db", db]).status == 0)
        }
        // 钱晓燕 makes her key: new reports are hers to open at once, older ones once granted.
        try await asPerson("zg-qian")
        let made = try await run(["keys", "init", "--passphrase-fd", "0", "--db", db], input: "qian-passphrase\n")
        #expect(made.status == 0 && made.out.contains("wenti keys grant 钱晓燕"), "\(made.err)")
        #expect(try await run(["keys", "init", "--passphrase-fd", "0", "--db", db], input: "qian-passphrase\n").err.contains("--replace"))
        let before = try await run(["identity", "open", "Q-2026-0006", "--reason", "回访", "--passphrase-fd", "0", "--db", db], input: "qian-passphrase\n")
        #expect(before.status == 1 && before.err.contains("wenti keys grant"), "\(before.err)")
        try await asPerson("zg-zhao")
        let granted = try await run(["keys", "grant", "钱晓燕", "--passphrase-fd", "0", "--db", db], input: "jiangcheng-demo\n")
        #expect(granted.status == 0 && granted.out.contains("9"), "\(granted.out) \(granted.err)")
        #expect(try await cli.run(["keys", "list", "--db", db]).out.contains("9/9"))
        try await asPerson("zg-qian")
        let after = try await run(["identity", "open", "Q-2026-0006", "--reason", "回访", "--passphrase-fd", "0", "--db", db], input: "qian-passphrase\n")
        #expect(after.out == "检修班派遣工，姓唐，联系方式在政工部登记\n", "\(after.err)")
        // Removed: nothing opens for her any more, not even what she was granted.
        #expect(try await cli.run(["keys", "remove", "zg-qian", "--db", db]).status == 0)
        let removed = try await run(["identity", "open", "Q-2026-0006", "--reason", "回访", "--passphrase-fd", "0", "--db", db], input: "qian-passphrase\n")
        #expect(removed.status == 1 && removed.err.contains("has no key"), "\(removed.err)")
        // Every staff key lost: the recovery key from paper opens, and gives a new key everything.
        try await asPerson("zg-zhao")
        let recovered = try await run(["identity", "open", "Q-2026-0006", "--reason", "密钥丢失后核对", "--recovery", "--passphrase-fd", "0", "--db", db],
                                    input: recoveryKey.lowercased() + "\n")
        #expect(recovered.out == "检修班派遣工，姓唐，联系方式在政工部登记\n", "\(recovered.err)")
        let mistyped = try await run(["identity", "open", "Q-2026-0006", "--reason", "核对", "--recovery", "--passphrase-fd", "0", "--db", db],
                                   input: "AAAA" + recoveryKey.dropFirst(4) + "\n")
        #expect(mistyped.status == 1 && mistyped.err.contains("not this workspace's recovery key"), "\(mistyped.err)")
        #expect(try await run(["keys", "init", "--replace", "--passphrase-fd", "0", "--db", db], input: "zhao-new-passphrase\n").status == 0)
        let regrant = try await run(["keys", "grant", "zg-zhao", "--recovery", "--passphrase-fd", "0", "--db", db], input: recoveryKey + "\n")
        #expect(regrant.status == 0 && regrant.out.contains("9"), "\(regrant.err)")
        let reopened = try await run(["identity", "open", "Q-2026-0006", "--reason", "核对", "--passphrase-fd", "0", "--db", db], input: "zhao-new-passphrase\n")
        #expect(reopened.out == "检修班派遣工，姓唐，联系方式在政工部登记\n", "\(reopened.err)")
    }

    @Test func aNewWorkspaceShowsItsRecoveryKeyOnceAndTakesInAnonymousReportsWithNoKey() async throws {
        let db = try cli.temporaryDatabase()
        let made = try await cli.run(["init", "--db", db])
        #expect(made.status == 0 && made.out.contains("Recovery key (shown this once"), "\(made.out) \(made.err)")
        let add = try await cli.run(["add", "--title", "夜班没热饭", "--category", "team-burden", "--channel", "hotline", "--unit", "变电运维班",
                               "--anonymous", "--sealed", "变电运维班夜班员工小周", "--db", db])
        #expect(add.status == 0, "\(add.err)")
        let file = try Data(contentsOf: URL(fileURLWithPath: db)) + (FileManager.default.contents(atPath: db + "-wal") ?? Data())
        #expect(found(["变电运维班夜班员工小周"], in: file).isEmpty)
        let keys = try await cli.run(["keys", "list", "--db", db])
        #expect(keys.out.contains("recovery key (paper)") && keys.out.contains("1/1"), "\(keys.out)")
    }
}
