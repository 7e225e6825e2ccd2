import Foundation
import Testing
@testable import WentiCore

@Suite("Deadlines, paused time and role scoping")
struct ScheduleAndAccessTests {
    @Test func daysAndMonths() {
        let day = Day("2026-02-28")!
        #expect(day.adding(days: 1).description == "2026-03-01")
        #expect(Day("2024-02-29") != nil && Day("2026-02-29") == nil && Day("2026-13-01") == nil && Day("26-1-1") == nil)
        #expect(Day("2026-03-01")!.days(since: day) == 1)
        #expect(YearMonth("2026-12")!.next.description == "2027-01")
        #expect(YearMonth("2026-11")!.lastDay.description == "2026-11-30")
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        // 2026-11-24 17:00 UTC is already the 25th in Shanghai.
        #expect(Day(Date(timeIntervalSince1970: 1_795_539_600), in: shanghai).description == "2026-11-25")
    }

    @Test func gradePolicyGivesDeadlines() throws {
        #expect(GradePolicy.standard.schedule(for: .urgent, gradedOn: Fixtures.today).deadline == Fixtures.today.adding(days: 7))
        #expect(GradePolicy.standard.schedule(for: .budding, gradedOn: Fixtures.today).nextReview == Fixtures.today.adding(days: 30))
        #expect(throws: PolicyError.missingDeadline(.major)) { try GradePolicy(deadlineDays: [.urgent: 7, .general: 60], buddingReviewDays: 30) }
        #expect(throws: PolicyError.nonPositive(.urgent, 0)) { try GradePolicy(deadlineDays: [.urgent: 0, .major: 30, .general: 60], buddingReviewDays: 30) }
        let custom = try GradePolicy(deadlineDays: [.urgent: 3, .major: 20, .general: 45], buddingReviewDays: 14)
        #expect(custom.schedule(for: .major, gradedOn: Fixtures.today).deadline == Fixtures.today.adding(days: 20))
    }

    @Test func overdueExcludesPausedTime() throws {
        // Urgent: due 7 days after grading on 2026-11-01, i.e. 2026-11-08.
        var c = try Fixtures.apply(Fixtures.toSolving.map { if case .grade = $0 { return .grade(.urgent) } else { return $0 } }, to: Fixtures.found())
        let due = Fixtures.today.adding(days: 7)
        #expect(DeadlineClock.daysOverdue(c, today: due) == 0)
        #expect(DeadlineClock.daysOverdue(c, today: due.adding(days: 3)) == 3)
        // Paused for 5 days from the 3rd: the deadline moves to the 13th.
        c = try Fixtures.apply([.pause(reason: "当事人休假")], to: c, today: Fixtures.today.adding(days: 2))
        #expect(DeadlineClock.isOverdue(c, today: due.adding(days: 10)) == false)
        c = try Fixtures.apply([.unpause], to: c, today: Fixtures.today.adding(days: 7))
        #expect(c.pausedDays == 5)
        #expect(DeadlineClock.effectiveDeadline(of: c, today: due)?.description == "2026-11-13")
        #expect(DeadlineClock.daysOverdue(c, today: Day("2026-11-13")!) == 0)
        #expect(DeadlineClock.daysOverdue(c, today: Day("2026-11-16")!) == 3)
        // Solved on the 12th: on time, thanks to the pause.
        c = try Fixtures.apply([.solve(summary: "done")], to: c, today: Day("2026-11-12")!)
        #expect(DeadlineClock.solvedOnTime(c) == true)
        #expect(DeadlineClock.isOverdue(c, today: Day("2026-12-30")!) == false)
    }

    @Test func eachRoleSeesItsPart() throws {
        let org = Fixtures.organisation
        let inTeam = try Fixtures.found(unit: "t1")
        var otherTeam = try Fixtures.found(unit: "t3")
        otherTeam.reporter = .named(name: "韩雪", personID: nil)
        let escalatedFromTeam = try Fixtures.apply([.escalate(reason: "上报"), .escalate(reason: "再上报")], to: inTeam)
        func sees(_ person: PersonID, _ concern: Concern) -> Bool {
            AccessPolicy.scope(of: org.person(person)!, in: org).contains(concern)
        }
        // An employee follows their own: 宋佳 reported `inTeam`; a colleague's report of the
        // same team is not hers to read.
        var colleagues = inTeam
        colleagues.reporter = .named(name: "唐俊杰", personID: nil)
        #expect(sees("st1", inTeam) && !sees("st1", otherTeam) && !sees("st1", colleagues))
        #expect(sees("tl1", colleagues), "the team leader sees the team's library")
        #expect(sees("tl1", escalatedFromTeam), "a team follows what it submitted up")
        #expect(!sees("tl3", escalatedFromTeam))
        #expect(sees("dh1", inTeam) && !sees("dh1", otherTeam))
        #expect(sees("pw", otherTeam) && sees("ld", otherTeam))
    }

    @Test func theSealedReporterIsForPoliticalWorkOnly() throws {
        let org = Fixtures.organisation
        let sealed = try Workflow.open(Fixtures.newConcern(reporter: .anonymous(sealedIdentity: .toSeal("检修班唐某"))),
                                       code: ConcernCode(year: 2026, sequence: 3), context: Fixtures.context())
        // Political-work staff learn that there is an identity to open (the store seals it).
        #expect(AccessPolicy.redacted(sealed, for: org.person("pw")!, in: org).reporter.isAnonymous)
        for other in ["ld", "dh1", "tl1", "st1"] as [PersonID] {
            #expect(AccessPolicy.redacted(sealed, for: org.person(other)!, in: org).reporter == .anonymous(sealedIdentity: nil))
        }
        // The audit diff never writes the identity out.
        #expect(!ChangeSet.between(nil, sealed).contains { $0.new.contains("唐某") })
    }

    @Test func organisationShapeIsChecked() {
        #expect(throws: OrganisationError.companyCount(0)) { try Organisation(units: [], people: []) }
        #expect(throws: OrganisationError.badParent("t")) {
            try Organisation(units: [OrgUnit(id: "c", name: "c", kind: .company, parentID: nil),
                                     OrgUnit(id: "t", name: "t", kind: .team, parentID: "c")], people: [])
        }
        #expect(Fixtures.organisation.subtree(of: "d1") == ["d1", "t1", "t2"])
        #expect(Fixtures.organisation.pathToRoot(from: "t3").map(\.id) == ["t3", "d2", "co"])
        // Type-ahead: an exact name wins, else every name or id that contains the text.
        #expect(Fixtures.organisation.units(matching: "运检部").map(\.id) == ["d1"])
        #expect(Fixtures.organisation.units(matching: "班").map(\.id) == ["t1", "t2", "t3"])
        #expect(Fixtures.organisation.units(matching: "T3").map(\.id) == ["t3"])
        #expect(Fixtures.organisation.units(matching: "火星").isEmpty)
    }

    @Test func recordsAroundConcernsHaveRules() throws {
        #expect(throws: NoticeError.noDeadlineNodes) {
            try SupervisionNotice(id: "n", concern: ConcernCode(year: 2026, sequence: 1), issuedOn: Fixtures.today,
                                  issuedByID: "pw", toUnitID: "d1", toPersonID: "dh1", nodes: [])
        }
        let notice = try SupervisionNotice(id: "n", concern: ConcernCode(year: 2026, sequence: 1), issuedOn: Fixtures.today,
                                           issuedByID: "pw", toUnitID: "d1", toPersonID: "dh1",
                                           nodes: [.init(title: "到岗", due: Fixtures.today.adding(days: 5))])
        #expect(throws: NoticeError.illegalMove(.issued, .completed)) { try notice.advanced(to: .completed) }
        #expect(notice.isOverdue(today: Fixtures.today.adding(days: 6)))
        #expect(try notice.advanced(to: .acknowledged).advanced(to: .completed).isOverdue(today: Fixtures.today.adding(days: 9)) == false)

        var meeting = Meeting(id: "HY", unitID: "co", month: YearMonth("2026-11")!, heldOn: Day("2026-12-01"),
                              items: [MeetingItem(concern: ConcernCode(year: 2026, sequence: 1), purpose: .define,
                                                  parties: TriParty(finderID: "pw", involved: "运维班", solvingUnitID: "d1"))])
        #expect(throws: MeetingError.heldOutsideMonth(Day("2026-12-01")!, YearMonth("2026-11")!)) { try meeting.validateMinutes(today: Day("2026-12-31")!, lastHeldOn: nil) }
        meeting.heldOn = Day("2026-11-20")
        #expect(throws: MeetingError.decisionMissing(ConcernCode(year: 2026, sequence: 1))) { try meeting.validateMinutes(today: Day("2026-12-31")!, lastHeldOn: nil) }
        meeting.items[0].decision = MeetingDecision(analysis: Fixtures.analysis, grade: .major, plan: "方案", firstResponsibleID: "dh1",
                                                    responsibleUnitID: "d1")
        meeting.attendance = MeetingAttendance(chairID: "pw", recorderID: "pw", place: "会议室", attendees: ["运维班"])
        try meeting.validateMinutes(today: Day("2026-12-31")!, lastHeldOn: nil)
        let analysing = try Fixtures.apply([.analyse(Fixtures.analysis)], to: Fixtures.found())
        let decided = try Fixtures.apply(meeting.items[0].decision!.commands(meetingID: "HY"), to: analysing)
        #expect(decided.stage == .defined && decided.grade == .major && decided.links.contains(ConcernLink(kind: .meeting, target: "HY")))
    }

    @Test func leadersVisitQuotasAreCheckable() {
        let org = Fixtures.organisation
        let visits = [
            LeaderVisit(id: "v1", leaderID: "ld", unitID: "t1", on: Day("2026-11-03")!, integration: .team, findings: "报表多"),
            LeaderVisit(id: "v2", leaderID: "ld", unitID: "t3", on: Day("2026-11-20")!, integration: .customers, findings: "夜班多"),
            LeaderVisit(id: "v3", leaderID: "dh1", unitID: "t2", on: Day("2026-10-30")!, integration: .site, findings: "工具旧"),
        ]
        let shortfalls = VisitQuota(visitsPerMonth: 2).shortfalls(leaders: Array(org.people.values), visits: visits, month: YearMonth("2026-11")!)
        // The company leader made both; the department head's only visit was in October; staff owe none.
        #expect(shortfalls.map(\.leaderID) == ["dh1"])
        #expect(shortfalls.first?.made == 0 && shortfalls.first?.owed == 2)
    }

    @Test func buddingConcernsComeUpForMonthlyReview() throws {
        let watched = try Fixtures.apply([.analyse(Fixtures.analysis), .grade(.budding), .define(meetingID: nil)], to: Fixtures.found())
        #expect(watched.stage == .watch)
        #expect(!DeadlineClock.isReviewDue(watched, today: Fixtures.today.adding(days: 29)))
        #expect(DeadlineClock.isReviewDue(watched, today: Fixtures.today.adding(days: 30)))
        #expect(!DeadlineClock.isReviewDue(try Fixtures.found(), today: Fixtures.today.adding(days: 90)), "only watched concerns")
    }

    @Test func aPracticeComesFromASolvedConcern() throws {
        let solved = try Fixtures.apply(Fixtures.toSolving + [.solve(summary: "报表由17张减为9张")], to: Fixtures.found())
        let draft = PracticeEntry.draft(from: solved, id: "SJ-1", library: .caseAnalysis, on: Fixtures.today, author: "pw")
        #expect(draft.title == solved.title && draft.rootCause == solved.analysis.rootCause && draft.actions == "合并报表")
        #expect(draft.sources == [solved.code] && draft.categoryIDs == ["team-burden"])
        try draft.validate(sourceConcerns: [solved])
        let unsolved = try Fixtures.apply(Fixtures.toSolving, to: Fixtures.found())
        #expect(throws: PracticeError.sourceNotSolved(unsolved.code, .solving)) { try draft.validate(sourceConcerns: [unsolved]) }
        var empty = draft
        empty.actions = " "
        #expect(throws: PracticeError.actionsRequired) { try empty.validate(sourceConcerns: [solved]) }
    }
}
