import Foundation
import WentiCore
import WentiStore

/// Deterministic synthetic concerns over a workspace's organisation, for load tests and
/// benchmarks: realistic Chinese titles, every tier, grade, stage, channel and month.
///
/// The same seed gives the same concerns. Each concern is built in a state the workflow
/// could have reached (a solving concern has a grade, a plan and a first responsible
/// person; a closed one has feedback or a reason), so the schema's constraints hold.
public struct SyntheticConcerns {
    private var random: SplitMix64
    private let units: [OrgUnit]
    private let people: [Person]
    private let peopleByUnit: [UnitID: [Person]]
    private let departments: [OrgUnit]
    private let categories: [CategoryID]
    private let campaigns: [Campaign]
    private let visits: [LeaderVisit]
    private let finders: [Person]
    private let policy: GradePolicy
    private let organisation: Organisation
    private let firstDay: Day
    private let spanDays: Int
    private let createdBy: PersonID
    private let timeZone = TimeZone(identifier: "Asia/Shanghai")!

    public init(workspace: Workspace, seed: UInt64 = 1234, from firstDay: Day = Day(year: 2023, month: 1, day: 1)!,
                through lastDay: Day = Day(year: 2026, month: 11, day: 24)!) {
        random = SplitMix64(seed: seed)
        organisation = workspace.organisation
        units = organisation.unitsInTreeOrder
        people = organisation.people.values.sorted { $0.id < $1.id }
        peopleByUnit = Dictionary(grouping: people, by: \.unitID)
        departments = units.filter { $0.kind == .department }
        categories = workspace.categories.map(\.id)
        campaigns = workspace.campaigns
        visits = workspace.visits
        let political = people.filter { $0.role == .politicalWork }
        finders = political.isEmpty ? people : political
        policy = workspace.policy
        self.firstDay = firstDay
        spanDays = max(1, lastDay.days(since: firstDay))
        createdBy = finders[0].id
    }

    /// The next concern; its code's sequence is 0, for the store to allocate.
    public mutating func next() -> Concern {
        let unit = pick(units)
        let categoryIndex = random.below(categories.count)
        let reported = firstDay.adding(days: random.below(spanDays))
        var channel = pick(Channel.allCases)
        var source: ConcernSource?
        switch channel {
        case .rewardedCampaign:
            if let campaign = campaigns.isEmpty ? nil : pick(campaigns) { source = ConcernSource(kind: .campaign, id: campaign.id) } else { channel = .other }
        case .leaderVisit:
            if let visit = visits.isEmpty ? nil : pick(visits) { source = ConcernSource(kind: .leaderVisit, id: visit.id) } else { channel = .other }
        default: break
        }
        let anonymous = random.below(6) == 0
        let members = peopleByUnit[unit.id] ?? []
        let reporterPerson = members.isEmpty ? nil : pick(members)
        let reporter: Reporter = anonymous
            // No identity: sealing one is an HPKE operation per key holder, which a bulk load of a
            // million concerns should not pay; sealing is measured and tested on its own.
            ? .anonymous(sealedIdentity: nil)
            : .named(name: reporterPerson?.name ?? "职工代表", personID: reporterPerson?.id)
        let title = Phrasebook.title(category: categoryIndex, random: &random)
        let at = ManualClock.morning(of: reported, in: timeZone)
        var c = Concern(
            code: ConcernCode(year: reported.civil.year, sequence: 0), title: title,
            description: Phrasebook.description(unit: unit.name, title: title, random: &random),
            categoryID: categories[categoryIndex], channel: channel, source: source, finderID: pick(finders).id,
            reporter: reporter, involvedPeople: "\(unit.name)相关员工", reportedOn: reported, unitID: unit.id,
            tier: unit.tier, createdAt: at, createdByID: createdBy)
        advance(&c, reported: reported)
        return c
    }

    /// `total` concerns in arrays of at most `size`, generated as they are consumed.
    public func batches(total: Int, size: Int) -> some Sequence<[Concern]> {
        var generator = self
        var remaining = total
        return AnySequence {
            AnyIterator {
                guard remaining > 0 else { return nil }
                let count = min(remaining, size)
                remaining -= count
                var batch: [Concern] = []
                batch.reserveCapacity(count)
                for _ in 0..<count { batch.append(generator.next()) }
                return batch
            }
        }
    }

    /// Moves the concern to a stage drawn with weights like a real library's: many closed,
    /// fewer in the early stages.
    private mutating func advance(_ c: inout Concern, reported: Day) {
        let stage = weightedStage()
        if stage == .found { return }
        c.analysis = Analysis(rootCause: Phrasebook.rootCause(random: &random),
                              difficulty: pick(Difficulty.allCases), breadth: pick(Breadth.allCases))
        c.stage = .analysing
        if stage == .analysing { return }
        let definedOn = reported.adding(days: 3 + random.below(25))
        let grade: Grade = stage == .watch ? .budding : pick([Grade.urgent, .major, .major, .general, .general, .general])
        c.grade = grade
        (c.deadline, c.nextReview) = policy.schedule(for: grade, gradedOn: definedOn)
        c.plan = Phrasebook.plan(random: &random)
        let responsible = pick(people)
        c.firstResponsibleID = responsible.id
        c.responsibleUnitID = pick(departments).id
        if stage == .watch || stage == .defined {
            c.stage = stage
            return
        }
        if stage == .referred {
            c.stage = .referred
            c.referral = Referral(toUnitID: pick(departments).id, explanation: "暂不具备解决条件，已转相关部门并向本人说明", on: definedOn)
            c.pausedSince = definedOn
            return
        }
        c.stage = .solving
        c.processing = random.below(4) == 0 ? .batch(group: "批次-\(random.below(40))") : .stream
        if stage == .solving { return }
        let solved = definedOn.adding(days: 2 + random.below(70))
        c.solvedOn = solved
        c.notes = [ProgressNote(on: solved, authorID: responsible.id, text: "已按方案落实")]
        c.stage = .awaitingFeedback
        if stage == .awaitingFeedback { return }
        let closed = solved.adding(days: 1 + random.below(14))
        if random.below(10) < 9 {
            let satisfaction = pick([FeedbackRecord.Satisfaction.satisfied, .satisfied, .satisfied, .basicallySatisfied, .dissatisfied])
            c.feedback = [FeedbackRecord(
                on: closed, byID: c.finderID ?? responsible.id, contact: "反映人", method: pick(FeedbackRecord.Method.allCases),
                effect: satisfaction == .dissatisfied ? .partly : .confirmed, satisfaction: satisfaction,
                score: satisfaction == .satisfied ? 5 : satisfaction == .basicallySatisfied ? 4 : 2)]
            c.closure = .withFeedback
        } else {
            c.closure = .withoutFeedback(reason: "反映人已调离，无法回访，已在班组通报")
        }
        c.closedOn = closed
        c.stage = .closed
    }

    private mutating func weightedStage() -> Stage {
        switch random.below(100) {
        case 0..<8: .found
        case 8..<16: .analysing
        case 16..<22: .defined
        case 22..<26: .watch
        case 26..<40: .solving
        case 40..<50: .awaitingFeedback
        case 50..<53: .referred
        default: .closed
        }
    }

    private mutating func pick<T>(_ items: [T]) -> T {
        items[random.below(items.count)]
    }
}

/// A small, fast, deterministic generator (SplitMix64): the same seed, the same data.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
