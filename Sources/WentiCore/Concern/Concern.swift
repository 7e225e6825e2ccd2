import Foundation

/// A staff concern (问题) and everything recorded about it.
///
/// A plain value: it changes only through `Workflow.apply`, which enforces the rules of
/// the method and says what changed. The store persists it; `version` guards against
/// two people overwriting each other.
public struct Concern: Sendable, Hashable, Codable {
    // MARK: Identity and intake
    public var code: ConcernCode
    public var title: String
    public var description: String
    public var categoryID: CategoryID
    public var channel: Channel
    public var source: ConcernSource?
    /// The person who found it (usually political-work staff).
    public var finderID: PersonID?
    public var reporter: Reporter
    /// The people involved, as the finder wrote them down.
    public var involvedPeople: String
    public var involvedUnitID: UnitID?
    public var reportedOn: Day

    // MARK: Library
    /// The unit whose library holds the concern; a concern lives in exactly one library.
    public var unitID: UnitID
    /// The tier of that library; always the tier of `unitID`'s kind.
    public var tier: Tier
    public var stage: Stage

    // MARK: Definition and plan
    public var grade: Grade?
    public var analysis: Analysis
    public var plan: String
    public var firstResponsibleID: PersonID?
    public var responsibleUnitID: UnitID?
    public var tasks: [TaskItem]
    public var pledge: Pledge?
    /// The deadline from the grade policy (or set with a reason); nil for budding concerns.
    public var deadline: Day?
    /// For budding concerns under watch: the next monthly review.
    public var nextReview: Day?
    public var processing: ProcessingMode?

    // MARK: History
    public var links: [ConcernLink]
    public var notes: [ProgressNote]
    public var escalations: [Escalation]
    public var referral: Referral?
    public var feedback: [FeedbackRecord]
    /// Days the deadline clock stood still (referred or paused), finished spans only.
    public var pausedDays: Int
    /// Set while the clock stands still.
    public var pausedSince: Day?
    public var solvedOn: Day?
    public var closedOn: Day?
    public var closure: Closure?

    // MARK: Bookkeeping
    public var createdAt: Date
    public var updatedAt: Date
    public var updatedByID: PersonID
    /// Incremented by every stored change; a write based on an older version is refused.
    public var version: Int

    public init(code: ConcernCode, title: String, description: String, categoryID: CategoryID,
                channel: Channel, source: ConcernSource? = nil, finderID: PersonID?, reporter: Reporter,
                involvedPeople: String = "", involvedUnitID: UnitID? = nil, reportedOn: Day,
                unitID: UnitID, tier: Tier, createdAt: Date, createdByID: PersonID) {
        self.code = code
        self.title = title
        self.description = description
        self.categoryID = categoryID
        self.channel = channel
        self.source = source
        self.finderID = finderID
        self.reporter = reporter
        self.involvedPeople = involvedPeople
        self.involvedUnitID = involvedUnitID
        self.reportedOn = reportedOn
        self.unitID = unitID
        self.tier = tier
        self.stage = .found
        self.grade = nil
        self.analysis = Analysis()
        self.plan = ""
        self.firstResponsibleID = nil
        self.responsibleUnitID = nil
        self.tasks = []
        self.pledge = nil
        self.deadline = nil
        self.nextReview = nil
        self.processing = nil
        self.links = []
        self.notes = []
        self.escalations = []
        self.referral = nil
        self.feedback = []
        self.pausedDays = 0
        self.pausedSince = nil
        self.solvedOn = nil
        self.closedOn = nil
        self.closure = nil
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.updatedByID = createdByID
        self.version = 1
    }

    public var latestFeedback: FeedbackRecord? { feedback.last }
}
