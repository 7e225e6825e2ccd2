import GRDB
import WentiCore

/// Turns a `ConcernQuery` and the viewer's scope into SQL conditions on `concern c`.
///
/// Text search: words of three characters or more go through the trigram FTS index;
/// shorter words (which trigram `MATCH` never finds) fall back to `instr()` over the same
/// four columns. Every word must match.
struct ConcernFilterSQL {
    private(set) var clauses: [String] = []
    private(set) var arguments: [(any DatabaseValueConvertible)?] = []

    init(query: ConcernQuery, scope: ConcernScope, today: Day) {
        if case .units(let units) = scope {
            let list = Self.placeholders(units.count)
            clauses.append("(c.unit_id IN \(list) OR c.id IN (SELECT concern_id FROM escalation WHERE from_unit_id IN \(list)))")
            let sorted = units.sorted().map(\.rawValue)
            arguments += sorted + sorted
        }
        addSet("c.tier", query.tiers.map(\.rawValue).sorted())
        addSet("c.unit_id", query.unitIDs.map(\.rawValue).sorted())
        if !query.grades.isEmpty || query.ungraded {
            var parts: [String] = []
            if !query.grades.isEmpty {
                parts.append("c.grade IN \(Self.placeholders(query.grades.count))")
                arguments += query.grades.map(\.rawValue).sorted()
            }
            if query.ungraded { parts.append("c.grade IS NULL") }
            clauses.append("(" + parts.joined(separator: " OR ") + ")")
        }
        addSet("c.stage", query.stages.map(\.rawValue).sorted())
        addSet("c.category_id", query.categoryIDs.map(\.rawValue).sorted())
        addSet("c.channel", query.channels.map(\.rawValue).sorted())
        if query.overdueOnly {
            clauses.append("(c.stage IN ('defined','solving') AND c.paused_since IS NULL AND c.due_on < ?)")
            arguments.append(today.ordinal)
        }
        if let person = query.firstResponsibleID {
            clauses.append("c.first_responsible_id = ?")
            arguments.append(person.rawValue)
        }
        for word in query.words {
            if word.unicodeScalars.count >= 3 {
                clauses.append("c.id IN (SELECT rowid FROM concern_fts WHERE concern_fts MATCH ?)")
                arguments.append("\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            } else {
                let needle = word.lowercased()
                clauses.append("(instr(lower(c.title), ?) > 0 OR instr(lower(c.description), ?) > 0 OR instr(lower(c.root_cause), ?) > 0 OR instr(lower(c.plan), ?) > 0)")
                arguments += [needle, needle, needle, needle]
            }
        }
    }

    var whereClause: String {
        clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    }

    mutating func add(_ clause: String, _ values: [(any DatabaseValueConvertible)?]) {
        clauses.append(clause)
        arguments += values
    }

    private mutating func addSet(_ column: String, _ values: [some DatabaseValueConvertible]) {
        guard !values.isEmpty else { return }
        clauses.append("\(column) IN \(Self.placeholders(values.count))")
        arguments += values.map { $0 as (any DatabaseValueConvertible)? }
    }

    static func placeholders(_ count: Int) -> String {
        "(" + Array(repeating: "?", count: max(count, 1)).joined(separator: ",") + ")"
    }
}

/// Keyset paging: each sort order's key, and the condition "after this cursor".
enum ConcernOrder {
    /// Concerns with no deadline sort after every real one.
    static let noDue = Int(Int32.max)

    /// The ORDER BY of a sort, or of its mirror image (for paging upwards).
    static func orderBy(_ sort: ConcernQuery.Sort, reversed: Bool = false) -> String {
        let direction = reversed ? "DESC" : "ASC"
        switch (sort, reversed) {
        case (.newest, false), (.oldest, true): return "c.id DESC"
        case (.newest, true), (.oldest, false): return "c.id ASC"
        case (.dueSoonest, _): return "coalesce(c.due_on, \(noDue)) \(direction), c.id \(direction)"
        }
    }

    /// The rows after the cursor in the (possibly mirrored) order.
    static func after(_ cursor: PageCursor, sort: ConcernQuery.Sort, reversed: Bool = false) -> (String, [(any DatabaseValueConvertible)?]) {
        let beyond = reversed ? "<" : ">"
        switch (sort, reversed) {
        case (.newest, false), (.oldest, true): return ("c.id < ?", [cursor.rowID])
        case (.newest, true), (.oldest, false): return ("c.id > ?", [cursor.rowID])
        case (.dueSoonest, _):
            return ("(coalesce(c.due_on, \(noDue)), c.id) \(beyond) (?, ?)", [cursor.due ?? noDue, cursor.rowID])
        }
    }
}
