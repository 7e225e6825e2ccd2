import Foundation
import WentiCore

/// A filtered, sorted view over the concerns a person may see. Every field narrows;
/// empty sets mean "any".
public struct ConcernQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, CaseIterable {
        /// Most recently taken in first.
        case newest
        case oldest
        /// Earliest effective deadline first; concerns without one last.
        case dueSoonest = "due"
        /// Most pressing grade first (urgent, major, general, budding, ungraded), newest within.
        case grade
        /// In the order of the flow (found first, closed last), newest within.
        case stage
    }

    public var tiers: Set<Tier> = []
    /// The units asked for, each with its subtree (`Organisation.subtree(of:)`): a concern
    /// of any of them matches, so naming two units lists both.
    public var unitIDs: Set<UnitID> = []
    /// The part of the organisation being looked at (the tree's selection in the UI): it
    /// narrows whatever else is asked, units included.
    public var within: Set<UnitID> = []
    public var grades: Set<Grade> = []
    /// Matches concerns with no grade yet.
    public var ungraded = false
    public var stages: Set<Stage> = []
    public var categoryIDs: Set<CategoryID> = []
    public var channels: Set<Channel> = []
    public var overdueOnly = false
    /// Concerns whose clock runs (defined or solving, not paused) and whose effective deadline
    /// falls in these days.
    public var dueWithin: ClosedRange<Day>?
    /// Concerns whose effective deadline falls in these days, whether or not their clock runs
    /// (graded but not yet defined: the deadline comes all the same).
    public var deadlineWithin: ClosedRange<Day>?
    public var firstResponsibleID: PersonID?
    /// Only these concerns (none: any), as a screen reads a few it names in one batch.
    public var codes: Set<ConcernCode> = []
    /// Concerns handled together as one batch (批处理) under this group name.
    public var batchGroup: String?
    /// Concerns that came from one of these campaigns or leaders' visits.
    public var sources: Set<ConcernSource> = []
    /// Exactly the concerns counted in one figure (a dashboard cell): where and when the
    /// measure counts them, as `FigureCell.includes` says.
    public var figure: FigureCell?
    /// Words that must all appear (Chinese substrings of any length, in title,
    /// description, root cause or plan).
    public var text: String = ""
    public var sort: Sort = .newest

    public init() {}

    /// Whether only concerns with a deadline can match (overdue, due within): the due order can
    /// then read the deadline itself, which the running-deadline index holds in order.
    var keepsOnlyDeadlines: Bool { overdueOnly || dueWithin != nil || deadlineWithin != nil }

    public var words: [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// Stages and no other condition (the sort aside).
    var isStagesAlone: Bool {
        var alone = ConcernQuery()
        alone.stages = stages
        alone.sort = sort
        return !stages.isEmpty && self == alone
    }

    /// Overdue and no other condition (the sort aside): the supervision pane's count.
    var isOverdueAlone: Bool {
        var alone = ConcernQuery()
        alone.overdueOnly = overdueOnly
        alone.sort = sort
        return overdueOnly && self == alone
    }

    /// One word and no other condition (the sort aside).
    var isOneWordAlone: Bool {
        var alone = ConcernQuery()
        alone.text = text
        alone.sort = sort
        return words.count == 1 && self == alone
    }
}

/// Where the next page starts. Opaque outside the store: a backend keeps in it the last
/// row's position and its value of the sort's key (the due day, the grade's or the stage's
/// rank; nil for the id orders).
public struct PageCursor: Sendable, Hashable {
    let position: Int64
    let key: Int?

    init(position: Int64, key: Int?) {
        self.position = position
        self.key = key
    }
}

/// What similar cases are compared on (`PracticeSearch.comparedRuns`): a concern's title and
/// root cause, at the version they were read.
public struct ComparedText: Sendable, Hashable {
    public var code: ConcernCode
    public var version: Int
    public var title: String
    public var rootCause: String

    public init(code: ConcernCode, version: Int, title: String, rootCause: String) {
        self.code = code
        self.version = version
        self.title = title
        self.rootCause = rootCause
    }
}

/// One row of a concern list: what a table shows, never the sealed reporter.
public struct ConcernSummary: Sendable, Hashable {
    public var code: ConcernCode
    public var title: String
    public var tier: Tier
    public var unitID: UnitID
    public var stage: Stage
    public var grade: Grade?
    public var categoryID: CategoryID
    public var channel: Channel
    public var firstResponsibleID: PersonID?
    public var reporterName: String?
    public var anonymous: Bool
    public var reportedOn: Day
    /// The deadline pushed back by paused days.
    public var due: Day?
    public var daysOverdue: Int
    public var version: Int
    /// Where a listing continues after this row.
    public var cursor: PageCursor

    init(cursor: PageCursor, code: ConcernCode, title: String, tier: Tier, unitID: UnitID, stage: Stage,
                grade: Grade?, categoryID: CategoryID, channel: Channel, firstResponsibleID: PersonID?,
                reporterName: String?, anonymous: Bool, reportedOn: Day, due: Day?, daysOverdue: Int, version: Int) {
        self.cursor = cursor
        self.code = code
        self.title = title
        self.tier = tier
        self.unitID = unitID
        self.stage = stage
        self.grade = grade
        self.categoryID = categoryID
        self.channel = channel
        self.firstResponsibleID = firstResponsibleID
        self.reporterName = reporterName
        self.anonymous = anonymous
        self.reportedOn = reportedOn
        self.due = due
        self.daysOverdue = daysOverdue
        self.version = version
    }
}

public struct ConcernPage: Sendable, Hashable {
    public var rows: [ConcernSummary]
    /// Pass back to get the next page; nil on the last page.
    public var next: PageCursor?

    public init(rows: [ConcernSummary], next: PageCursor?) {
        self.rows = rows
        self.next = next
    }

    /// A page from rows read one past `limit` in keyset order (the extra row only says that
    /// more follow), turned back into display order when the listing ran upwards.
    init(probed rows: [ConcernSummary], limit: Int, upwards: Bool) {
        let shown = Array(rows.prefix(limit))
        self.init(rows: upwards ? shown.reversed() : shown, next: rows.count > limit ? shown.last?.cursor : nil)
    }
}

/// A dimension to count a query's matches by.
public enum Facet: String, Sendable, CaseIterable {
    case tier, stage, grade, category, channel, unit
    /// The batch group of batch-processed concerns ("" for the others): the groups a form offers.
    case batchGroup = "batch-group"
}
