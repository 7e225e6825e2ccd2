import Testing
@testable import WentiCore

/// Issue 18: regrading an overdue concern recomputed its deadline from the day of the regrade,
/// and it was no longer overdue.
@Suite struct RegradeTests {
    static let defining: [ConcernCommand] = [
        .analyse(Fixtures.analysis), .grade(.general), .plan("合并报表"), .assign(firstResponsible: "dh1", department: "d1"), .define(meetingID: "HY-1"),
    ]

    @Test func onceTheClockRunsARegradeKeepsTheDeadline() throws {
        for start in [Self.defining, Self.defining + [.startSolving]] {
            let running = try Fixtures.apply(start, to: Fixtures.found())
            let deadline = try #require(running.deadline)
            let late = deadline.adding(days: 10)
            for grade in [Grade.urgent, .major, .general] {
                let regraded = try Fixtures.apply([.grade(grade)], to: running, today: late)
                #expect(regraded.grade == grade)
                #expect(regraded.deadline == deadline, "\(running.stage) → \(grade)")
                #expect(DeadlineClock.daysOverdue(regraded, today: late) == 10)
            }
        }
    }

    @Test func anOverdueConcernCannotBecomeBudding() throws {
        let defined = try Fixtures.apply(Self.defining, to: Fixtures.found())
        let late = try #require(defined.deadline).adding(days: 3)
        #expect(throws: WorkflowError.regradeWouldHideLateness(daysOverdue: 3)) {
            try Fixtures.apply([.grade(.budding)], to: defined, today: late)
        }
        // Not yet late, it may: budding concerns are watched on a monthly review instead.
        let watched = try Fixtures.apply([.grade(.budding)], to: defined)
        #expect(watched.deadline == nil && watched.nextReview != nil)
    }

    @Test func beforeTheClockRunsTheGradePolicySetsTheDeadline() throws {
        let analysed = try Fixtures.apply([.analyse(Fixtures.analysis), .grade(.general)], to: Fixtures.found())
        let regraded = try Fixtures.apply([.grade(.urgent)], to: analysed)
        #expect(regraded.deadline == GradePolicy.standard.schedule(for: .urgent, gradedOn: Fixtures.today).deadline)
        #expect(regraded.deadline != analysed.deadline)
    }

    @Test func aDeadlineChangeKeepsItsReasonInTheAudit() throws {
        let defined = try Fixtures.apply(Self.defining, to: Fixtures.found())
        let command = ConcernCommand.setDeadline(Day(year: 2027, month: 3, day: 1)!, reason: "等待预算")
        let moved = try Fixtures.apply([command], to: defined)
        let changes = ChangeSet.of(command, from: defined, to: moved)
        #expect(changes.contains(FieldChange(field: "reason", old: "", new: "等待预算")))
        #expect(changes.contains { $0.field == "deadline" && $0.new == "2027-03-01" })
    }
}
