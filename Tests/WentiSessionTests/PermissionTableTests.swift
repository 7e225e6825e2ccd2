import Foundation
import WentiTestSupport
import Testing
@testable import WentiCore
@testable import WentiSession
@testable import WentiStore

/// The permission table as the method wants it, written here by hand a second time so that
/// a change to the table is always deliberate, and judged on the demo's real organisation.
@Suite("The permission table")
struct PermissionTableTests {
    /// Per action, the reach of each role in the order political-work, company leader,
    /// department head, team leader, staff: c company, m libraries they own, r responsible,
    /// u their unit's library, a addressed to them, - nothing.
    static let expected: [String: String] = [
        "intake": "c c m m u",
        "analyse": "c m m m -", "grade": "c m m m -", "plan": "c m m m -", "assign": "c m m m -", "define": "c m m m -",
        "start": "c mr mr mr r", "progress": "c mr mr mr r", "task-book": "c mr mr mr r", "pledge": "c mr mr mr r",
        "solve": "c mr mr mr r", "link": "c mr mr mr r",
        "deadline": "c m m m -", "pause": "c m m m -",
        "escalate": "c - m m -",
        "refer": "c m m m -", "resume": "c m m m -", "batch": "c m m m -", "undo": "c m m m -",
        "feedback": "c m m m -", "close": "c m m m -", "reopen": "c m m m -",
        "notice-issue": "c - - - -", "notice-chase": "c - - - -", "notice-complete": "c - - - -",
        "notice-acknowledge": "c a a a a", "notice-report": "c a a a a", "notice-answer": "c a a a a",
        "meeting-prepare": "c m m m -", "meeting-decide": "c m m m -", "meeting-confirm": "c m m m -",
        "practice-write": "c m m m -", "practice-apply": "c m m m -",
        "visit-log": "c - - - -",
        "bulletin": "c c m m -", "figures": "c c m m -", "assessment": "c c m - -",
        "people": "c - - - -", "open-sealed-identity": "c - - - -", "view-as": "c - - - -",
    ]

    static let letters: [Character: Reach] = ["c": .company, "m": .managed, "r": .responsible, "u": .ownUnit, "a": .addressed]

    @Test func everyActionHasTheGrantsTheMethodGivesEachRole() throws {
        #expect(Set(Self.expected.keys) == Set(MethodAction.allCases.map(\.rawValue)), "every action is written down here")
        for action in MethodAction.allCases {
            let cells = try #require(Self.expected[action.rawValue]).split(separator: " ")
            for (role, cell) in zip(Role.allCases, cells) {
                let reaches = Set(cell.compactMap { Self.letters[$0] })
                #expect(Permissions.reaches(role, action) == reaches, "\(role.rawValue) × \(action.rawValue)")
            }
        }
    }

    /// Every role × every action, allowed and refused, on the demo's people and libraries:
    /// a concern of 变电运维班 (L1), of 运维检修部 (L2), of 客户服务班 (another department's
    /// team) and of the company (L3).
    @Test func everyRoleIsAllowedInsideItsReachAndRefusedOutside() async throws {
        let fixture = try await DemoFixture()
        let org = fixture.organisation
        let people = ["zg-zhao", "ld-zhou", "bz-zheng", "bzz-li", "yg-song"].map(fixture.person)
        let targets = await [
            try fixture.first { $0.unitID == "t-bdyw" && $0.firstResponsibleID == nil },
            try await fixture.first { $0.unitID == "d-yj" && $0.firstResponsibleID != "bz-zheng" },
            try await fixture.first { $0.unitID == "t-kf" },
            try await fixture.first { $0.unitID == "co" },
        ]
        var allowed = 0
        var refused = 0
        for action in MethodAction.allCases {
            for person in people {
                for concern in targets {
                    let target: PermissionTarget
                    switch action {
                    case .noticeIssue, .noticeChase, .noticeComplete, .noticeAcknowledge, .noticeReport, .noticeAnswer:
                        target = .notice(toUnit: concern.unitID, toPerson: "bzz-huang", concern: concern.code)
                    case .bulletin, .figures, .assessment, .meetingPrepare, .meetingDecide, .meetingConfirm:
                        target = .unit(concern.unitID)
                    case .people, .openSealedIdentity, .viewAs:
                        target = .company
                    default:
                        target = .concern(concern)
                    }
                    let managed = Permissions.managedUnits(of: person, in: org)
                    let reaches = Permissions.reaches(person.role, action)
                    let shouldAllow = reaches.contains(.company)
                        || (reaches.contains(.managed) && target != .company && managed.contains(concern.unitID))
                        || (reaches.contains(.ownUnit) && target != .company && concern.unitID == person.unitID)
                        || (reaches.contains(.addressed) && managed.contains(concern.unitID))
                        || (reaches.contains(.responsible) && target == .concern(concern) && concern.firstResponsibleID == person.id)
                    let refusal = Permissions.refusal(person, action, on: target, in: org)
                    #expect((refusal == nil) == shouldAllow, "\(person.name) \(action.rawValue) on \(concern.code) in \(concern.unitID)")
                    if refusal == nil { allowed += 1 } else { refused += 1 }
                }
            }
        }
        // Both outcomes occur for the table to be tested at all.
        #expect(allowed > 100 && refused > 100)
        print("permission matrix on the demo: \(allowed) allowed, \(refused) refused")
    }

    @Test func theFirstResponsiblePersonWorksTheirConcernWhateverTheirRole() async throws {
        let fixture = try await DemoFixture()
        // 宋佳 (staff of 变电运维班) made first responsible for a concern of another department's team.
        var owned = try await fixture.first { $0.stage == .solving && $0.unitID == "t-kf" }
        owned.firstResponsibleID = "yg-song"
        let owner = fixture.person("yg-song")
        for action in [MethodAction.progress, .taskBook, .solve, .pledge] {
            #expect(Permissions.refusal(owner, action, on: .concern(owned), in: fixture.organisation) == nil, "\(action)")
        }
        #expect(Permissions.refusal(owner, .grade, on: .concern(owned), in: fixture.organisation) != nil)
    }

    @Test func aRefusalNamesPeopleAndUnitsNeverIds() async throws {
        let fixture = try await DemoFixture()
        let concern = try await fixture.first { $0.unitID == "t-bdyw" }
        let refusal = try #require(Permissions.refusal(fixture.person("yg-song"), .grade, on: .concern(concern), in: fixture.organisation))
        #expect(refusal.label.zh.hasPrefix("宋佳（员工）无权定级：\(concern.code)（变电运维班）"))
        #expect(refusal.label.zh.contains("政工人员（全公司）"))
        #expect(refusal.label.en.contains("宋佳 (staff) may not grade \(concern.code) (变电运维班)"))
        for id in ["yg-song", "t-bdyw", "zg-"] {
            #expect(!refusal.label.zh.contains(id) && !refusal.label.en.contains(id), "\(id)")
        }
    }

    /// docs/PERMISSIONS.md carries the table as the code has it, in both languages.
    @Test func theDocumentAndTheCodeAgree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let document = try String(contentsOf: root.appendingPathComponent("docs/PERMISSIONS.md"), encoding: .utf8)
        for language in Language.allCases {
            let start = try #require(document.range(of: "<!-- permissions:\(language.rawValue) -->\n"))
            let end = try #require(document.range(of: "\n<!-- /permissions -->", range: start.upperBound..<document.endIndex))
            #expect(String(document[start.upperBound..<end.lowerBound]) == PermissionsDocument.table(language), "\(language)")
        }
    }
}
