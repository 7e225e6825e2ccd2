import Foundation
import PostgresNIO
import WentiCore

/// Meetings, supervision notices and practice entries on the server: each record one JSON
/// document, its rules the same domain code the SQLite store runs.
extension PostgresStore {
    // MARK: Meetings

    public func save(_ meeting: Meeting, actor person: Person) async throws(StoreError) {
        try await requireActing(person.id)
        try await connection.write { db in
            let stored = try await self.loadMeetings(db, id: meeting.id).first?.state
            if stored == .held { throw MeetingError.alreadyConfirmed(meeting.id) }
            if meeting.state == .planned { try await self.checkOnePending(meeting, in: db) }
            try await self.writeMeeting(meeting, in: db)
            try await self.appendAudit(db, actor: person.id, action: stored == nil ? "meeting-plan" : "meeting-update", subject: meeting.id, changes: [
                FieldChange(field: "state", old: stored?.rawValue ?? "", new: meeting.state.rawValue),
                FieldChange(field: "items", old: "", new: meeting.items.map(\.concern.description).joined(separator: ",")),
            ])
        }
    }

    public func confirmMinutes(_ meetingID: String, heldOn: Day, attendance: MeetingAttendance, actor person: Person) async throws(StoreError) -> Meeting {
        try await requireActing(person.id)
        let workspace = try await workspace()
        let today = clock.today()
        var context = makeContext(person, workspace)
        context.today = heldOn
        let scope = AccessPolicy.scope(of: person, in: workspace.organisation)
        return try await connection.write { [context] db in
            var meeting = try await self.checkedMinutes(meetingID, heldOn: heldOn, attendance: attendance, today: today, in: db)
            for item in meeting.items where item.purpose == .define {
                guard let decision = item.decision else { continue }
                _ = try await self.apply(decision.commands(meetingID: meeting.id), on: item.concern, expectedVersion: nil, in: db,
                                         as: person, context: context, scope: scope, workspace: workspace)
            }
            for index in meeting.items.indices {
                meeting.items[index].snapshot = try await self.loadConcern(meeting.items[index].concern, in: db).map(ItemSnapshot.init)
            }
            meeting.state = .held
            try await self.writeMeeting(meeting, in: db)
            try await self.appendAudit(db, actor: person.id, action: "meeting-minutes", subject: meeting.id, changes: [
                FieldChange(field: "state", old: Meeting.State.planned.rawValue, new: Meeting.State.held.rawValue),
                FieldChange(field: "held-on", old: "", new: heldOn.description),
            ])
            return meeting
        }
    }

    public func checkMinutes(_ meetingID: String, heldOn: Day, attendance: MeetingAttendance) async throws(StoreError) {
        let today = clock.today()
        _ = try await connection.read { db in try await self.checkedMinutes(meetingID, heldOn: heldOn, attendance: attendance, today: today, in: db) }
    }

    private func checkedMinutes(_ meetingID: String, heldOn: Day, attendance: MeetingAttendance, today: Day, in db: PostgresConnection) async throws -> Meeting {
        guard var meeting = try await loadMeetings(db, id: meetingID).first else { throw StoreError.recordNotFound(.meeting, id: meetingID) }
        var lastHeldOn: Day?
        for try await day in try await db.query("""
            SELECT max(held_on) FROM wenti.meeting WHERE unit_id = \(meeting.unitID.rawValue) AND state = 'held' AND id <> \(meeting.id)
            """, logger: logger).decode(Int?.self) {
            lastHeldOn = day.map(Day.init(ordinal:))
        }
        meeting.heldOn = heldOn
        meeting.attendance = attendance
        try meeting.validateMinutes(today: today, lastHeldOn: lastHeldOn)
        return meeting
    }

    /// One pending meeting per unit and month, and a concern on one pending agenda only.
    private func checkOnePending(_ meeting: Meeting, in db: PostgresConnection) async throws {
        for try await other in try await db.query("""
            SELECT id FROM wenti.meeting WHERE unit_id = \(meeting.unitID.rawValue) AND month = \(meeting.month.description)
              AND state = 'planned' AND id <> \(meeting.id) LIMIT 1
            """, logger: logger).decode(String.self) {
            throw MeetingError.alreadyPlanned(unit: meeting.unitID, month: meeting.month, existing: other)
        }
        for item in meeting.items {
            for try await other in try await db.query("""
                SELECT id FROM wenti.meeting WHERE state = 'planned' AND id <> \(meeting.id) AND \(item.concern.description) = ANY (agenda) LIMIT 1
                """, logger: logger).decode(String.self) {
                throw MeetingError.onAnotherAgenda(item.concern, other)
            }
        }
    }

    private func writeMeeting(_ meeting: Meeting, in db: PostgresConnection) async throws {
        let doc = String(decoding: try encoder.encode(meeting), as: UTF8.self)
        try await db.run("""
            INSERT INTO wenti.meeting (id, doc) VALUES (\(meeting.id), \(doc)::jsonb) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc
            """, logger: logger)
    }

    private func loadMeetings(_ db: PostgresConnection, id: String?) async throws -> [Meeting] {
        var sql = BoundSQL()
        let condition = id.map { "WHERE id = \(sql.bind($0))" } ?? ""
        return try await documents(Meeting.self, sql.query("SELECT doc::text FROM wenti.meeting \(condition) ORDER BY month, id"), in: db)
    }

    /// The meetings the principal may see, with the items on concerns they see (the server
    /// narrows them: `wenti.meetings_seen`). Writes read the stored meeting whole instead.
    public func meetings() async throws(StoreError) -> [Meeting] {
        try await connection.read { db in try await self.documents(Meeting.self, "SELECT doc FROM wenti.meetings_seen()", in: db) }
    }

    public func agendaCandidates(units: Set<UnitID>, month: YearMonth, since: Day?, scope: ConcernScope, limit: Int) async throws(StoreError) -> [Concern] {
        let unitList = units.map(\.rawValue).sorted()
        let closedAfter = since?.ordinal ?? month.previous.firstDay.ordinal - 1
        let kinds: [(condition: String, order: String, value: Int?)] = [
            ("stage IN ('found','analysing')", "reported_on", nil),
            ("stage IN ('defined','solving')", "due_on", nil),
            ("stage = 'closed' AND closed_on > $2", "closed_on", closedAfter),
            ("stage = 'watch' AND coalesce(next_review, 0) <= $2", "next_review", month.lastDay.ordinal),
        ]
        return try await connection.read { db in
            var concerns: [Concern] = []
            for kind in kinds {
                var sql = BoundSQL()
                _ = sql.bind(unitList)
                let valuePlaceholder = kind.value.map { sql.bind($0) }
                let limitPlaceholder = sql.bind(limit)
                precondition(valuePlaceholder == nil || valuePlaceholder == "$2")
                let statement = sql.query("""
                    SELECT doc::text FROM wenti.concern WHERE unit_id = ANY ($1) AND \(kind.condition)
                    ORDER BY \(kind.order), id LIMIT \(limitPlaceholder)
                    """)
                concerns += try await self.documents(Concern.self, statement, in: db).filter(scope.contains)
            }
            return concerns
        }
    }

    // MARK: Supervision notices

    /// Issues a notice; with `replacing`, closes that open notice of the same concern as
    /// replaced in the same transaction (one open notice per concern, which the server's
    /// partial unique index holds too).
    public func issue(_ draft: SupervisionNotice, replacing: String?, actor person: Person) async throws(StoreError) -> SupervisionNotice {
        try await requireActing(person.id)
        return try await connection.write { db in
            var notice = draft
            var sql = BoundSQL()
            let concern = sql.bind(notice.concern.description), other = sql.bind(replacing ?? "")
            let existing = try await self.documents(SupervisionNotice.self, sql.query(
                "SELECT doc::text FROM wenti.notice WHERE concern_code = \(concern) OR id = \(other) ORDER BY id FOR UPDATE"), in: db)
            let replaced = try SupervisionNotice.replacement(for: notice, replacing: replacing, among: existing)
            let year = notice.issuedOn.civil.year
            notice.id = Self.recordID("DB", year: year, number: try await self.nextID(db, kind: "notice", year: year))
            let at = self.clock.now()
            if var replaced {
                // Closed first: the unique index admits one open notice per concern.
                replaced.replacedBy = notice.id
                try await self.writeNotice(replaced, in: db)
                try await self.appendAudit(db, actor: person.id, action: "notice-replace", subject: replaced.id, changes: [
                    FieldChange(field: "state", old: existing.first { $0.id == replaced.id }?.state.rawValue ?? "", new: replaced.state.rawValue),
                    FieldChange(field: "replaced-by", old: "", new: notice.id),
                ], at: at)
            }
            try await self.writeNotice(notice, in: db)
            try await self.appendAudit(db, actor: person.id, action: MethodAction.noticeIssue.rawValue, subject: notice.id, changes: [
                FieldChange(field: "concern", old: "", new: notice.concern.description),
                FieldChange(field: "state", old: "", new: notice.state.rawValue),
            ] + (replaced.map { [FieldChange(field: "replaces", old: "", new: $0.id)] } ?? []), at: at)
            return notice
        }
    }

    @discardableResult
    public func changeNotice(_ id: String, _ change: NoticeChange, actor person: Person) async throws(StoreError) -> SupervisionNotice {
        try await requireActing(person.id)
        let today = clock.today()
        return try await connection.write { db in
            var sql = BoundSQL()
            let idPlaceholder = sql.bind(id)
            let statement = sql.query("SELECT doc::text FROM wenti.notice WHERE id = \(idPlaceholder) FOR UPDATE")
            guard let stored = try await self.documents(SupervisionNotice.self, statement, in: db).first else {
                throw StoreError.recordNotFound(.notice, id: id)
            }
            let changed = try stored.applying(change, on: today, by: person.id)
            try await self.writeNotice(changed, in: db)
            try await self.appendAudit(db, actor: person.id, action: change.auditAction, subject: id, changes: [
                FieldChange(field: "state", old: stored.state.rawValue, new: changed.state.rawValue),
                FieldChange(field: "chasers", old: "\(stored.chasers.count)/\(stored.openChasers)", new: "\(changed.chasers.count)/\(changed.openChasers)"),
            ])
            return changed
        }
    }

    public func notices() async throws(StoreError) -> [SupervisionNotice] {
        try await connection.read { db in
            try await self.documents(SupervisionNotice.self, "SELECT doc::text FROM wenti.notice ORDER BY issued_on, id", in: db)
        }
    }

    private func writeNotice(_ notice: SupervisionNotice, in db: PostgresConnection) async throws {
        let doc = String(decoding: try encoder.encode(notice), as: UTF8.self)
        try await db.run("""
            INSERT INTO wenti.notice (id, doc) VALUES (\(notice.id), \(doc)::jsonb) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc
            """, logger: logger)
    }

    // MARK: Practices

    public func add(_ draft: PracticeEntry, actor person: Person) async throws(StoreError) -> PracticeEntry {
        try await requireActing(person.id)
        return try await connection.write { db in
            var practice = draft
            let year = practice.createdOn.civil.year
            practice.id = Self.recordID("SJ", year: year, number: try await self.nextID(db, kind: "practice", year: year))
            var sources: [Concern] = []
            for code in practice.sources {
                guard let concern = try await self.loadConcern(code, in: db) else { throw PracticeError.unknownSource(code) }
                sources.append(concern)
            }
            try practice.validate(sourceConcerns: sources)
            let doc = String(decoding: try self.encoder.encode(practice), as: UTF8.self)
            try await db.run("INSERT INTO wenti.practice (id, doc) VALUES (\(practice.id), \(doc)::jsonb)", logger: self.logger)
            try await self.appendAudit(db, actor: person.id, action: MethodAction.practiceWrite.rawValue, subject: practice.id, changes: [
                FieldChange(field: "library", old: "", new: practice.library.rawValue),
                FieldChange(field: "sources", old: "", new: practice.sources.map(\.description).joined(separator: ",")),
            ])
            return practice
        }
    }

    public func practices() async throws(StoreError) -> [PracticeEntry] {
        try await connection.read { db in
            try await self.documents(PracticeEntry.self, "SELECT doc::text FROM wenti.practice ORDER BY created_on, id", in: db)
        }
    }

    // MARK: Shared

    /// PREFIX-YYYY-NNN, as the SQLite store numbers notices and practices.
    static func recordID(_ prefix: String, year: Int, number: Int) -> String {
        prefix + String(format: "-%04d-%03d", year, number)
    }

    /// The rows of a one-column `doc::text` query, decoded.
    func documents<T: Decodable>(_ type: T.Type, _ query: PostgresQuery, in db: PostgresConnection) async throws -> [T] {
        let decoder = JSONDecoder()
        var values: [T] = []
        for try await text in try await db.query(query, logger: logger).decode(String.self) {
            values.append(try decoder.decode(type, from: Data(text.utf8)))
        }
        return values
    }
}
