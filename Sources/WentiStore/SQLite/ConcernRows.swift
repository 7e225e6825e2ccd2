import Foundation
import GRDB
import WentiCore

/// The mapping between `Concern` and its rows: the `concern` row and the child tables
/// (tasks, links, notes, escalations, feedback). Column lists are written once, in
/// `columns(of:)`, and both INSERT and UPDATE are built from them.
enum ConcernRows {
    /// Every stored column of the `concern` row and its value for `concern`.
    static func columns(of c: Concern) -> [(String, (any DatabaseValueConvertible)?)] {
        var anonymous = false
        var reporterName: String?
        var reporterID: String?
        switch c.reporter {
        case .named(let name, let personID):
            reporterName = name
            reporterID = personID?.rawValue
        case .anonymous:
            // The identity itself lives sealed in `identity_envelope` (SQLiteStore+SealedIdentities).
            anonymous = true
        }
        var batchGroup: String?
        var processing: String?
        switch c.processing {
        case nil: break
        case .stream: processing = "stream"
        case .batch(let group):
            processing = "batch"
            batchGroup = group
        }
        var closure: String?
        var closureReason: String?
        switch c.closure {
        case nil: break
        case .withFeedback: closure = "with-feedback"
        case .withoutFeedback(let reason):
            closure = "without-feedback"
            closureReason = reason
        }
        return [
            ("year", c.code.year), ("seq", c.code.sequence),
            ("title", c.title), ("description", c.description),
            ("category_id", c.categoryID.rawValue), ("channel", c.channel.rawValue),
            ("campaign_id", c.source?.kind == .campaign ? c.source?.id : nil),
            ("visit_id", c.source?.kind == .leaderVisit ? c.source?.id : nil),
            ("finder_id", c.finderID?.rawValue),
            ("anonymous", anonymous), ("reporter_name", reporterName), ("reporter_id", reporterID),
            ("sealed_identity", nil as String?),
            ("involved_people", c.involvedPeople), ("involved_unit_id", c.involvedUnitID?.rawValue),
            ("reported_on", c.reportedOn.ordinal),
            ("unit_id", c.unitID.rawValue), ("tier", c.tier.rawValue), ("stage", c.stage.rawValue),
            ("grade", c.grade?.rawValue),
            ("root_cause", c.analysis.rootCause), ("difficulty", c.analysis.difficulty?.rawValue),
            ("breadth", c.analysis.breadth?.rawValue), ("plan", c.plan),
            ("first_responsible_id", c.firstResponsibleID?.rawValue),
            ("responsible_unit_id", c.responsibleUnitID?.rawValue),
            ("pledge_person_id", c.pledge?.personID.rawValue), ("pledge_on", c.pledge?.signedOn.ordinal),
            ("deadline", c.deadline?.ordinal), ("next_review", c.nextReview?.ordinal),
            ("processing", processing), ("batch_group", batchGroup),
            ("referral_unit_id", c.referral?.toUnitID.rawValue),
            ("referral_explanation", c.referral?.explanation), ("referral_on", c.referral?.on.ordinal),
            ("paused_days", c.pausedDays), ("paused_since", c.pausedSince?.ordinal),
            ("solved_on", c.solvedOn?.ordinal), ("closed_on", c.closedOn?.ordinal),
            ("closure", closure), ("closure_reason", closureReason),
            ("created_at", c.createdAt.timeIntervalSince1970), ("updated_at", c.updatedAt.timeIntervalSince1970),
            ("updated_by", c.updatedByID.rawValue), ("version", c.version),
        ]
    }

    /// The column names, taken from `columns(of:)` once so the statements are built once.
    private static let columnNames: [String] = columns(of: Concern(
        code: ConcernCode(year: 1970, sequence: 1), title: "", description: "", categoryID: "", channel: .other,
        finderID: nil, reporter: .anonymous(sealedIdentity: nil), reportedOn: Day(ordinal: 0), unitID: "", tier: .l1,
        createdAt: Date(timeIntervalSince1970: 0), createdByID: "")).map(\.0)
    private static let insertSQL = "INSERT INTO concern (\(columnNames.joined(separator: ","))) VALUES (\(Array(repeating: "?", count: columnNames.count).joined(separator: ",")))"
    static let stageSQL = "INSERT INTO temp.concern_staging (id,\(columnNames.joined(separator: ","))) VALUES (?,\(Array(repeating: "?", count: columnNames.count).joined(separator: ",")))"
    private static let updateSQL = "UPDATE concern SET \(columnNames.map { "\($0) = ?" }.joined(separator: ",")) WHERE id = ? AND version = ?"

    /// The statements that write concerns, looked up once per transaction: the SQL of a
    /// concern row is a kilobyte, and hashing it for the statement cache on every row of a
    /// bulk load was measurable.
    struct Statements {
        let insert, update, index, indexChars: Statement
        let deleteTasks, insertTask, deleteLinks, insertLink, insertNote, insertEscalation, insertFeedback: Statement

        init(_ db: Database) throws {
            insert = try db.cachedStatement(sql: insertSQL)
            update = try db.cachedStatement(sql: updateSQL)
            index = try db.cachedStatement(sql: "INSERT INTO concern_fts(rowid, title, description, root_cause, plan) VALUES (?,?,?,?,?)")
            indexChars = try db.cachedStatement(sql: ShortWordIndex.insertSQL)
            deleteTasks = try db.cachedStatement(sql: "DELETE FROM concern_task WHERE concern_id = ?")
            insertTask = try db.cachedStatement(sql: "INSERT INTO concern_task VALUES (?,?,?,?,?)")
            deleteLinks = try db.cachedStatement(sql: "DELETE FROM concern_link WHERE concern_id = ?")
            insertLink = try db.cachedStatement(sql: "INSERT INTO concern_link VALUES (?,?,?,?)")
            insertNote = try db.cachedStatement(sql: "INSERT INTO progress_note VALUES (?,?,?,?,?)")
            insertEscalation = try db.cachedStatement(sql: "INSERT INTO escalation VALUES (?,?,?,?,?,?,?,?,?)")
            insertFeedback = try db.cachedStatement(sql: "INSERT INTO feedback VALUES (?,?,?,?,?,?,?,?,?,?)")
        }
    }

    /// Inserts the concern, its search entry and its children; returns the row id.
    static func insert(_ concern: Concern, in db: Database) throws -> Int64 {
        let statements = try Statements(db)
        try statements.insert.execute(arguments: StatementArguments(columns(of: concern).map(\.1)))
        let rowID = db.lastInsertedRowID
        try statements.index.execute(arguments: [rowID, concern.title, concern.description, concern.analysis.rootCause, concern.plan])
        try statements.indexChars.execute(arguments: [rowID, ShortWordIndex.tokens(of: [concern.title, concern.description, concern.analysis.rootCause, concern.plan])])
        try writeChildren(of: concern, rowID: rowID, previous: nil, using: statements)
        try FigureRollupTable.apply(FigureRollup.delta(from: nil, to: ConcernFact(concern)), in: db)
        return rowID
    }

    // MARK: Bulk insertion

    /// Row-at-a-time inserts into `concern` cost its six indexes and the search index per
    /// statement; a bulk insert writes rows to this unindexed temporary table instead and
    /// moves them over with one INSERT … SELECT (about ten times faster per row).
    static func prepareStaging(in db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS concern_staging AS SELECT id, \(columnNames.joined(separator: ",")) FROM main.concern WHERE 0;
            DELETE FROM temp.concern_staging;
            """)
    }

    /// Stages a concern under a row id chosen by the caller; its children go straight to
    /// their tables (the caller defers foreign keys until the rows are moved).
    static func stage(_ concern: Concern, rowID: Int64, into staging: Statement, using statements: Statements) throws {
        // Bound through the C API: building StatementArguments boxed every one of the 46
        // values, and that was half the cost of a staged row.
        let row = BoundStatement(staging)
        row.reset()
        row.bind(1, rowID)
        for (offset, (_, value)) in columns(of: concern).enumerated() {
            row.bind(Int32(offset + 2), value?.databaseValue ?? .null)
        }
        try row.run()
        try writeChildren(of: concern, rowID: rowID, previous: nil, using: statements)
    }

    /// Moves the staged rows into `concern` and indexes them for search (both indexes).
    static func commitStaging(in db: Database) throws {
        let columns = "id," + columnNames.joined(separator: ",")
        try db.execute(sql: """
            INSERT INTO main.concern (\(columns)) SELECT \(columns) FROM temp.concern_staging ORDER BY id;
            INSERT INTO concern_fts(rowid, title, description, root_cause, plan)
              SELECT id, title, description, root_cause, plan FROM temp.concern_staging ORDER BY id;
            \(ShortWordIndex.insertStagedSQL);
            DELETE FROM temp.concern_staging;
            """)
    }

    /// Updates the row only if it is still at `expectedVersion`; returns whether it was.
    static func update(_ concern: Concern, rowID: Int64, expectedVersion: Int, previous: Concern, in db: Database) throws -> Bool {
        let statements = try Statements(db)
        try statements.update.execute(arguments: StatementArguments(columns(of: concern).map(\.1)) + [rowID, expectedVersion])
        guard db.changesCount == 1 else { return false }
        try writeChildren(of: concern, rowID: rowID, previous: previous, using: statements)
        try FigureRollupTable.apply(FigureRollup.delta(from: ConcernFact(previous), to: ConcernFact(concern)), in: db)
        return true
    }

    /// Tasks and links are replaced when they changed; notes, escalations and feedback
    /// only ever grow, so only their new tail is inserted. Bound through the C API
    /// (`BoundStatement`): a bulk insert writes a hundred thousand of these rows.
    private static func writeChildren(of c: Concern, rowID: Int64, previous: Concern?, using statements: Statements) throws {
        if let previous, previous.tasks != c.tasks {
            try statements.deleteTasks.execute(arguments: [rowID])
        }
        if previous?.tasks != c.tasks {
            let insert = BoundStatement(statements.insertTask)
            for (i, task) in c.tasks.enumerated() {
                insert.reset()
                insert.bind(1, rowID); insert.bind(2, i); insert.bind(3, task.title)
                insert.bind(4, task.due.ordinal); insert.bind(5, task.state.rawValue)
                try insert.run()
            }
        }
        if let previous, previous.links != c.links {
            try statements.deleteLinks.execute(arguments: [rowID])
        }
        if previous?.links != c.links {
            let insert = BoundStatement(statements.insertLink)
            for (i, link) in c.links.enumerated() {
                insert.reset()
                insert.bind(1, rowID); insert.bind(2, i); insert.bind(3, link.kind.rawValue); insert.bind(4, link.target)
                try insert.run()
            }
        }
        let insertNote = BoundStatement(statements.insertNote)
        for i in (previous?.notes.count ?? 0)..<c.notes.count {
            let n = c.notes[i]
            insertNote.reset()
            insertNote.bind(1, rowID); insertNote.bind(2, i); insertNote.bind(3, n.on.ordinal)
            insertNote.bind(4, n.authorID.rawValue); insertNote.bind(5, n.text)
            try insertNote.run()
        }
        let insertEscalation = BoundStatement(statements.insertEscalation)
        for i in (previous?.escalations.count ?? 0)..<c.escalations.count {
            let e = c.escalations[i]
            insertEscalation.reset()
            insertEscalation.bind(1, rowID); insertEscalation.bind(2, i)
            insertEscalation.bind(3, e.fromUnitID.rawValue); insertEscalation.bind(4, e.toUnitID.rawValue)
            insertEscalation.bind(5, e.fromTier.rawValue); insertEscalation.bind(6, e.toTier.rawValue)
            insertEscalation.bind(7, e.reason); insertEscalation.bind(8, e.on.ordinal); insertEscalation.bind(9, e.byID.rawValue)
            try insertEscalation.run()
        }
        let insertFeedback = BoundStatement(statements.insertFeedback)
        for i in (previous?.feedback.count ?? 0)..<c.feedback.count {
            let f = c.feedback[i]
            insertFeedback.reset()
            insertFeedback.bind(1, rowID); insertFeedback.bind(2, i); insertFeedback.bind(3, f.on.ordinal)
            insertFeedback.bind(4, f.byID.rawValue); insertFeedback.bind(5, f.contact); insertFeedback.bind(6, f.method.rawValue)
            insertFeedback.bind(7, f.effect.rawValue); insertFeedback.bind(8, f.satisfaction.rawValue)
            insertFeedback.bind(9, f.score); insertFeedback.bind(10, f.note)
            try insertFeedback.run()
        }
    }

    // MARK: Reading

    /// The row id and the full concern, children included.
    static func load(_ code: ConcernCode, in db: Database) throws -> (Int64, Concern)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM concern WHERE year = ? AND seq = ?",
                                         arguments: [code.year, code.sequence]) else { return nil }
        return try loadMany([row], in: db).first
    }

    /// Full concerns for rows of `concern`, in their order: each child table is read once
    /// for all of them (an export of a million concerns read them one by one: ten minutes).
    static func loadMany(_ rows: [Row], in db: Database) throws -> [(Int64, Concern)] {
        var concerns: [(Int64, Concern)] = try rows.map { ($0["id"], try decode($0)) }
        guard !concerns.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: concerns.enumerated().map { ($1.0, $0) })
        let ids = "(" + concerns.map { String($0.0) }.joined(separator: ",") + ")"
        // That there is an identity, never what it is: the ciphertext stays in its table.
        let withIdentity = try Int64.fetchAll(db, sql: """
            SELECT concern_id FROM identity_envelope WHERE concern_id IN \(ids)
            UNION SELECT concern_id FROM identity_awaiting_seal WHERE concern_id IN \(ids)
            """)
        for id in withIdentity {
            if let position = index[id], concerns[position].1.reporter.isAnonymous {
                concerns[position].1.reporter = .anonymous(sealedIdentity: .sealed)
            }
        }
        func children(_ table: String, _ add: (inout Concern, Row) throws -> Void) throws {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE concern_id IN \(ids) ORDER BY concern_id, position") {
                try add(&concerns[index[row["concern_id"]]!].1, row)
            }
        }
        try children("concern_task") { concern, row in
            concern.tasks.append(TaskItem(title: row["title"], due: row.day("due_on"), state: try row.value("state")))
        }
        try children("concern_link") { concern, row in
            concern.links.append(ConcernLink(kind: try row.value("kind"), target: row["target"]))
        }
        try children("progress_note") { concern, row in
            concern.notes.append(ProgressNote(on: row.day("on_day"), authorID: row.person("author_id"), text: row["text"]))
        }
        try children("escalation") { concern, row in
            concern.escalations.append(Escalation(fromUnitID: row.unit("from_unit_id"), toUnitID: row.unit("to_unit_id"),
                                                  fromTier: try row.tier("from_tier"), toTier: try row.tier("to_tier"),
                                                  reason: row["reason"], on: row.day("on_day"), byID: row.person("by_id")))
        }
        try children("feedback") { concern, row in
            concern.feedback.append(FeedbackRecord(on: row.day("on_day"), byID: row.person("by_id"), contact: row["contact"],
                                                   method: try row.value("method"), effect: try row.value("effect"),
                                                   satisfaction: try row.value("satisfaction"), score: row["score"], note: row["note"]))
        }
        return concerns
    }

    static func decode(_ row: Row) throws -> Concern {
        let anonymous = row.bool("anonymous")
        let reporter: Reporter = anonymous
            ? .anonymous(sealedIdentity: nil)  // `.sealed` where there is one: `loadMany`
            : .named(name: row.optionalText("reporter_name") ?? "", personID: row.optionalPerson("reporter_id"))
        let source: ConcernSource? = if let campaign = row.optionalText("campaign_id") {
            ConcernSource(kind: .campaign, id: campaign)
        } else if let visit = row.optionalText("visit_id") {
            ConcernSource(kind: .leaderVisit, id: visit)
        } else {
            nil
        }
        var c = Concern(
            code: ConcernCode(year: row.int("year"), sequence: row.int("seq")), title: row["title"],
            description: row["description"], categoryID: CategoryID(row.text("category_id")),
            channel: try row.value("channel"), source: source,
            finderID: row.optionalPerson("finder_id"), reporter: reporter,
            involvedPeople: row["involved_people"], involvedUnitID: row.optionalUnit("involved_unit_id"),
            reportedOn: row.day("reported_on"), unitID: row.unit("unit_id"),
            tier: try row.tier("tier"), createdAt: row.date("created_at"),
            createdByID: row.person("updated_by"))
        c.stage = try row.value("stage")
        c.grade = try row.optionalValue("grade")
        c.analysis = Analysis(rootCause: row["root_cause"], difficulty: try row.optionalValue("difficulty"),
                              breadth: try row.optionalValue("breadth"))
        c.plan = row["plan"]
        c.firstResponsibleID = row.optionalPerson("first_responsible_id")
        c.responsibleUnitID = row.optionalUnit("responsible_unit_id")
        if let person = row.optionalText("pledge_person_id"), let on = row.optionalInt("pledge_on") {
            c.pledge = Pledge(personID: PersonID(person), signedOn: Day(ordinal: on))
        }
        c.deadline = row.optionalDay("deadline")
        c.nextReview = row.optionalDay("next_review")
        switch row.optionalText("processing") {
        case "stream": c.processing = .stream
        case "batch": c.processing = .batch(group: row.optionalText("batch_group") ?? "")
        default: c.processing = nil
        }
        if let unit = row.optionalText("referral_unit_id") {
            c.referral = Referral(toUnitID: UnitID(unit), explanation: row.optionalText("referral_explanation") ?? "",
                                  on: row.optionalDay("referral_on") ?? Day(ordinal: 0))
        }
        c.pausedDays = row["paused_days"]
        c.pausedSince = row.optionalDay("paused_since")
        c.solvedOn = row.optionalDay("solved_on")
        c.closedOn = row.optionalDay("closed_on")
        switch row.optionalText("closure") {
        case "with-feedback": c.closure = .withFeedback
        case "without-feedback": c.closure = .withoutFeedback(reason: row.optionalText("closure_reason") ?? "")
        default: c.closure = nil
        }
        c.updatedAt = row.date("updated_at")
        c.updatedByID = row.person("updated_by")
        c.version = row["version"]
        return c
    }
}

/// A stored value that is not one of the enumeration's cases: the file was edited by hand
/// or by a newer wenti.
struct UnknownStoredValue: Error, CustomStringConvertible {
    var value: String
    var type: String
    var description: String { "unexpected stored value \(value) for \(type)" }
}

func enumValue<T: RawRepresentable>(_ raw: T.RawValue) throws -> T {
    guard let value = T(rawValue: raw) else { throw UnknownStoredValue(value: "\(raw)", type: "\(T.self)") }
    return value
}

func optionalEnum<T: RawRepresentable>(_ raw: T.RawValue?) throws -> T? {
    guard let raw else { return nil }
    return try enumValue(raw) as T
}
