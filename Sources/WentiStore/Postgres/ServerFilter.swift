import PostgresNIO
import WentiCore

/// A statement being built with its bound values (`$1`, `$2`, … in the order bound).
struct BoundSQL {
    var binds = PostgresBindings()
    private var count = 0

    /// The placeholder of a newly bound value.
    mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        binds.append(value)
        count += 1
        return "$\(count)"
    }

    func query(_ sql: String) -> PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}

/// `ConcernQuery` and the viewer's scope as conditions on `wenti.concern c`: the SQLite
/// store's `ConcernFilterSQL`, in PostgreSQL. The server's row-level security scopes every
/// statement anyway; the scope here is the narrower view a view-as session asks for.
///
/// Text: every word must appear in one of the four searched texts. The pieces index
/// (`wenti.grams`) finds the rows holding all of a word's one- or two-character pieces,
/// and `strpos` then checks the word itself, so that words of every length use an index.
///
/// Under row-level security (every person; only an administrator bypasses it) the index is
/// never used: `@>` is not leakproof, so PostgreSQL evaluates it only after the policy, row
/// by row, recomputing `wenti.grams` (about 0.25 ms a concern). There a word the person sees
/// in few concerns comes with those concerns' codes, which `wenti.word_matches` found through
/// the index (`ServerWordSearch`, `PostgresStore.wordMatches`), and the condition is a lookup
/// of the codes; a word they see often is found by `strpos` alone, which implies the pieces,
/// so the rows are the same either way.
struct ServerFilter {
    private(set) var clauses: [String] = []
    var sql = BoundSQL()

    static let clockRuns = "(c.stage IN ('defined','solving') AND c.paused_since IS NULL)"

    /// `underRowSecurity`: whether the session is held to the policies (a person's), which
    /// decides how a word is looked for (see above).
    /// `wordMatches`: for a person, the codes of the concerns they see that hold a word, for
    /// the words they see in few concerns (lower-cased words as keys).
    init(query: ConcernQuery, scope: ConcernScope, today: Day, underRowSecurity: Bool, wordMatches: [String: [String]] = [:]) {
        if !scope.everything { addScope(scope) }
        addSet("c.tier", query.tiers.map(\.rawValue).sorted())
        addSet("c.unit_id", query.unitIDs.map(\.rawValue).sorted())
        addSet("c.unit_id", query.within.map(\.rawValue).sorted())
        if !query.grades.isEmpty || query.ungraded {
            var ranks = query.grades.map(ConcernFilterSQL.rank).sorted()
            if query.ungraded { ranks.append(9) }
            addSet("c.grade_rank", ranks)
        }
        addSet("c.stage", query.stages.map(\.rawValue).sorted())
        addSet("c.category_id", query.categoryIDs.map(\.rawValue).sorted())
        addSet("c.channel", query.channels.map(\.rawValue).sorted())
        if query.overdueOnly { clauses.append("(\(Self.clockRuns) AND c.due_on < \(sql.bind(today.ordinal)))") }
        if let due = query.dueWithin {
            clauses.append("(\(Self.clockRuns) AND c.due_on BETWEEN \(sql.bind(due.lowerBound.ordinal)) AND \(sql.bind(due.upperBound.ordinal)))")
        }
        if let due = query.deadlineWithin {
            clauses.append("c.due_on BETWEEN \(sql.bind(due.lowerBound.ordinal)) AND \(sql.bind(due.upperBound.ordinal))")
        }
        if !query.codes.isEmpty { clauses.append("c.code = ANY (\(sql.bind(query.codes.map(\.description).sorted())))") }
        if let group = query.batchGroup { clauses.append("c.batch_group = \(sql.bind(group))") }
        if !query.sources.isEmpty {
            // "kind:id", as the source index (migration v2) holds it.
            let keys = query.sources.map { "\($0.kind.rawValue):\($0.id)" }.sorted()
            clauses.append("(c.doc ? 'source' AND \(ServerTables.sourceKey("c.doc")) = ANY (\(sql.bind(keys))))")
        }
        if let figure = query.figure { addFigure(figure) }
        if let person = query.firstResponsibleID { clauses.append("c.first_responsible_id = \(sql.bind(person.rawValue))") }
        for word in query.words {
            let needle = word.lowercased()
            let characters = needle.map(String.init)
            let pieces = characters.count == 1 ? characters : (0..<characters.count - 1).map { characters[$0] + characters[$0 + 1] }
            if underRowSecurity, let codes = wordMatches[needle] {
                clauses.append("c.code = ANY (\(sql.bind(codes)))")
            } else if underRowSecurity {
                clauses.append("strpos(c.search_text, \(sql.bind(needle))) > 0")
            } else {
                clauses.append("(wenti.grams(c.search_text) @> \(sql.bind(Array(Set(pieces)).sorted()))::text[] AND strpos(c.search_text, \(sql.bind(needle))) > 0)")
            }
        }
    }

    /// `ConcernScope.contains` in SQL: the same five ways in.
    private mutating func addScope(_ scope: ConcernScope) {
        var ways: [String] = []
        if !scope.libraries.isEmpty {
            let units = scope.libraries.map(\.rawValue).sorted()
            ways.append("c.unit_id = ANY (\(sql.bind(units)))")
            ways.append("c.escalated_from && \(sql.bind(units))::text[]")
        }
        if !scope.referredTo.isEmpty {
            ways.append("(c.stage = 'referred' AND c.referral_unit_id = ANY (\(sql.bind(scope.referredTo.map(\.rawValue).sorted()))))")
        }
        if !scope.responsibleUnits.isEmpty {
            ways.append("c.responsible_unit_id = ANY (\(sql.bind(scope.responsibleUnits.map(\.rawValue).sorted())))")
        }
        if let person = scope.person {
            let me = sql.bind(person.rawValue)
            ways.append("c.finder_id = \(me) OR c.reporter_id = \(me) OR c.first_responsible_id = \(me)")
        }
        clauses.append(ways.isEmpty ? "false" : "(" + ways.joined(separator: " OR ") + ")")
    }

    /// `FigureCell.includes` in SQL (see `ConcernFilterSQL.addFigure`).
    private mutating func addFigure(_ cell: FigureCell) {
        let from = sql.bind(cell.period.from.ordinal), to = sql.bind(cell.period.to.ordinal)
        if let category = cell.categoryID { clauses.append("c.category_id = \(sql.bind(category.rawValue))") }
        switch cell.owner {
        case .everyone:
            break
        case .solvingUnit(let unit):
            guard cell.measure.place == .handledBy else { clauses.append("false"); return }
            clauses.append("c.responsible_unit_id = \(sql.bind(unit.rawValue))")
        case .libraries(let units):
            let list = sql.bind(units.map(\.rawValue).sorted())
            switch cell.measure.place {
            case .foundIn: clauses.append("c.found_in = ANY (\(list))")
            case .handledBy: clauses.append("c.unit_id = ANY (\(list))")
            case .escalatedFrom:
                clauses.append("""
                    EXISTS (SELECT 1 FROM jsonb_array_elements(c.doc->'escalations') e
                            WHERE e->>'fromUnitID' = ANY (\(list)) AND wenti.day(e->>'on') BETWEEN \(from) AND \(to))
                    """)
            }
        }
        switch cell.measure {
        case .found: clauses.append("c.reported_on BETWEEN \(from) AND \(to)")
        case .accepted: clauses.append("(c.reported_on BETWEEN \(from) AND \(to) AND c.stage NOT IN ('found','analysing','referred'))")
        case .escalated:
            clauses.append("EXISTS (SELECT 1 FROM jsonb_array_elements(c.doc->'escalations') e WHERE wenti.day(e->>'on') BETWEEN \(from) AND \(to))")
        case .solved: clauses.append("c.solved_on BETWEEN \(from) AND \(to)")
        case .referred: clauses.append("c.referral_on BETWEEN \(from) AND \(to)")
        case .closed: clauses.append("c.closed_on BETWEEN \(from) AND \(to)")
        case .overdue:
            let day = sql.bind(cell.asOf.ordinal)
            clauses.append("""
                (c.due_on < \(day) AND c.reported_on <= \(day) AND c.paused_since IS NULL
                 AND c.stage NOT IN ('referred','watch','found','analysing') AND (c.solved_on IS NULL OR c.solved_on > \(day)))
                """)
        }
    }

    private mutating func addSet(_ column: String, _ values: [String]) {
        guard !values.isEmpty else { return }
        clauses.append("\(column) = ANY (\(sql.bind(values)))")
    }

    private mutating func addSet(_ column: String, _ values: [Int]) {
        guard !values.isEmpty else { return }
        clauses.append("\(column) = ANY (\(sql.bind(values)))")
    }

    mutating func add(_ clause: String) { clauses.append(clause) }

    var whereClause: String {
        clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    }

    /// The rows after `cursor` in the (possibly mirrored) order of `sort` (`ConcernOrder`).
    mutating func addAfter(_ cursor: PageCursor, sort: ConcernQuery.Sort, reversed: Bool, dueKnown: Bool) {
        let idDown = ConcernOrder.idDescending(sort) != reversed
        let position = sql.bind(cursor.position)
        guard let key = ConcernOrder.key(sort, dueKnown: dueKnown) else {
            clauses.append(idDown ? "c.id < \(position)" : "c.id > \(position)")
            return
        }
        let value = sql.bind(cursor.key ?? 0)
        clauses.append("(\(key) \(reversed ? "<" : ">") \(value) OR (\(key) = \(value) AND c.id \(idDown ? "<" : ">") \(position)))")
    }
}
