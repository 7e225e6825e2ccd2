import Foundation
@testable import WentiCore

/// A small organisation: company → two departments → three teams, one person per role.
enum Fixtures {
    static let organisation = try! Organisation(
        units: [
            OrgUnit(id: "co", name: "公司", kind: .company, parentID: nil),
            OrgUnit(id: "d1", name: "运检部", kind: .department, parentID: "co"),
            OrgUnit(id: "d2", name: "营销部", kind: .department, parentID: "co"),
            OrgUnit(id: "t1", name: "变电运维班", kind: .team, parentID: "d1"),
            OrgUnit(id: "t2", name: "检修班", kind: .team, parentID: "d1"),
            OrgUnit(id: "t3", name: "客服班", kind: .team, parentID: "d2"),
        ],
        people: [
            Person(id: "pw", name: "赵雅琴", role: .politicalWork, unitID: "d1"),
            Person(id: "ld", name: "周建国", role: .companyLeader, unitID: "co"),
            Person(id: "dh1", name: "郑伟", role: .departmentHead, unitID: "d1"),
            Person(id: "tl1", name: "李强", role: .teamLeader, unitID: "t1"),
            Person(id: "tl3", name: "黄晓梅", role: .teamLeader, unitID: "t3"),
            Person(id: "st1", name: "宋佳", role: .staff, unitID: "t1"),
        ])

    static let today = Day(year: 2026, month: 11, day: 1)!

    static func context(_ actor: PersonID = "pw", today: Day = today) -> WorkflowContext {
        WorkflowContext(actor: organisation.person(actor)!, organisation: organisation, categories: ["team-burden", "career"],
                        sources: [ConcernSource(kind: .campaign, id: "zj-1")], policy: .standard, now: Date(timeIntervalSince1970: 1_790_000_000), today: today)
    }

    static func newConcern(unit: UnitID = "t1", reporter: Reporter = .named(name: "宋佳", personID: "st1")) -> NewConcern {
        NewConcern(title: "班组报表太多", description: "新进大学生一周两天填表", categoryID: "team-burden",
                   channel: .goDownVisit, finderID: "pw", reporter: reporter, unitID: unit)
    }

    static func found(unit: UnitID = "t1") throws -> Concern {
        try Workflow.open(newConcern(unit: unit), code: ConcernCode(year: 2026, sequence: 1), context: context())
    }

    /// Applies commands in order as political-work staff.
    static func apply(_ commands: [ConcernCommand], to concern: Concern, actor: PersonID = "pw", today: Day = today) throws -> Concern {
        try commands.reduce(concern) { try Workflow.apply($1, to: $0, context: context(actor, today: today)) }
    }

    static let analysis = Analysis(rootCause: "各部门各自布置报表", difficulty: .medium, breadth: .team)

    static let toSolving: [ConcernCommand] = [
        .analyse(analysis), .grade(.general), .plan("合并报表"), .assign(firstResponsible: "dh1", department: "d1"),
        .define(meetingID: "HY-1"), .startSolving,
    ]

    static func feedback(_ satisfaction: FeedbackRecord.Satisfaction, effect: FeedbackRecord.Effect = .confirmed) -> FeedbackRecord {
        FeedbackRecord(on: today, byID: "pw", contact: "宋佳", method: .visit, effect: effect, satisfaction: satisfaction,
                       score: satisfaction == .dissatisfied ? 2 : 5)
    }
}
