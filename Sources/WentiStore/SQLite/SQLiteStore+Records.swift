import Foundation
import GRDB
import WentiCore

/// Meetings, supervision notices and practice entries: the records around concerns.
/// Their screens come later; storing them now lets the seeds hold a believable month.
extension SQLiteStore {
    // MARK: Meetings

    /// Inserts or replaces a meeting with its agenda and decisions.
    public func save(_ meeting: Meeting, actor: PersonID?) throws(StoreError) {
        let person = try workspace().actor(actor)
        try write { db in
            let existed = try Bool.fetchOne(db, sql: "SELECT 1 FROM meeting WHERE id = ?", arguments: [meeting.id]) ?? false
            try db.execute(sql: "DELETE FROM meeting WHERE id = ?", arguments: [meeting.id])
            try db.execute(sql: "INSERT INTO meeting VALUES (?,?,?,?,?,?)",
                           arguments: [meeting.id, meeting.unitID.rawValue, meeting.month.description,
                                       meeting.heldOn?.ordinal, meeting.state.rawValue, meeting.notes])
            for (position, item) in meeting.items.enumerated() {
                let decision = try item.decision.map { String(decoding: try JSONEncoder.sorted.encode($0), as: UTF8.self) }
                try db.execute(sql: "INSERT INTO meeting_item VALUES (?,?,?,?,?,?,?,?)", arguments: [
                    meeting.id, position, try Self.rowID(of: item.concern, in: db), item.purpose.rawValue,
                    item.parties.finderID?.rawValue, item.parties.involved, item.parties.solvingUnitID?.rawValue, decision,
                ])
            }
            try appendAudit(db, actor: person.id, action: existed ? "meeting-update" : "meeting-plan", subject: meeting.id, changes: [
                FieldChange(field: "state", old: "", new: meeting.state.rawValue),
                FieldChange(field: "items", old: "", new: meeting.items.map(\.concern.description).joined(separator: ",")),
            ])
        }
    }

    public func meetings() throws(StoreError) -> [Meeting] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM meeting ORDER BY month, id").map { row in
                let id = row.text("id")
                let items = try Row.fetchAll(db, sql: """
                    SELECT i.*, c.year, c.seq FROM meeting_item i JOIN concern c ON c.id = i.concern_id
                    WHERE i.meeting_id = ? ORDER BY i.position
                    """, arguments: [id]).map { item in
                    MeetingItem(
                        concern: ConcernCode(year: item.int("year"), sequence: item.int("seq")),
                        purpose: try item.value("purpose"),
                        parties: TriParty(finderID: item.optionalPerson("finder_id"), involved: item.text("involved"),
                                          solvingUnitID: item.optionalUnit("solving_unit_id")),
                        decision: try item.optionalText("decision").map {
                            try JSONDecoder().decode(MeetingDecision.self, from: Data($0.utf8))
                        })
                }
                guard let month = YearMonth(row.text("month")) else { throw UnknownStoredValue(value: row.text("month"), type: "YearMonth") }
                return Meeting(id: id, unitID: row.unit("unit_id"), month: month, heldOn: row.optionalDay("held_on"),
                               state: try row.value("state"), items: items, notes: row.text("notes"))
            }
        }
    }

    // MARK: Supervision notices

    public func issue(_ notice: SupervisionNotice, actor: PersonID?) throws(StoreError) {
        let person = try workspace().actor(actor)
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM notice WHERE id = ?", arguments: [notice.id]) ?? false {
                throw StoreError.duplicateRecord(kind: "notice", id: notice.id)
            }
            try db.execute(sql: "INSERT INTO notice VALUES (?,?,?,?,?,?,?)", arguments: [
                notice.id, try Self.rowID(of: notice.concern, in: db), notice.issuedOn.ordinal, notice.issuedByID.rawValue,
                notice.toUnitID.rawValue, notice.toPersonID.rawValue, notice.state.rawValue,
            ])
            for (position, node) in notice.nodes.enumerated() {
                try db.execute(sql: "INSERT INTO notice_node VALUES (?,?,?,?)",
                               arguments: [notice.id, position, node.title, node.due.ordinal])
            }
            for (position, chaser) in notice.chasers.enumerated() {
                try db.execute(sql: "INSERT INTO notice_chaser VALUES (?,?,?,?,?,?)",
                               arguments: [notice.id, position, chaser.on.ordinal, chaser.byID.rawValue, chaser.text, chaser.answeredOn?.ordinal])
            }
            try appendAudit(db, actor: person.id, action: "notice-issue", subject: notice.id, changes: [
                FieldChange(field: "concern", old: "", new: notice.concern.description),
                FieldChange(field: "state", old: "", new: notice.state.rawValue),
            ])
        }
    }

    public func notices() throws(StoreError) -> [SupervisionNotice] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT n.*, c.year, c.seq FROM notice n JOIN concern c ON c.id = n.concern_id ORDER BY n.issued_on, n.id
                """).map { row in
                let id = row.text("id")
                let nodes = try Row.fetchAll(db, sql: "SELECT * FROM notice_node WHERE notice_id = ? ORDER BY position", arguments: [id])
                    .map { SupervisionNotice.Node(title: $0.text("title"), due: $0.day("due_on")) }
                var notice = try SupervisionNotice(
                    id: id, concern: ConcernCode(year: row.int("year"), sequence: row.int("seq")), issuedOn: row.day("issued_on"),
                    issuedByID: row.person("issued_by"), toUnitID: row.unit("to_unit_id"), toPersonID: row.person("to_person_id"),
                    nodes: nodes)
                notice.state = try row.value("state")
                notice.chasers = try Row.fetchAll(db, sql: "SELECT * FROM notice_chaser WHERE notice_id = ? ORDER BY position", arguments: [id])
                    .map { SupervisionNotice.Chaser(on: $0.day("on_day"), byID: $0.person("by_id"), text: $0.text("text"),
                                                    answeredOn: $0.optionalDay("answered_on")) }
                return notice
            }
        }
    }

    // MARK: Practices

    public func add(_ practice: PracticeEntry, actor: PersonID?) throws(StoreError) {
        let person = try workspace().actor(actor)
        try write { db in
            let sources = try practice.sources.map { code in
                guard let (_, concern) = try ConcernRows.load(code, in: db) else { throw PracticeError.unknownSource(code) }
                return concern
            }
            try practice.validate(sourceConcerns: sources)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM practice WHERE id = ?", arguments: [practice.id]) ?? false {
                throw StoreError.duplicateRecord(kind: "practice", id: practice.id)
            }
            let tags = String(decoding: try JSONEncoder.sorted.encode(practice.tags), as: UTF8.self)
            try db.execute(sql: "INSERT INTO practice VALUES (?,?,?,?,?,?,?,?,?,?)", arguments: [
                practice.id, practice.library.rawValue, practice.title, practice.situation, practice.rootCause,
                practice.actions, practice.watchPoints, tags, practice.createdOn.ordinal, practice.authorID.rawValue,
            ])
            for category in practice.categoryIDs {
                try db.execute(sql: "INSERT INTO practice_category VALUES (?,?)", arguments: [practice.id, category.rawValue])
            }
            for code in practice.sources {
                try db.execute(sql: "INSERT INTO practice_source VALUES (?,?)", arguments: [practice.id, try Self.rowID(of: code, in: db)])
            }
            try appendAudit(db, actor: person.id, action: "practice-add", subject: practice.id, changes: [
                FieldChange(field: "library", old: "", new: practice.library.rawValue),
                FieldChange(field: "sources", old: "", new: practice.sources.map(\.description).joined(separator: ",")),
            ])
        }
    }

    public func practices() throws(StoreError) -> [PracticeEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM practice ORDER BY created_on, id").map { row in
                let id = row.text("id")
                let categories = try String.fetchAll(db, sql: "SELECT category_id FROM practice_category WHERE practice_id = ? ORDER BY category_id", arguments: [id])
                let sources = try Row.fetchAll(db, sql: """
                    SELECT c.year, c.seq FROM practice_source s JOIN concern c ON c.id = s.concern_id
                    WHERE s.practice_id = ? ORDER BY c.year, c.seq
                    """, arguments: [id]).map { ConcernCode(year: $0.int("year"), sequence: $0.int("seq")) }
                return PracticeEntry(
                    id: id, library: try row.value("library"), title: row.text("title"), situation: row.text("situation"),
                    rootCause: row.text("root_cause"), actions: row.text("actions"), watchPoints: row.text("watch_points"),
                    categoryIDs: categories.map { CategoryID($0) },
                    tags: try JSONDecoder().decode([String].self, from: Data(row.text("tags").utf8)),
                    sources: sources, createdOn: row.day("created_on"), authorID: row.person("author_id"))
            }
        }
    }

    static func rowID(of code: ConcernCode, in db: Database) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM concern WHERE year = ? AND seq = ?",
                                          arguments: [code.year, code.sequence]) else {
            throw StoreError.concernNotFound(code)
        }
        return id
    }
}
