import Foundation
import Testing
import WentiTestSupport
@testable import WentiCore
@testable import WentiSession
@testable import WentiStore

/// Issue 18, "who sees what": each rule checked for every person of the demo it concerns.
@Suite("who sees what", .serialized)
struct WhoSeesWhatTests {
    /// 宋佳 (staff of 变电运维班) files anonymously: she is its finder, and her name must reach
    /// no one above her through the concern, its log, an export or a meeting's agenda.
    @Test func anAnonymousFilerIsNamedToNoOneButPoliticalWorkStaff() async throws {
        let demo = try await DemoFixture()
        let song = try await demo.session("yg-song")
        let filed = try await song.intake(NewConcern(title: "班长总是点名批评", description: "", categoryID: "belonging", channel: .hotline,
                                               finderID: "yg-song", reporter: .anonymous(sealedIdentity: .toSeal("宋佳")), unitID: "t-bdyw"))
        let above = ["bzz-li", "bz-zheng", "ld-zhou", "ld-chen"]
        for login in above {
            let session = try await demo.session(login)
            let concern = try await session.concern(filed.code)
            #expect(concern.finderID == nil, "\(login) sees the finder")
            let log = try await session.log(filed.code)
            #expect(!log.isEmpty && !log.contains { $0.actorID == "yg-song" }, "\(login) reads her name in the log")
            #expect(log.first?.actorID == AccessPolicy.anonymousActor)
            var exported: [Concern] = []
            try await session.eachConcern(ConcernQuery()) { exported += $0 }
            let row = try #require(exported.first { $0.code == filed.code }, "\(login) exports it")
            #expect(row.finderID == nil && row.reporter == .anonymous(sealedIdentity: nil), "\(login) exports her name")
            // The department's meeting of next month takes it up to define it.
            if login == "bz-zheng" {
                let agenda = try await session.agenda(unit: "d-yj", month: YearMonth(year: 2026, month: 12)!)
                let item = try #require(agenda.items.first { $0.concern == filed.code }, "on the agenda")
                #expect(item.parties.finderID == nil, "\(login) reads her on the agenda")
            }
        }
        // She sees herself; political-work staff see who she is (they answer her).
        #expect(try await song.log(filed.code).first?.actorID == "yg-song")
        let staff = try await demo.session("zg-qian")
        #expect(try await staff.concern(filed.code).finderID == "yg-song")
        #expect(try await staff.log(filed.code).first?.actorID == "yg-song")
    }

    /// Those who must act on a concern see it: its first responsible person wherever it is
    /// filed, and the head of the department it was referred to.
    @Test func thePeopleWhoMustActSeeTheConcern() async throws {
        let demo = try await DemoFixture()
        var all: [Concern] = []
        try await demo.store.eachConcern(ConcernQuery(), scope: .all) { all += $0 }
        let owned = all.filter { $0.firstResponsibleID != nil }
        let elsewhere = owned.filter { concern in
            let owner = demo.person(concern.firstResponsibleID!.rawValue)
            return !AccessPolicy.scope(of: owner, in: demo.organisation).libraries.contains(concern.unitID)
        }
        #expect(elsewhere.count >= 6, "the demo has concerns owned from outside their library")
        for concern in owned {
            let session = try await demo.session(concern.firstResponsibleID!.rawValue)
            #expect((try? await session.concern(concern.code)) != nil, "\(concern.code) hidden from its first responsible person")
        }
        // The responsible department solves it and receives its supervision notices.
        let solving = all.filter { $0.responsibleUnitID != nil }
        #expect(solving.contains { demo.organisation.unit($0.responsibleUnitID!)?.id != $0.unitID }, "some are solved by another unit")
        for concern in solving {
            let heads = demo.organisation.people.values.filter {
                ($0.role == .departmentHead || $0.role == .teamLeader) && $0.unitID == concern.responsibleUnitID
            }
            for head in heads {
                #expect((try? await demo.session(head.id.rawValue).concern(concern.code)) != nil, "\(concern.code) hidden from \(head.name), its solving unit")
            }
        }
        let referred = all.filter { $0.stage == .referred }
        #expect(!referred.isEmpty)
        for concern in referred {
            let heads = demo.organisation.people.values.filter { $0.role == .departmentHead && $0.unitID == concern.referral?.toUnitID }
            #expect(!heads.isEmpty, "\(concern.code) referred to a department with a head")
            for head in heads {
                #expect((try? await demo.session(head.id.rawValue).concern(concern.code)) != nil, "\(concern.code) hidden from \(head.name)")
            }
        }
    }

    /// Minutes, agendas and notices name only concerns the reader may open.
    @Test func meetingsAndNoticesListOnlyConcernsInTheReadersScope() async throws {
        let demo = try await DemoFixture()
        for person in demo.organisation.people.values where person.role != .politicalWork && person.role != .companyLeader {
            let session = try await demo.session(person.id.rawValue)
            for meeting in try await session.meetings() {
                for item in meeting.items {
                    #expect((try? await session.concern(item.concern)) != nil, "\(person.name) reads \(item.concern) in \(meeting.id)")
                }
            }
            for notice in try await session.notices() {
                #expect((try? await session.concern(notice.concern)) != nil, "\(person.name) reads \(notice.concern) in \(notice.id)")
            }
        }
    }
}
