import GRDB
import WentiCore

/// Turns a `ConcernQuery` and the viewer's scope into SQL conditions on `concern c`.
///
/// Text search: words of three characters or more go through the trigram FTS index, words
/// of one or two through the single-character index (`ShortWordIndex`); a short word the
/// latter does not cover (punctuation, other scripts) falls back to `instr()` over the same
/// four columns. Every word must match.
struct ConcernFilterSQL: Sendable {
    private(set) var clauses: [String] = []
    /// Bound values, already converted: the filter crosses into the database's own queue.
    private(set) var arguments: [DatabaseValue] = []

    /// Where the first word the short-word index answers sits among the clauses and the
    /// arguments (see `drivenByShortWord`).
    private var driver: (clause: Int, argument: Int)?

    private mutating func bind(_ values: [(any DatabaseValueConvertible)?]) {
        arguments += values.map { $0?.databaseValue ?? .null }
    }

    /// "The deadline clock runs" on `concern c` (see `Schema.clockRuns`).
    static let overdue = "(" + Schema.clockRuns(on: "c") + ")"

    init(query: ConcernQuery, scope: ConcernScope, today: Day) {
        if !scope.everything { addScope(scope) }
        addSet("c.tier", query.tiers.map(\.rawValue).sorted())
        addSet("c.unit_id", query.unitIDs.map(\.rawValue).sorted())
        addSet("c.unit_id", query.within.map(\.rawValue).sorted())
        if !query.grades.isEmpty || query.ungraded {
            // Through the rank, which is what the grade index holds (9: not graded yet).
            var ranks = query.grades.map(Self.rank).sorted()
            if query.ungraded { ranks.append(9) }
            addSet("c.grade_rank", ranks)
        }
        addSet("c.stage", query.stages.map(\.rawValue).sorted())
        addSet("c.category_id", query.categoryIDs.map(\.rawValue).sorted())
        addSet("c.channel", query.channels.map(\.rawValue).sorted())
        if query.overdueOnly {
            clauses.append("(\(Self.overdue) AND c.due_on < ?)")
            bind([today.ordinal])
        }
        if let due = query.dueWithin {
            // Written as the running-deadline index's own condition, so that SQLite uses it.
            clauses.append("(\(Self.overdue) AND c.due_on BETWEEN ? AND ?)")
            bind([due.lowerBound.ordinal, due.upperBound.ordinal])
        }
        if let due = query.deadlineWithin {
            clauses.append("c.due_on BETWEEN ? AND ?")
            bind([due.lowerBound.ordinal, due.upperBound.ordinal])
        }
        if !query.codes.isEmpty {
            // One argument however many codes (a statement takes at most 32,766), joined
            // against the code's unique index (year, seq).
            let pairs = "[" + query.codes.sorted().map { "[\($0.year),\($0.sequence)]" }.joined(separator: ",") + "]"
            add("c.id IN (SELECT k.id FROM json_each(?) j JOIN concern k"
                + " ON k.year = json_extract(j.value, '$[0]') AND k.seq = json_extract(j.value, '$[1]'))", [pairs])
        }
        if let group = query.batchGroup {
            clauses.append("c.batch_group = ?")
            bind([group])
        }
        if !query.sources.isEmpty {
            // Each kind has its own column (and partial index).
            let campaigns = query.sources.filter { $0.kind == .campaign }.map(\.id).sorted()
            let visits = query.sources.filter { $0.kind == .leaderVisit }.map(\.id).sorted()
            var either: [String] = []
            if !campaigns.isEmpty { either.append("c.campaign_id IN \(Self.placeholders(campaigns.count))") }
            if !visits.isEmpty { either.append("c.visit_id IN \(Self.placeholders(visits.count))") }
            add("(" + either.joined(separator: " OR ") + ")", (campaigns + visits).map { $0 as (any DatabaseValueConvertible)? })
        }
        if let figure = query.figure { addFigure(figure) }
        if let person = query.firstResponsibleID {
            clauses.append("c.first_responsible_id = ?")
            bind([person.rawValue])
        }
        for word in query.words {
            if word.unicodeScalars.count >= 3 {
                clauses.append("c.id IN (SELECT rowid FROM concern_fts WHERE concern_fts MATCH ?)")
                bind(["\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""])
            } else if let token = ShortWordIndex.token(for: word) {
                if driver == nil { driver = (clauses.count, arguments.count) }
                clauses.append("c.id IN (SELECT rowid FROM \(ShortWordIndex.table) WHERE \(ShortWordIndex.table) MATCH ?)")
                bind([token])
            } else {
                let needle = word.lowercased()
                clauses.append("(instr(lower(c.title), ?) > 0 OR instr(lower(c.description), ?) > 0 OR instr(lower(c.root_cause), ?) > 0 OR instr(lower(c.plan), ?) > 0)")
                bind([needle, needle, needle, needle])
            }
        }
    }

    /// `ConcernScope.contains` in SQL: the same five ways in, in the same order.
    private mutating func addScope(_ scope: ConcernScope) {
        var ways: [String] = []
        if !scope.libraries.isEmpty {
            let list = Self.placeholders(scope.libraries.count)
            let units = scope.libraries.sorted().map(\.rawValue)
            ways.append("c.unit_id IN \(list)")
            ways.append("c.id IN (SELECT concern_id FROM escalation WHERE from_unit_id IN \(list))")
            bind(units + units)
        }
        if !scope.referredTo.isEmpty {
            ways.append("(c.stage = 'referred' AND c.referral_unit_id IN \(Self.placeholders(scope.referredTo.count)))")
            bind(scope.referredTo.sorted().map(\.rawValue))
        }
        if !scope.responsibleUnits.isEmpty {
            ways.append("c.responsible_unit_id IN \(Self.placeholders(scope.responsibleUnits.count))")
            bind(scope.responsibleUnits.sorted().map(\.rawValue))
        }
        if let person = scope.person {
            ways.append("c.finder_id = ? OR c.reporter_id = ? OR c.first_responsible_id = ?")
            bind([person.rawValue, person.rawValue, person.rawValue])
        }
        clauses.append(ways.isEmpty ? "0" : "(" + ways.joined(separator: " OR ") + ")")
    }

    /// `FigureCell.includes` in SQL: the measure's place among the cell's libraries (or its
    /// solving department), its condition on dates and stage, the category.
    private mutating func addFigure(_ cell: FigureCell) {
        let from = cell.period.from.ordinal, to = cell.period.to.ordinal
        if let category = cell.categoryID { add("c.category_id = ?", [category.rawValue]) }
        switch cell.owner {
        case .everyone:
            break
        case .solvingUnit(let unit):
            guard cell.measure.place == .handledBy else { clauses.append("0"); return }
            add("c.responsible_unit_id = ?", [unit.rawValue])
        case .libraries(let units):
            let list = Self.placeholders(units.count)
            let ids: [(any DatabaseValueConvertible)?] = units.sorted().map(\.rawValue)
            switch cell.measure.place {
            case .foundIn:
                add("coalesce((SELECT from_unit_id FROM escalation WHERE concern_id = c.id AND position = 0), c.unit_id) IN \(list)", ids)
            case .handledBy:
                add("c.unit_id IN \(list)", ids)
            case .escalatedFrom:
                add("c.id IN (SELECT concern_id FROM escalation WHERE from_unit_id IN \(list) AND on_day BETWEEN ? AND ?)", ids + [from, to])
            }
        }
        switch cell.measure {
        case .found: add("c.reported_on BETWEEN ? AND ?", [from, to])
        case .accepted: add("(c.reported_on BETWEEN ? AND ? AND c.stage NOT IN ('found','analysing','referred'))", [from, to])
        case .escalated: add("c.id IN (SELECT concern_id FROM escalation WHERE on_day BETWEEN ? AND ?)", [from, to])
        case .solved: add("c.solved_on BETWEEN ? AND ?", [from, to])
        case .referred: add("c.referral_on BETWEEN ? AND ?", [from, to])
        case .closed: add("c.closed_on BETWEEN ? AND ?", [from, to])
        case .overdue:
            // ConcernFact.isOverdue(on:) on the judging day.
            let day = cell.asOf.ordinal
            add("""
                (c.due_on < ? AND c.reported_on <= ? AND c.paused_since IS NULL
                 AND c.stage NOT IN ('referred','watch','found','analysing') AND (c.solved_on IS NULL OR c.solved_on > ?))
                """, [day, day, day])
        }
    }

    /// The grade's place in `grade_rank` (see the schema).
    static func rank(_ grade: Grade) -> Int {
        switch grade {
        case .urgent: 1
        case .major: 2
        case .general: 3
        case .budding: 4
        }
    }

    var whereClause: String {
        clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    }

    /// The same filter read from the short-word index: its first short word's token list
    /// (`w`, in rowid order) joined with the concerns, the other conditions as they are.
    /// As a condition (`c.id IN (…)`) SQLite lists every match before it can return the
    /// first; driven by the index, a page of the newest matches of the most common
    /// character reads about a page of its list. Nil when no word uses that index.
    var drivenByShortWord: (from: String, whereClause: String, arguments: [DatabaseValue])? {
        guard let driver else { return nil }
        var clauses = clauses, arguments = arguments
        clauses.remove(at: driver.clause)
        let token = arguments.remove(at: driver.argument)
        return ("\(ShortWordIndex.table)(?) AS w JOIN concern c ON c.id = w.rowid",
                clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), [token] + arguments)
    }

    /// Whether the filter is a short word and nothing else: counted from the index alone.
    var isOneShortWord: Bool { driver != nil && clauses.count == 1 }

    mutating func add(_ clause: String, _ values: [(any DatabaseValueConvertible)?]) {
        clauses.append(clause)
        bind(values)
    }

    private mutating func addSet(_ column: String, _ values: [some DatabaseValueConvertible]) {
        guard !values.isEmpty else { return }
        clauses.append("\(column) IN \(Self.placeholders(values.count))")
        bind(values.map { $0 as (any DatabaseValueConvertible)? })
    }

    static func placeholders(_ count: Int) -> String {
        "(" + Array(repeating: "?", count: max(count, 1)).joined(separator: ",") + ")"
    }
}

/// Keyset paging: each sort order's key, and the condition "after this cursor".
enum ConcernOrder {
    /// Concerns with no deadline sort after every real one.
    static let noDue = Int(Int32.max)

    /// The sort's key besides the id, as an SQL expression (nil: the id alone). With
    /// `dueKnown` (the filter keeps only concerns with a deadline) the due order is the bare
    /// column, which the running-deadline index holds in order.
    static func key(_ sort: ConcernQuery.Sort, dueKnown: Bool = false) -> String? {
        switch sort {
        case .newest, .oldest: nil
        case .dueSoonest: dueKnown ? "c.due_on" : "coalesce(c.due_on, \(noDue))"
        case .grade: "c.grade_rank"
        case .stage: "c.stage_rank"
        }
    }

    /// Whether the id runs downwards within the order (newest first).
    static func idDescending(_ sort: ConcernQuery.Sort) -> Bool {
        switch sort {
        case .newest, .grade, .stage: true
        case .oldest, .dueSoonest: false
        }
    }

    /// The ORDER BY of a sort, or of its mirror image (for paging upwards).
    /// `id`: the column that holds the concern's id in the query (the short-word index's
    /// rowid when it drives the listing).
    static func orderBy(_ sort: ConcernQuery.Sort, reversed: Bool = false, dueKnown: Bool = false, id column: String = "c.id") -> String {
        let idDown = idDescending(sort) != reversed
        let id = column + " " + (idDown ? "DESC" : "ASC")
        guard let key = key(sort, dueKnown: dueKnown) else { return id }
        return "\(key) \(reversed ? "DESC" : "ASC"), \(id)"
    }

    /// The rows after the cursor in the (possibly mirrored) order.
    static func after(_ cursor: PageCursor, sort: ConcernQuery.Sort, reversed: Bool = false, dueKnown: Bool = false,
                      id column: String = "c.id") -> (String, [(any DatabaseValueConvertible)?]) {
        let idDown = idDescending(sort) != reversed
        guard let key = key(sort, dueKnown: dueKnown) else { return (idDown ? "\(column) < ?" : "\(column) > ?", [cursor.position]) }
        let keyBeyond = reversed ? "<" : ">"
        let idBeyond = idDown ? "<" : ">"
        // (key, id) beyond the cursor, with the id running its own way within one key.
        return ("(\(key) \(keyBeyond) ? OR (\(key) = ? AND \(column) \(idBeyond) ?))",
                [cursor.key ?? 0, cursor.key ?? 0, cursor.position])
    }
}
