import Foundation

/// Everything a rule needs besides the concern: who acts, when, and the workspace's data.
public struct WorkflowContext: Sendable {
    public var actor: Person
    public var organisation: Organisation
    public var categories: Set<CategoryID>
    /// The campaigns and leaders' visits a concern may name as its source.
    public var sources: Set<ConcernSource>
    public var policy: GradePolicy
    public var now: Date
    public var today: Day

    public init(actor: Person, organisation: Organisation, categories: Set<CategoryID>, sources: Set<ConcernSource> = [],
                policy: GradePolicy, now: Date, today: Day) {
        self.actor = actor
        self.organisation = organisation
        self.categories = categories
        self.sources = sources
        self.policy = policy
        self.now = now
        self.today = today
    }
}

/// What intake records about a new concern; `Workflow.open` checks it.
public struct NewConcern: Sendable, Hashable, Codable {
    public var title: String
    public var description: String
    public var categoryID: CategoryID
    public var channel: Channel
    public var source: ConcernSource?
    public var finderID: PersonID?
    public var reporter: Reporter
    public var involvedPeople: String
    public var involvedUnitID: UnitID?
    public var unitID: UnitID
    /// Defaults to the day of intake.
    public var reportedOn: Day?

    public init(title: String, description: String = "", categoryID: CategoryID, channel: Channel,
                source: ConcernSource? = nil, finderID: PersonID? = nil, reporter: Reporter,
                involvedPeople: String = "", involvedUnitID: UnitID? = nil, unitID: UnitID, reportedOn: Day? = nil) {
        self.title = title
        self.description = description
        self.categoryID = categoryID
        self.channel = channel
        self.source = source
        self.finderID = finderID
        self.reporter = reporter
        self.involvedPeople = involvedPeople
        self.involvedUnitID = involvedUnitID
        self.unitID = unitID
        self.reportedOn = reportedOn
    }
}
