import Foundation
import GRDB
import WentiCore

/// Tri-party meetings: their agendas, decisions and minutes.
extension SQLiteStore {
    /// Inserts or replaces a planned meeting with its agenda and decisions. A held meeting's
    /// minutes are a record: replacing one is refused.
    public func save(_ meeting: Meeting, actor person: Person) async throws(StoreError) {
        try await write { db in
            let stored = try String.fetchOne(db, sql: "SELECT state FROM meeting WHERE id = ?", arguments: [meeting.id])
            if stored == Meeting.State.held.rawValue { throw MeetingError.alreadyConfirmed(meeting.id) }
            if meeting.state == .planned { try Self.checkOnePending(meeting, in: db) }
            try Self.writeMeeting(meeting, in: db)
            try appendAudit(db, actor: person.id, action: stored == nil ? "meeting-plan" : "meeting-update", subject: meeting.id, changes: [
                FieldChange(field: "state", old: stored ?? "", new: meeting.state.rawValue),
                FieldChange(field: "items", old: "", new: meeting.items.map(\.concern.description).joined(separator: ",")),
            ])
        }
    }

    /// Confirms the minutes of a planned meeting held on `heldOn`: every decision is carried
    /// out on its concern through the workflow, each item keeps how its concern then stood,
    /// and the meeting becomes held with its attendance, all in one transaction. One refusal
    /// (a rule, a concern changed meanwhile) and nothing is written.
    public func confirmMinutes(_ meetingID: String, heldOn: Day, attendance: MeetingAttendance, actor person: Person) async throws(StoreError) -> Meeting {
        let workspace = try await workspace()
        let today = clock.today()
        // The meeting decided on the day it sat: deadlines run from then, not from the day
        // the minutes are typed in.
        var context = makeContext(person, workspace)
        context.today = heldOn
        let scope = AccessPolicy.scope(of: person, in: workspace.organisation)
        return try await write { [context] db in
            var meeting = try Self.checkedMinutes(meetingID, heldOn: heldOn, attendance: attendance, today: today, in: db)
            for item in meeting.items where item.purpose == .define {
                guard let decision = item.decision else { continue }
                _ = try apply(decision.commands(meetingID: meeting.id), on: item.concern, expectedVersion: nil, in: db,
                              as: person, context: context, scope: scope, workspace: workspace)
            }
            for index in meeting.items.indices {
                meeting.items[index].snapshot = try ConcernRows.load(meeting.items[index].concern, in: db).map { ItemSnapshot($0.1) }
            }
            meeting.state = .held
            try Self.writeMeeting(meeting, in: db)
            try appendAudit(db, actor: person.id, action: "meeting-minutes", subject: meeting.id, changes: [
                FieldChange(field: "state", old: Meeting.State.planned.rawValue, new: Meeting.State.held.rawValue),
                FieldChange(field: "held-on", old: "", new: heldOn.description),
            ])
            return meeting
        }
    }

    public func checkMinutes(_ meetingID: String, heldOn: Day, attendance: MeetingAttendance) async throws(StoreError) {
        let today = clock.today()
        _ = try await read { db in try Self.checkedMinutes(meetingID, heldOn: heldOn, attendance: attendance, today: today, in: db) }
    }

    /// The stored planned meeting with the minutes' day and attendance, once
    /// `Meeting.validateMinutes` accepts them against today and the unit's last held meeting.
    static func checkedMinutes(_ meetingID: String, heldOn: Day, attendance: MeetingAttendance, today: Day, in db: Database) throws -> Meeting {
        guard var meeting = try loadMeetings(db, id: meetingID).first else {
            throw StoreError.recordNotFound(.meeting, id: meetingID)
        }
        let lastHeldOn = try Int.fetchOne(db, sql: "SELECT max(held_on) FROM meeting WHERE unit_id = ? AND state = 'held' AND id <> ?",
                                          arguments: [meeting.unitID.rawValue, meeting.id]).map(Day.init(ordinal:))
        meeting.heldOn = heldOn
        meeting.attendance = attendance
        try meeting.validateMinutes(today: today, lastHeldOn: lastHeldOn)
        return meeting
    }

    /// One pending meeting per unit and month, and a concern on one pending agenda only: two
    /// agendas would discuss the same concern twice and their decisions would collide.
    static func checkOnePending(_ meeting: Meeting, in db: Database) throws {
        if let other = try String.fetchOne(db, sql: "SELECT id FROM meeting WHERE unit_id = ? AND month = ? AND state = 'planned' AND id <> ?",
                                           arguments: [meeting.unitID.rawValue, meeting.month.description, meeting.id]) {
            throw MeetingError.alreadyPlanned(unit: meeting.unitID, month: meeting.month, existing: other)
        }
        for item in meeting.items {
            let other = try String.fetchOne(db, sql: """
                SELECT m.id FROM meeting_item i JOIN meeting m ON m.id = i.meeting_id
                WHERE m.state = 'planned' AND m.id <> ? AND i.concern_id = ? LIMIT 1
                """, arguments: [meeting.id, try rowID(of: item.concern, in: db)])
            if let other { throw MeetingError.onAnotherAgenda(item.concern, other) }
        }
    }

    public func meetings() async throws(StoreError) -> [Meeting] {
        try await read { db in try Self.loadMeetings(db, id: nil) }
    }

    /// The concerns that may belong on an agenda of `units` for `month`: undefined ones,
    /// ones with a running clock, closed since `since`, budding ones due for review. At most
    /// `limit` of each kind (a meeting cannot discuss more); `AgendaBuilder` decides.
    public func agendaCandidates(units: Set<UnitID>, month: YearMonth, since: Day?, scope: ConcernScope, limit: Int) async throws(StoreError) -> [Concern] {
        let unitList = ConcernFilterSQL.placeholders(units.count)
        let unitArguments = units.map(\.rawValue).sorted()
        let kinds: [(String, [DatabaseValue])] = [
            ("stage IN ('found','analysing') ORDER BY reported_on", []),
            ("stage IN ('defined','solving') ORDER BY due_on", []),
            ("stage = 'closed' AND closed_on > ? ORDER BY closed_on", [(since?.ordinal ?? month.previous.firstDay.ordinal - 1).databaseValue]),
            ("stage = 'watch' AND coalesce(next_review, 0) <= ? ORDER BY next_review", [month.lastDay.ordinal.databaseValue]),
        ]
        return try await read { db in
            var concerns: [Concern] = []
            for (condition, extra) in kinds {
                let parts = condition.components(separatedBy: " ORDER BY ")
                let sql = "SELECT year, seq FROM concern WHERE unit_id IN \(unitList) AND \(parts[0]) ORDER BY \(parts[1]), id LIMIT ?"
                let arguments = StatementArguments(unitArguments) + StatementArguments(extra) + [limit]
                for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                    let code = ConcernCode(year: row.int("year"), sequence: row.int("seq"))
                    guard let (_, concern) = try ConcernRows.load(code, in: db), scope.contains(concern) else { continue }
                    concerns.append(concern)
                }
            }
            return concerns
        }
    }

    static func writeMeeting(_ meeting: Meeting, in db: Database) throws {
        try db.execute(sql: "DELETE FROM meeting WHERE id = ?", arguments: [meeting.id])
        let attendance = meeting.attendance
        try db.execute(sql: """
            INSERT INTO meeting (id, unit_id, month, held_on, state, notes, chair_id, recorder_id, place, attendees)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            """, arguments: [meeting.id, meeting.unitID.rawValue, meeting.month.description,
                             meeting.heldOn?.ordinal, meeting.state.rawValue, meeting.notes,
                             attendance?.chairID?.rawValue, attendance?.recorderID?.rawValue, attendance?.place,
                             try attendance.map { try json($0.attendees) }])
        for (position, item) in meeting.items.enumerated() {
            try db.execute(sql: """
                INSERT INTO meeting_item (meeting_id, position, concern_id, purpose, finder_id, involved, solving_unit_id,
                                          decision, deferred_from, snapshot)
                VALUES (?,?,?,?,?,?,?,?,?,?)
                """, arguments: [
                meeting.id, position, try rowID(of: item.concern, in: db), item.purpose.rawValue,
                item.parties.finderID?.rawValue, item.parties.involved, item.parties.solvingUnitID?.rawValue,
                try item.decision.map { try json($0) }, item.deferredFrom, try item.snapshot.map { try json($0) },
            ])
        }
    }

    static func loadMeetings(_ db: Database, id: String?) throws -> [Meeting] {
        let rows = try id.map { try Row.fetchAll(db, sql: "SELECT * FROM meeting WHERE id = ?", arguments: [$0]) }
            ?? Row.fetchAll(db, sql: "SELECT * FROM meeting ORDER BY month, id")
        return try rows.map { row in
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
                    decision: try item.optionalText("decision").map { try decoded(MeetingDecision.self, $0) },
                    deferredFrom: item.optionalText("deferred_from"),
                    snapshot: try item.optionalText("snapshot").map { try decoded(ItemSnapshot.self, $0) })
            }
            guard let month = YearMonth(row.text("month")) else { throw UnknownStoredValue(value: row.text("month"), type: "YearMonth") }
            // Meetings held before the attendance was recorded have none.
            let attendance = try row.optionalText("place").map { place in
                MeetingAttendance(chairID: row.optionalPerson("chair_id"), recorderID: row.optionalPerson("recorder_id"), place: place,
                                  attendees: try row.optionalText("attendees").map { try decoded([String].self, $0) } ?? [])
            }
            return Meeting(id: id, unitID: row.unit("unit_id"), month: month, heldOn: row.optionalDay("held_on"),
                           state: try row.value("state"), items: items, notes: row.text("notes"), attendance: attendance)
        }
    }

    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder.sorted.encode(value), as: UTF8.self)
    }

    private static func decoded<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
