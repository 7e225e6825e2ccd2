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

    public init(facts: [ConcernFact], notices allNotices: [SupervisionNotice], period: Period, today: Day,
                organisation: Organisation) {
        self.period = period
        asOf = min(period.to, today)
        overall = Figures(facts, in: period, today: today)
        byGrade = Grade.allCases.map { grade in
            Row(label: grade.label, figures: Figures(facts.lazy.filter { $0.grade == grade }, in: period, today: today))
        } + [Row(label: LocalizedText(zh: "未定级", en: "ungraded"),
                 figures: Figures(facts.lazy.filter { $0.grade == nil }, in: period, today: today))]
        byTier = Tier.allCases.map { tier in
            Row(label: tier.label, figures: Figures(facts.lazy.filter { $0.tier == tier }, in: period, today: today))
        }
        var perUnit: [UnitID: [ConcernFact]] = [:]
        for fact in facts {
            guard let unit = organisation.rollUpUnit(of: fact.unitID) else { continue }
            perUnit[unit.id, default: []].append(fact)
        }
        byUnit = organisation.unitsInTreeOrder.compactMap { unit in
            guard let facts = perUnit[unit.id] else { return nil }
            let figures = Figures(facts, in: period, today: today)
            return figures == Figures() ? nil : Row(label: LocalizedText(zh: unit.name, en: unit.name), figures: figures)
        }
        let found = facts.filter { period.contains($0.reportedOn) }
        byStage = Stage.allCases.map { stage in (stage, found.filter { $0.stage == stage }.count) }.filter { $0.count > 0 }

        var counts = NoticeCounts()
        let asOf = asOf
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
        notable = Self.notable(facts, period: period, asOf: asOf, organisation: organisation)
    }

    /// Urgent concerns found in the period, the longest overdue, and dissatisfied answers.
    static func notable(_ facts: [ConcernFact], period: Period, asOf: Day, organisation: Organisation) -> [NotableCase] {
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
        for fact in facts where fact.grade == .urgent && period.contains(fact.reportedOn) {
            add(make(fact, LocalizedText(zh: "急难问题，快速办理", en: "urgent-difficult, fast-tracked")))
        }
        let overdue = facts.filter { $0.isOverdue(on: asOf) }.sorted { ($0.daysOverdue(on: asOf), $1.code) > ($1.daysOverdue(on: asOf), $0.code) }
        for fact in overdue.prefix(3) {
            let days = fact.daysOverdue(on: asOf)
            add(make(fact, LocalizedText(zh: "逾期 \(days) 天", en: "\(days) days overdue")))
        }
        for fact in facts {
            guard let feedback = fact.latestFeedback, period.contains(feedback.on), !feedback.satisfaction.countsAsSatisfied else { continue }
            add(make(fact, LocalizedText(zh: "反馈不满意", en: "dissatisfied at the return contact")))
        }
        return cases
    }
}
