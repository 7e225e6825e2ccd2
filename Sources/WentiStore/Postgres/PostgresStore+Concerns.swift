import Foundation
import PostgresNIO
import WentiCore
import WentiSeal

extension PostgresStore {
    // MARK: Writing

    public func open(_ new: NewConcern, actor person: Person) async throws(StoreError) -> Concern {
        try await requireActing(person.id)
        let workspace = try await workspace()
        let context = makeContext(person, workspace)
        return try await connection.write { db in
            var new = new
            let envelope: SealedEnvelope?
            let holders = try await self.currentHolders(db, organisation: workspace.organisation)
            let year = context.today.civil.year
            let code = ConcernCode(year: year, sequence: try await self.nextID(db, kind: "concern", year: year))
            (new.reporter, envelope) = try IncomingIdentity.seal(new.reporter, of: code) { holders }
            let concern = try Workflow.open(new, code: code, context: context)
            try await db.run("INSERT INTO wenti.concern (doc) VALUES (\(try self.document(concern))::jsonb)", logger: self.logger)
            if let envelope { try await self.writeEnvelope(db, envelope, code: code) }
            try await self.appendAudit(db, actor: person.id, action: ConcernAction.open.rawValue, subject: code.description,
                                       changes: ChangeSet.between(nil, concern))
            return concern
        }
    }

    public func perform(_ commands: [ConcernCommand], on code: ConcernCode, expectedVersion: Int?, actor person: Person) async throws(StoreError) -> Concern {
        try await requireActing(person.id)
        let workspace = try await workspace()
        let context = makeContext(person, workspace)
        let scope = AccessPolicy.scope(of: person, in: workspace.organisation)
        return try await connection.write { db in
            try await self.apply(commands, on: code, expectedVersion: expectedVersion, in: db, as: person, context: context, scope: scope, workspace: workspace)
        }
    }

    /// Applies commands to one concern inside the caller's transaction (see `SQLiteStore.apply`):
    /// the row is locked first, so a second writer waits and then finds the new version.
    func apply(_ commands: [ConcernCommand], on code: ConcernCode, expectedVersion: Int?, in db: PostgresConnection, as person: Person,
               context: WorkflowContext, scope: ConcernScope, workspace: Workspace) async throws -> Concern {
        guard let current = try await loadConcern(code, in: db, lock: true), scope.contains(current) else {
            throw StoreError.concernNotFound(code)
        }
        if let expectedVersion, expectedVersion != current.version {
            throw conflict(code, expected: expectedVersion, current: current, workspace: workspace)
        }
        var next = current
        var entries: [(action: String, changes: [FieldChange])] = []
        for command in commands {
            let before = next
            next = try Workflow.apply(command, to: next, context: context)
            entries.append((command.action.rawValue, ChangeSet.of(command, from: before, to: next)))
        }
        next.version = current.version + 1
        let updated = try await db.query("""
            UPDATE wenti.concern SET doc = \(try document(next))::jsonb WHERE code = \(code.description) AND version = \(current.version) RETURNING id
            """, logger: logger)
        var changed = false
        for try await _ in updated.decode(Int64.self) { changed = true }
        guard changed else { throw conflict(code, expected: current.version, current: current, workspace: workspace) }
        // After the change: the server accepts an entry about a concern only with its change.
        for entry in entries {
            try await appendAudit(db, actor: person.id, action: entry.action, subject: code.description, changes: entry.changes, at: context.now)
        }
        return next
    }

    public func insert(_ concerns: [Concern], actor person: Person, action: String) async throws(StoreError) -> [Concern] {
        try await requireActing(person.id)
        let organisation = try await workspace().organisation
        let largestGiven = ConcernCode.largestPerYear(concerns.map(\.code))
        return try await connection.write { db in
            try await self.reserve(largestGiven, db)
            var holders: [HolderKey]?
            return try await self.insertRows(concerns, actor: person, action: action, organisation: organisation, holders: &holders, db)
        }
    }

    public func insert(batches next: @escaping @Sendable () throws -> [Concern]?, expected: Int, largestGiven: [Int: Int],
                       actor person: Person, action: String) async throws(StoreError) -> [ConcernCode] {
        try await requireActing(person.id)
        let organisation = try await workspace().organisation
        return try await connection.write { db in
            try await self.reserve(largestGiven, db)
            var holders: [HolderKey]?
            var codes: [ConcernCode] = []
            codes.reserveCapacity(expected)
            while let batch = try next() {
                codes += try await self.insertRows(batch, actor: person, action: action, organisation: organisation, holders: &holders, db).map(\.code)
            }
            return codes
        }
    }

    /// Writes complete concerns inside the caller's transaction: one statement for the rows
    /// and one for their audit entries (a round trip per concern would make an import of
    /// 100,000 take minutes).
    private func insertRows(_ concerns: [Concern], actor person: Person, action: String, organisation: Organisation,
                            holders: inout [HolderKey]?, _ db: PostgresConnection) async throws -> [Concern] {
        var stored: [Concern] = []
        var documents: [String] = [], subjects: [String] = [], changes: [String] = []
        var envelopes: [(ConcernCode, SealedEnvelope)] = []
        stored.reserveCapacity(concerns.count)
        for var concern in concerns {
            let year = concern.code.year
            if concern.code.sequence == 0 {
                concern.code = ConcernCode(year: year, sequence: try await nextID(db, kind: "concern", year: year))
            }
            let envelope: SealedEnvelope?
            if case .anonymous(.toSeal) = concern.reporter, holders == nil {
                holders = try await currentHolders(db, organisation: organisation)
            }
            (concern.reporter, envelope) = try IncomingIdentity.seal(concern.reporter, of: concern.code) { [holders] in holders ?? [] }
            if let envelope { envelopes.append((concern.code, envelope)) }
            documents.append(try document(concern))
            subjects.append(concern.code.description)
            changes.append(String(decoding: try encoder.encode([FieldChange(field: "stage", old: "", new: concern.stage.rawValue)]), as: UTF8.self))
            stored.append(concern)
        }
        try await db.run("INSERT INTO wenti.concern (doc) SELECT d::jsonb FROM unnest(\(documents)::text[]) WITH ORDINALITY AS x(d, n) ORDER BY n",
                         logger: logger)
        for (code, envelope) in envelopes { try await writeEnvelope(db, envelope, code: code) }
        let at = clock.now().timeIntervalSince1970
        try await db.run("""
            INSERT INTO wenti.audit_log (at, actor_id, action, subject, changes)
            SELECT \(at), \(person.id.rawValue), \(action), s, c::jsonb FROM unnest(\(subjects)::text[], \(changes)::text[]) WITH ORDINALITY AS x(s, c, n) ORDER BY n
            """, logger: logger)
        return stored
    }

    /// Moves each year's code counter past the largest code the rows give (the counter keeps
    /// the greatest it is told), before any code is allocated: once per year, where a round
    /// trip per row made an import of a file with its codes wait on the server a million times.
    private func reserve(_ largestGiven: [Int: Int], _ db: PostgresConnection) async throws {
        for (year, sequence) in largestGiven.sorted(by: { $0.key < $1.key }) {
            try await db.run("SELECT wenti.reserve_id('concern', \(year)::int, \(sequence)::int)", logger: logger)
        }
    }

    func nextID(_ db: PostgresConnection, kind: String, year: Int) async throws -> Int {
        for try await n in try await db.query("SELECT wenti.next_id(\(kind), \(year)::int)", logger: logger).decode(Int.self) { return n }
        throw StoreError.database("no id allocated")
    }

    func makeContext(_ person: Person, _ workspace: Workspace) -> WorkflowContext {
        WorkflowContext(actor: person, organisation: workspace.organisation, categories: workspace.categoryIDs,
                        sources: workspace.sources, policy: workspace.policy, now: clock.now(), today: clock.today())
    }

    func conflict(_ code: ConcernCode, expected: Int, current: Concern, workspace: Workspace) -> StoreError {
        StoreError.conflict(code, expected: expected, current: current, in: workspace)
    }

    func document(_ concern: Concern) throws -> String {
        String(decoding: try encoder.encode(concern), as: UTF8.self)
    }

    func loadConcern(_ code: ConcernCode, in db: PostgresConnection, lock: Bool = false) async throws -> Concern? {
        let rows = try await db.query(PostgresQuery(unsafeSQL: "SELECT doc::text FROM wenti.concern WHERE code = $1" + (lock ? " FOR UPDATE" : ""),
                                                    binds: { var b = PostgresBindings(); b.append(code.description); return b }()),
                                      logger: logger)
        for try await text in rows.decode(String.self) { return try JSONDecoder().decode(Concern.self, from: Data(text.utf8)) }
        return nil
    }

    // MARK: Reading

    public func concern(_ code: ConcernCode, scope: ConcernScope) async throws(StoreError) -> Concern {
        let loaded = try await connection.read { db in try await self.loadConcern(code, in: db) }
        guard let loaded, scope.contains(loaded) else { throw .concernNotFound(code) }
        return loaded
    }

    public func page(_ query: ConcernQuery, scope: ConcernScope, after cursor: PageCursor?, limit: Int) async throws(StoreError) -> ConcernPage {
        try await page(query, scope: scope, from: cursor, limit: limit, upwards: false)
    }

    public func page(_ query: ConcernQuery, scope: ConcernScope, before cursor: PageCursor?, limit: Int) async throws(StoreError) -> ConcernPage {
        try await page(query, scope: scope, from: cursor, limit: limit, upwards: true)
    }

    private func page(_ query: ConcernQuery, scope: ConcernScope, from cursor: PageCursor?, limit: Int, upwards: Bool) async throws(StoreError) -> ConcernPage {
        let today = clock.today()
        var filter = ServerFilter(query: query, scope: scope, today: today, underRowSecurity: !isAdministrator,
                                  wordMatches: try await wordMatches(query))
        let dueKnown = query.keepsOnlyDeadlines
        if let cursor { filter.addAfter(cursor, sort: query.sort, reversed: upwards, dueKnown: dueKnown) }
        let limitPlaceholder = filter.sql.bind(limit + 1)
        let statement = filter.sql.query("""
            SELECT c.id, c.code, c.title, c.tier, c.unit_id, c.stage, c.grade, c.category_id, c.channel,
                   c.first_responsible_id, c.reporter_name, c.anonymous, c.reported_on, c.due_on, c.paused_since, c.version,
                   \(ConcernOrder.key(query.sort, dueKnown: dueKnown) ?? "NULL::int") AS sort_key
            FROM wenti.concern c \(filter.whereClause)
            ORDER BY \(ConcernOrder.orderBy(query.sort, reversed: upwards, dueKnown: dueKnown)) LIMIT \(limitPlaceholder)
            """)
        let rows = try await connection.read { db in
            var summaries: [ConcernSummary] = []
            for try await row in try await db.query(statement, logger: self.logger) {
                summaries.append(try Self.summary(row.makeRandomAccess(), today: today))
            }
            return summaries
        }
        return ConcernPage(probed: rows, limit: limit, upwards: upwards)
    }

    private static func summary(_ row: PostgresRandomAccessRow, today: Day) throws -> ConcernSummary {
        let stage = try stored(Stage.self, try row["stage"].decode(String.self))
        let due = try row["due_on"].decode(Int?.self).map(Day.init(ordinal:))
        guard let code = ConcernCode(try row["code"].decode(String.self)) else { throw StoreError.database("concern code") }
        return ConcernSummary(
            cursor: PageCursor(position: try row["id"].decode(Int64.self), key: try row["sort_key"].decode(Int?.self)),
            code: code, title: try row["title"].decode(String.self),
            tier: try stored(Tier.self, try row["tier"].decode(Int.self)), unitID: UnitID(try row["unit_id"].decode(String.self)), stage: stage,
            grade: try row["grade"].decode(String?.self).map { try stored(Grade.self, $0) },
            categoryID: CategoryID(try row["category_id"].decode(String.self)),
            channel: try stored(Channel.self, try row["channel"].decode(String.self)),
            firstResponsibleID: try row["first_responsible_id"].decode(String?.self).map { PersonID($0) },
            reporterName: try row["reporter_name"].decode(String?.self), anonymous: try row["anonymous"].decode(Bool.self),
            reportedOn: Day(ordinal: try row["reported_on"].decode(Int.self)), due: due,
            daysOverdue: DeadlineClock.daysOverdue(stage: stage, pausedSince: try row["paused_since"].decode(Int?.self).map(Day.init(ordinal:)),
                                                   due: due, today: today),
            version: try row["version"].decode(Int.self))
    }

    public func concerns(_ query: ConcernQuery, scope: ConcernScope, after cursor: PageCursor?, limit: Int) async throws(StoreError) -> (concerns: [Concern], next: PageCursor?) {
        var filter = ServerFilter(query: query, scope: scope, today: clock.today(), underRowSecurity: !isAdministrator,
                                  wordMatches: try await wordMatches(query))
        // Bound before the statement is built: `query` copies the bindings it is called on.
        let after = filter.sql.bind(cursor?.position ?? 0)
        filter.add("c.id > \(after)")
        let limitPlaceholder = filter.sql.bind(limit)
        let statement = filter.sql.query("SELECT c.id, c.doc::text FROM wenti.concern c \(filter.whereClause) ORDER BY c.id LIMIT \(limitPlaceholder)")
        let loaded = try await connection.read { db in
            var loaded: [(Int64, Concern)] = []
            let decoder = JSONDecoder()
            for try await (id, text) in try await db.query(statement, logger: self.logger).decode((Int64, String).self) {
                loaded.append((id, try decoder.decode(Concern.self, from: Data(text.utf8))))
            }
            return loaded
        }
        let next = loaded.count < limit ? nil : loaded.last.map { PageCursor(position: $0.0, key: nil) }
        return (loaded.map(\.1), next)
    }

    public func comparedTexts(_ query: ConcernQuery, scope: ConcernScope, limit: Int) async throws(StoreError) -> [ComparedText] {
        var filter = ServerFilter(query: query, scope: scope, today: clock.today(), underRowSecurity: !isAdministrator,
                                  wordMatches: try await wordMatches(query))
        let limitPlaceholder = filter.sql.bind(limit)
        let statement = filter.sql.query("""
            SELECT c.code, c.version, c.doc->>'title', coalesce(c.doc #>> '{analysis,rootCause}', '')
            FROM wenti.concern c \(filter.whereClause) ORDER BY c.id LIMIT \(limitPlaceholder)
            """)
        return try await connection.read { db in
            var texts: [ComparedText] = []
            for try await (code, version, title, rootCause) in try await db.query(statement, logger: self.logger).decode((String, Int, String, String).self) {
                guard let code = ConcernCode(code) else { throw StoreError.database("concern code \(code)") }
                texts.append(ComparedText(code: code, version: version, title: title, rootCause: rootCause))
            }
            return texts
        }
    }

    public func cursor(of code: ConcernCode, sort: ConcernQuery.Sort, scope: ConcernScope) async throws(StoreError) -> PageCursor {
        _ = try await concern(code, scope: scope)
        var sql = BoundSQL()
        let codePlaceholder = sql.bind(code.description)
        let statement = sql.query("SELECT c.id, \(ConcernOrder.key(sort) ?? "NULL::int") FROM wenti.concern c WHERE c.code = \(codePlaceholder)")
        let found = try await connection.read { db -> PageCursor? in
            for try await (id, key) in try await db.query(statement, logger: self.logger).decode((Int64, Int?).self) {
                return PageCursor(position: id, key: key)
            }
            return nil
        }
        guard let found else { throw .concernNotFound(code) }
        return found
    }

    public func count(_ query: ConcernQuery, scope: ConcernScope, upTo cap: Int?) async throws(StoreError) -> Int {
        if !isAdministrator, scope.everything, query.isOneWordAlone,
           let word = query.words.first, let kept = try await keptWordCount(word.lowercased()) {
            // Kept for whoever sees every concern, for a word of one or two characters
            // (ServerWordCounts): exact, whether the word search listed it or left it to a scan.
            return cap.map { min($0, kept) } ?? kept
        }
        if !isAdministrator, scope.everything, query.isOverdueAlone {
            // The supervision pane's overdue count: kept for whoever sees every concern (ServerOverdueCount).
            let today = clock.today().ordinal
            let kept = try await connection.read { db in
                for try await n in try await db.query("SELECT wenti.overdue_count(\(today)::int)", logger: self.logger).decode(Int?.self) { return n }
                return nil
            }
            if let kept { return cap.map { min($0, kept) } ?? kept }
        }
        let matches = try await wordMatches(query)
        if !isAdministrator, scope.everything, query.isOneWordAlone {
            // Nothing else narrows the word's concerns: wordMatches listed them all, or said they
            // are more than it lists (then at least `cap`, without a scan).
            if let codes = matches.first?.value { return cap.map { min($0, codes.count) } ?? codes.count }
            if let cap, cap <= wordSearchCap.load(ordering: .relaxed) { return cap }
        }
        if !isAdministrator, scope.everything, query.isStagesAlone {
            // Stages and nothing else (the feedback pane's queue): kept for those who see everything.
            let stages = query.stages.map(\.rawValue).sorted()
            let total = try await connection.read { db in
                for try await n in try await db.query("SELECT wenti.stage_count(\(stages)::text[])", logger: self.logger).decode(Int.self) { return n }
                return 0
            }
            return cap.map { min($0, total) } ?? total
        }
        var filter = ServerFilter(query: query, scope: scope, today: clock.today(), underRowSecurity: !isAdministrator, wordMatches: matches)
        if filter.whereClause.isEmpty {
            // Everything the person sees: kept for whoever sees every concern (ServerLibraryCounts).
            let total = try await connection.read { db in
                for try await n in try await db.query("SELECT wenti.concern_count()", logger: self.logger).decode(Int.self) { return n }
                return 0
            }
            return cap.map { min($0, total) } ?? total
        }
        let inner = "SELECT 1 FROM wenti.concern c \(filter.whereClause)"
        let capPlaceholder = cap.map { filter.sql.bind($0) }
        let statement = filter.sql.query(capPlaceholder.map { "SELECT count(*) FROM (\(inner) LIMIT \($0)) capped" } ?? "SELECT count(*) FROM (\(inner)) counted")
        return try await connection.read { db in
            for try await n in try await db.query(statement, logger: self.logger).decode(Int.self) { return n }
            return 0
        }
    }

    public func counts(_ query: ConcernQuery, by facet: Facet, scope: ConcernScope) async throws(StoreError) -> [String: Int] {
        let filter = ServerFilter(query: query, scope: scope, today: clock.today(), underRowSecurity: !isAdministrator,
                                  wordMatches: try await wordMatches(query))
        let column = switch facet {
        case .tier: "'L' || c.tier"
        case .stage: "c.stage"
        case .grade: "coalesce(c.grade, '')"
        case .category: "c.category_id"
        case .channel: "c.channel"
        case .unit: "c.unit_id"
        case .batchGroup: "coalesce(c.batch_group, '')"
        }
        let statement = filter.sql.query("SELECT \(column), count(*)::int FROM wenti.concern c \(filter.whereClause) GROUP BY 1")
        return try await connection.read { db in
            var result: [String: Int] = [:]
            for try await (key, n) in try await db.query(statement, logger: self.logger).decode((String, Int).self) { result[key] = n }
            return result
        }
    }

    /// What the person may see, counted by the server: `wenti.library_counts` reads the kept
    /// counts for whoever sees every concern and counts the visible rows for anyone else
    /// (`ServerLibraryCounts`). A narrower scope of the session's own (view-as) is counted
    /// from its rows here.
    public func libraryCounts(scope: ConcernScope) async throws(StoreError) -> [UnitID: LibraryCounts] {
        if scope.everything {
            let today = clock.today().ordinal
            return try await connection.read { db in
                var result: [UnitID: LibraryCounts] = [:]
                let rows = try await db.query("SELECT unit_id, open, overdue, awaiting FROM wenti.library_counts(\(today)::int)", logger: self.logger)
                for try await (unit, open, overdue, awaiting) in rows.decode((String, Int, Int, Int).self) {
                    result[UnitID(unit)] = LibraryCounts(open: open, overdue: overdue, awaitingFeedback: awaiting)
                }
                return result
            }
        }
        var filter = ServerFilter(query: ConcernQuery(), scope: scope, today: clock.today(), underRowSecurity: !isAdministrator)
        let today = filter.sql.bind(clock.today().ordinal)
        let statement = filter.sql.query("""
            SELECT c.unit_id, count(*) FILTER (WHERE c.stage <> 'closed')::int,
                   count(*) FILTER (WHERE \(ServerFilter.clockRuns) AND c.due_on < \(today))::int,
                   count(*) FILTER (WHERE c.stage = 'awaiting-feedback')::int
            FROM wenti.concern c \(filter.whereClause) GROUP BY c.unit_id
            """)
        return try await connection.read { db in
            var result: [UnitID: LibraryCounts] = [:]
            for try await (unit, open, overdue, awaiting) in try await db.query(statement, logger: self.logger).decode((String, Int, Int, Int).self) {
                result[UnitID(unit)] = LibraryCounts(open: open, overdue: overdue, awaitingFeedback: awaiting)
            }
            return result
        }
    }

    /// For a person, whom row-level security holds: the codes of the concerns they see that
    /// hold each word of the query, for the words they see in at most `wordSearchCap` concerns,
    /// found through the pieces index by `wenti.word_matches` (`ServerWordSearch`). An
    /// administrator's statements use the index themselves: nothing to ask.
    func wordMatches(_ query: ConcernQuery) async throws(StoreError) -> [String: [String]] {
        let words = Array(Set(query.words.map { $0.lowercased() })).sorted()
        guard !isAdministrator, !words.isEmpty else { return [:] }
        let cap = wordSearchCap.load(ordering: .relaxed)
        // Read before asking: a change committed meanwhile makes the mark stale, never newer.
        let mark = connection.changes.unchangedMark
        if let mark, let last = lastWordMatches.withLock({ $0 }), last.mark == mark, last.cap == cap, last.words == words {
            return last.matches
        }
        let matches = try await connection.read { db in
            var found: [String: [String]] = [:]
            let rows = try await db.query("SELECT w, wenti.word_matches(w, \(cap)::int) FROM unnest(\(words)::text[]) w", logger: self.logger)
            for try await (word, codes) in rows.decode((String, [String]?).self) {
                if let codes { found[word] = codes }
            }
            return found
        }
        if let mark { lastWordMatches.withLock { $0 = (mark, cap, words, matches) } }
        return matches
    }

    /// How many concerns hold `word` (lower-cased), from the server's kept counts: nil unless
    /// the person sees every concern and the word has one or two characters. The server
    /// decides; the round trip is skipped for anyone the permission table says does not see
    /// everything (it would answer NULL on every keystroke of their filter).
    private func keptWordCount(_ word: String) async throws(StoreError) -> Int? {
        let organisation = try await workspace().organisation
        guard let person = organisation.person(login: sessionUser), AccessPolicy.scope(of: person, in: organisation).everything else { return nil }
        return try await connection.read { db in
            for try await n in try await db.query("SELECT wenti.word_count(\(word))", logger: self.logger).decode(Int?.self) { return n }
            return nil
        }
    }
}
