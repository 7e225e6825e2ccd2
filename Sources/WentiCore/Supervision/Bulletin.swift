/// The supervision bulletin (督办简报) of a period: the figures overall and broken down by
/// grade, tier and unit, the stages of the concerns found, the notices, and the notable
/// cases. Built from facts and notices only, so no reporter can ever appear in it.
public struct Bulletin: Sendable {
    /// One row of a breakdown: what it is about (a grade, a tier, a unit) and its figures.
    public struct Row: Sendable {
        public var label: LocalizedText
        public var figures: Figures
    }

    public struct NoticeCounts: Sendable, Hashable {
        public var issued = 0
        public var completed = 0
        public var overdue = 0
        public var chasers = 0
        public var chasersAnswered = 0
    }

    /// A case worth naming: what it is and why it is named.
    public struct NotableCase: Sendable, Hashable {
        public var code: ConcernCode
        public var title: String
        public var unitName: String
        public var grade: Grade?
        public var why: LocalizedText
    }

    public var period: Period
    /// The day "overdue" is judged on: the period's end, or today while it runs.
    public var asOf: Day
    public var overall: Figures
    public var byGrade: [Row]
    public var byTier: [Row]
    public var byUnit: [Row]
    /// Where the concerns found in the period stand now.
    public var byStage: [(stage: Stage, count: Int)]
    public var notices: NoticeCounts
    public var notable: [NotableCase]

    public static let notableLimit = 8

    public init(facts: [ConcernFact], notices: [SupervisionNotice], period: Period, today: Day, organisation: Organisation) {
        var builder = Builder(period: period, today: today, organisation: organisation)
        for fact in facts { builder.add(fact) }
        self = builder.bulletin(notices: notices)
    }

    /// Builds a bulletin as facts stream past: figures per grade, tier and roll-up unit, the
    /// stage counts, and a bounded set of notable candidates; nothing else is kept.
    public struct Builder: Sendable {
        let period: Period
        let asOf: Day
        let organisation: Organisation
        var overall = Figures()
        var grades: [Grade?: Figures] = [:]
        var tiers: [Tier: Figures] = [:]
        var units: [UnitID: Figures] = [:]
        var stages: [Stage: Int] = [:]
        var urgent: [ConcernFact] = []
        /// The longest overdue, at most three, longest first.
        var overdue: [ConcernFact] = []
        var dissatisfied: [ConcernFact] = []

        public init(period: Period, today: Day, organisation: Organisation) {
            self.period = period
            asOf = min(period.to, today)
            self.organisation = organisation
        }

        public mutating func add(_ fact: ConcernFact) {
            overall.add(fact, in: period, asOf: asOf)
            grades[fact.grade, default: Figures()].add(fact, in: period, asOf: asOf)
            // By tier and unit, each part where it happened (as on the dashboard).
            Figures.distribute(fact, in: period, asOf: asOf, into: &tiers,
                               foundIn: fact.originTier, escalatedFrom: \.fromTier, handledBy: fact.tier)
            let organisation = organisation
            Figures.distribute(fact, in: period, asOf: asOf, into: &units,
                               foundIn: organisation.rollUpUnit(of: fact.originUnitID)?.id,
                               escalatedFrom: { organisation.rollUpUnit(of: $0.fromUnitID)?.id },
                               handledBy: organisation.rollUpUnit(of: fact.unitID)?.id)
            if period.contains(fact.reportedOn) { stages[fact.stage, default: 0] += 1 }
            if fact.grade == .urgent && period.contains(fact.reportedOn) && urgent.count < notableLimit { urgent.append(fact) }
            if fact.isOverdue(on: asOf) {
                overdue.append(fact)
                overdue.sort { ($0.daysOverdue(on: asOf), $1.code) > ($1.daysOverdue(on: asOf), $0.code) }
                if overdue.count > 3 { overdue.removeLast() }
            }
            if let feedback = fact.latestFeedback, period.contains(feedback.on), !feedback.satisfaction.countsAsSatisfied,
               dissatisfied.count < notableLimit {
                dissatisfied.append(fact)
            }
        }

        public func bulletin(notices: [SupervisionNotice]) -> Bulletin {
            Bulletin(builder: self, notices: notices)
        }
    }

    init(builder: Builder, notices allNotices: [SupervisionNotice]) {
        let organisation = builder.organisation
        period = builder.period
        asOf = builder.asOf
        overall = builder.overall
        byGrade = Grade.allCases.map { grade in Row(label: grade.label, figures: builder.grades[grade] ?? Figures()) }
            + [Row(label: LocalizedText(zh: "未定级", en: "ungraded"), figures: builder.grades[nil] ?? Figures())]
        byTier = Tier.allCases.map { tier in Row(label: tier.label, figures: builder.tiers[tier] ?? Figures()) }
        byUnit = organisation.unitsInTreeOrder.compactMap { unit in
            guard let figures = builder.units[unit.id], figures != Figures() else { return nil }
            return Row(label: LocalizedText(zh: unit.name, en: unit.name), figures: figures)
        }
        byStage = Stage.allCases.compactMap { stage in builder.stages[stage].map { (stage, $0) } }
        var counts = NoticeCounts()
        let asOf = builder.asOf
        for notice in allNotices where notice.issuedOn <= asOf {
            if period.contains(notice.issuedOn) { counts.issued += 1 }
            if notice.state == .completed { counts.completed += 1 }
            if notice.isOverdue(today: asOf) { counts.overdue += 1 }
            for chaser in notice.chasers where period.contains(chaser.on) {
                counts.chasers += 1
                if chaser.answeredOn != nil { counts.chasersAnswered += 1 }
            }
        }
        notices = counts
        notable = Self.notable(builder, organisation: organisation)
    }

    /// Urgent concerns found in the period, the longest overdue, and dissatisfied answers.
    static func notable(_ builder: Builder, organisation: Organisation) -> [NotableCase] {
        func make(_ fact: ConcernFact, _ why: LocalizedText) -> NotableCase {
            NotableCase(code: fact.code, title: fact.title, unitName: organisation.unit(fact.unitID)?.name ?? fact.unitID.rawValue,
                        grade: fact.grade, why: why)
        }
        var cases: [NotableCase] = []
        var named = Set<ConcernCode>()
        func add(_ candidate: NotableCase) {
            guard cases.count < notableLimit, named.insert(candidate.code).inserted else { return }
            cases.append(candidate)
        }
        for fact in builder.urgent { add(make(fact, LocalizedText(zh: "急难问题，快速办理", en: "urgent-difficult, fast-tracked"))) }
        for fact in builder.overdue {
            let days = fact.daysOverdue(on: builder.asOf)
            add(make(fact, LocalizedText(zh: "逾期 \(days) 天", en: "\(days) days overdue")))
        }
        for fact in builder.dissatisfied { add(make(fact, LocalizedText(zh: "反馈不满意", en: "dissatisfied at the return contact"))) }
        return cases
    }
}
