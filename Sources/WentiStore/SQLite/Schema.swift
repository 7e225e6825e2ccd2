import GRDB

/// The versioned schema. Migrations only ever append: a released migration is never edited.
///
/// Constraints live here rather than in Swift alone ("trust SQLite more than yourself"):
/// enumerations are CHECKed, references are foreign keys, and the audit log refuses
/// UPDATE and DELETE by trigger.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-organisation", migrate: organisation)
        migrator.registerMigration("v1-concerns", migrate: concerns)
        migrator.registerMigration("v1-search", migrate: search)
        migrator.registerMigration("v1-records", migrate: records)
        migrator.registerMigration("v1-audit", migrate: audit)
        migrator.registerMigration("v2-counts", migrate: counts)
        migrator.registerMigration("v3-logins", migrate: logins)
        migrator.registerMigration("v4-sealed-identities", migrate: sealedIdentities)
        migrator.registerMigration("v5-meeting-minutes", migrate: meetingMinutes)
        migrator.registerMigration("v6-notice-replaced", migrate: noticeReplaced)
        migrator.registerMigration("v7-unit-aliases", migrate: unitAliases)
        migrator.registerMigration("v8-bound-envelopes", migrate: boundEnvelopes)
        migrator.registerMigration("v9-short-words", migrate: ShortWordIndex.migrate)
        migrator.registerMigration("v10-figure-rollup", migrate: FigureRollupTable.migrate)
        migrator.registerMigration("v11-source-indexes", migrate: sourceIndexes)
        migrator.registerMigration("v12-running-deadlines", migrate: runningDeadlines)
        return migrator
    }

    /// The one SQL statement of "the deadline clock runs" (`DeadlineClock.daysOverdue`):
    /// overdue is this and `due_on` before today. Every query and the partial index below
    /// use it, so SQLite recognises the index's condition.
    static let clockRuns = clockRuns(on: nil)

    /// The same condition on a named table (`c` in the listing queries).
    static func clockRuns(on table: String?) -> String {
        let prefix = table.map { $0 + "." } ?? ""
        return "\(prefix)stage IN ('defined','solving') AND \(prefix)paused_since IS NULL"
    }

    /// The clock-running concerns by deadline: the supervision pane's overdue and due-soon
    /// lists read it in order (the tree's overdue counts read it until v12 kept them in
    /// `unit_running_due`). Partial, so it holds only what can be overdue.
    static let runningDueIndex = (name: "concern_running_due", create: """
        CREATE INDEX IF NOT EXISTS concern_running_due ON concern(due_on, unit_id)
          WHERE \(clockRuns);
        """)

    /// Every secondary index of `concern` a bulk load drops and rebuilds.
    static var bulkLoadIndexes: [(name: String, create: String)] { concernIndexes + personIndexes + sourceIndexesList + [runningDueIndex] }

    /// The concerns a campaign or a leader's visit brought in (the finding pane lists them,
    /// the reward ledger reads them): partial, since most concerns came from neither.
    static let sourceIndexesList: [(name: String, create: String)] = [
        ("concern_campaign", "CREATE INDEX IF NOT EXISTS concern_campaign ON concern(campaign_id) WHERE campaign_id IS NOT NULL;"),
        ("concern_visit", "CREATE INDEX IF NOT EXISTS concern_visit ON concern(visit_id) WHERE visit_id IS NOT NULL;"),
    ]

    private static func sourceIndexes(_ db: Database) throws {
        try db.execute(sql: sourceIndexesList.map(\.create).joined(separator: "\n"))
    }

    /// Who found or reported a concern: an employee's scope is what they found, reported or
    /// are responsible for (`ConcernScope.person`), looked up by these.
    static let personIndexes: [(name: String, create: String)] = [
        ("concern_finder", "CREATE INDEX IF NOT EXISTS concern_finder ON concern(finder_id);"),
        ("concern_reporter", "CREATE INDEX IF NOT EXISTS concern_reporter ON concern(reporter_id);"),
    ]

    /// Keeps `unit_stage_count` right on every single insert (a bulk load drops it and
    /// recounts once at the end, see `SQLiteStore.bulkLoad`).
    static let unitCountInsertTrigger = (name: "unit_count_insert", create: """
        CREATE TRIGGER IF NOT EXISTS unit_count_insert AFTER INSERT ON concern BEGIN
          INSERT INTO unit_stage_count VALUES (new.unit_id, new.stage, 1)
            ON CONFLICT (unit_id, stage) DO UPDATE SET n = n + 1;
        END;
        """)

    static let recountUnits = """
        DELETE FROM unit_stage_count;
        INSERT INTO unit_stage_count SELECT unit_id, stage, count(*) FROM concern GROUP BY unit_id, stage;
        """

    /// A person's login (the OS account or database role that is them): at most one person
    /// each. The old default-actor setting is dropped: nobody acts by default any more.
    private static func logins(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE person ADD COLUMN login TEXT CHECK (login IS NULL OR length(login) > 0);
            CREATE UNIQUE INDEX person_login ON person(login) WHERE login IS NOT NULL;
            DELETE FROM setting WHERE key = 'default-actor';
            \(personIndexes.map(\.create).joined(separator: "\n"))
            """)
    }

    /// Anonymous reporters' identities as ciphertext (issue 13): the holders' public keys, and
    /// per concern the ciphertext with its data key wrapped to each holder. The column
    /// `concern.sealed_identity`, which held the text in the clear, is emptied and refused from
    /// now on by trigger (SQLite cannot drop a column that a CHECK names). What it held waits
    /// in `identity_awaiting_seal` until the first holder key exists (`wenti keys init`), which
    /// seals it, deletes it and VACUUMs the file: this migration cannot seal, since before it
    /// nobody had a key.
    private static func sealedIdentities(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE key_holder (
              holder TEXT PRIMARY KEY NOT NULL CHECK (holder = 'recovery' OR holder LIKE 'person:_%'),
              public_key BLOB NOT NULL CHECK (length(public_key) = 32),
              added_at REAL NOT NULL
            ) STRICT;
            CREATE TABLE identity_envelope (
              concern_id INTEGER PRIMARY KEY NOT NULL REFERENCES concern(id),
              ciphertext BLOB NOT NULL CHECK (length(ciphertext) >= 28)
            ) STRICT;
            CREATE TABLE identity_key (
              concern_id INTEGER NOT NULL REFERENCES identity_envelope(concern_id),
              holder TEXT NOT NULL REFERENCES key_holder(holder) ON DELETE CASCADE,
              encapsulated BLOB NOT NULL,
              wrapped BLOB NOT NULL,
              PRIMARY KEY (concern_id, holder)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX identity_key_holder ON identity_key(holder);
            CREATE TABLE identity_awaiting_seal (
              concern_id INTEGER PRIMARY KEY NOT NULL REFERENCES concern(id),
              text TEXT NOT NULL
            ) STRICT;
            INSERT INTO identity_awaiting_seal
              SELECT id, sealed_identity FROM concern WHERE sealed_identity IS NOT NULL AND trim(sealed_identity) <> '';
            UPDATE concern SET sealed_identity = NULL WHERE sealed_identity IS NOT NULL;
            CREATE TRIGGER concern_identity_never_plain_insert BEFORE INSERT ON concern
              WHEN new.sealed_identity IS NOT NULL BEGIN
              SELECT RAISE(ABORT, 'an identity is stored sealed only');
            END;
            CREATE TRIGGER concern_identity_never_plain_update BEFORE UPDATE OF sealed_identity ON concern
              WHEN new.sealed_identity IS NOT NULL BEGIN
              SELECT RAISE(ABORT, 'an identity is stored sealed only');
            END;
            """)
    }

    /// Concerns per library and stage, kept by trigger, so that the tree's counts never scan
    /// the concern table: at a million concerns that scan was the first frame's 1.4 s.
    private static func counts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE unit_stage_count (
              unit_id TEXT NOT NULL,
              stage TEXT NOT NULL,
              n INTEGER NOT NULL,
              PRIMARY KEY (unit_id, stage)
            ) STRICT, WITHOUT ROWID;
            \(recountUnits)
            \(unitCountInsertTrigger.create)
            CREATE TRIGGER unit_count_delete AFTER DELETE ON concern BEGIN
              UPDATE unit_stage_count SET n = n - 1 WHERE unit_id = old.unit_id AND stage = old.stage;
            END;
            CREATE TRIGGER unit_count_update AFTER UPDATE OF unit_id, stage ON concern
              WHEN old.unit_id IS NOT new.unit_id OR old.stage IS NOT new.stage BEGIN
              UPDATE unit_stage_count SET n = n - 1 WHERE unit_id = old.unit_id AND stage = old.stage;
              INSERT INTO unit_stage_count VALUES (new.unit_id, new.stage, 1)
                ON CONFLICT (unit_id, stage) DO UPDATE SET n = n + 1;
            END;
            \(runningDueIndex.create)
            """)
    }

    /// The secondary indexes of `concern`, one per filter of `ConcernQuery` that needs one.
    /// Listed here once because a bulk load drops and rebuilds them (`SQLiteStore.bulkLoad`).
    static let concernIndexes: [(name: String, create: String)] = [
        ("concern_unit", "CREATE INDEX concern_unit ON concern(unit_id, id);"),
        ("concern_tier", "CREATE INDEX concern_tier ON concern(tier, id);"),
        ("concern_stage_due", "CREATE INDEX concern_stage_due ON concern(stage, due_on);"),
        ("concern_grade", "CREATE INDEX concern_grade ON concern(grade_rank, id);"),
        ("concern_stage", "CREATE INDEX concern_stage ON concern(stage_rank, id);"),
        ("concern_category", "CREATE INDEX concern_category ON concern(category_id, id);"),
        ("concern_responsible", "CREATE INDEX concern_responsible ON concern(first_responsible_id, id);"),
    ]

    static let stages = "'found','analysing','defined','solving','awaiting-feedback','closed','referred','watch'"
    static let grades = "'urgent','major','general','budding'"
    static let channels = "'go-down-visit','hearing','evaluation-meeting','retiree-briefing','rewarded-campaign','leader-visit','hotline','other'"

    private static func organisation(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE setting (
              key TEXT PRIMARY KEY NOT NULL,
              value TEXT NOT NULL
            ) STRICT;
            CREATE TABLE unit (
              id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
              name TEXT NOT NULL CHECK (length(trim(name)) > 0),
              kind TEXT NOT NULL CHECK (kind IN ('company','department','team')),
              parent_id TEXT REFERENCES unit(id),
              position INTEGER NOT NULL,
              CHECK ((kind = 'company') = (parent_id IS NULL))
            ) STRICT;
            CREATE TABLE person (
              id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
              name TEXT NOT NULL CHECK (length(trim(name)) > 0),
              role TEXT NOT NULL CHECK (role IN ('political-work','company-leader','department-head','team-leader','staff')),
              unit_id TEXT NOT NULL REFERENCES unit(id)
            ) STRICT;
            CREATE INDEX person_unit ON person(unit_id);
            CREATE TABLE category (
              id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
              name_zh TEXT NOT NULL CHECK (length(trim(name_zh)) > 0),
              name_en TEXT NOT NULL,
              position INTEGER NOT NULL
            ) STRICT;
            CREATE TABLE grade_policy (
              grade TEXT PRIMARY KEY NOT NULL CHECK (grade IN (\(grades))),
              deadline_days INTEGER CHECK (deadline_days > 0),
              review_days INTEGER CHECK (review_days > 0),
              CHECK ((grade = 'budding') = (deadline_days IS NULL)),
              CHECK ((grade = 'budding') = (review_days IS NOT NULL))
            ) STRICT;
            CREATE TABLE campaign (
              id TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              unit_id TEXT NOT NULL REFERENCES unit(id),
              starts_on INTEGER NOT NULL,
              ends_on INTEGER NOT NULL CHECK (ends_on >= starts_on),
              reward TEXT NOT NULL
            ) STRICT;
            CREATE TABLE leader_visit (
              id TEXT PRIMARY KEY NOT NULL,
              leader_id TEXT NOT NULL REFERENCES person(id),
              unit_id TEXT NOT NULL REFERENCES unit(id),
              on_day INTEGER NOT NULL,
              integration TEXT NOT NULL CHECK (integration IN ('grassroots','site','team','staff','customers','projects')),
              findings TEXT NOT NULL
            ) STRICT;
            """)
    }

    private static func concerns(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE concern (
              id INTEGER PRIMARY KEY,
              year INTEGER NOT NULL,
              seq INTEGER NOT NULL CHECK (seq > 0),
              title TEXT NOT NULL CHECK (length(trim(title)) > 0),
              description TEXT NOT NULL,
              category_id TEXT NOT NULL REFERENCES category(id),
              channel TEXT NOT NULL CHECK (channel IN (\(channels))),
              campaign_id TEXT REFERENCES campaign(id),
              visit_id TEXT REFERENCES leader_visit(id),
              finder_id TEXT REFERENCES person(id),
              anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
              reporter_name TEXT,
              reporter_id TEXT REFERENCES person(id),
              sealed_identity TEXT,
              involved_people TEXT NOT NULL,
              involved_unit_id TEXT REFERENCES unit(id),
              reported_on INTEGER NOT NULL,
              unit_id TEXT NOT NULL REFERENCES unit(id),
              tier INTEGER NOT NULL CHECK (tier IN (1, 2, 3)),
              stage TEXT NOT NULL CHECK (stage IN (\(stages))),
              grade TEXT CHECK (grade IN (\(grades))),
              root_cause TEXT NOT NULL,
              difficulty TEXT CHECK (difficulty IN ('low','medium','high')),
              breadth TEXT CHECK (breadth IN ('individual','team','unit','company')),
              plan TEXT NOT NULL,
              first_responsible_id TEXT REFERENCES person(id),
              responsible_unit_id TEXT REFERENCES unit(id),
              pledge_person_id TEXT REFERENCES person(id),
              pledge_on INTEGER,
              deadline INTEGER,
              next_review INTEGER,
              processing TEXT CHECK (processing IN ('stream','batch')),
              batch_group TEXT,
              referral_unit_id TEXT REFERENCES unit(id),
              referral_explanation TEXT,
              referral_on INTEGER,
              paused_days INTEGER NOT NULL CHECK (paused_days >= 0),
              paused_since INTEGER,
              solved_on INTEGER,
              closed_on INTEGER,
              closure TEXT CHECK (closure IN ('with-feedback','without-feedback')),
              closure_reason TEXT,
              created_at REAL NOT NULL,
              updated_at REAL NOT NULL,
              updated_by TEXT NOT NULL REFERENCES person(id),
              version INTEGER NOT NULL CHECK (version >= 1),
              -- the deadline with paused days added back: what "overdue" compares with
              due_on INTEGER GENERATED ALWAYS AS (deadline + paused_days) VIRTUAL,
              -- sort keys: most pressing grade first (ungraded last), stages in the order of the flow
              grade_rank INTEGER GENERATED ALWAYS AS (CASE grade WHEN 'urgent' THEN 1 WHEN 'major' THEN 2
                WHEN 'general' THEN 3 WHEN 'budding' THEN 4 ELSE 9 END) VIRTUAL,
              stage_rank INTEGER GENERATED ALWAYS AS (CASE stage WHEN 'found' THEN 1 WHEN 'analysing' THEN 2
                WHEN 'defined' THEN 3 WHEN 'watch' THEN 4 WHEN 'solving' THEN 5 WHEN 'awaiting-feedback' THEN 6
                WHEN 'referred' THEN 7 ELSE 8 END) VIRTUAL,
              UNIQUE (year, seq),
              CHECK (anonymous = 1 OR sealed_identity IS NULL),
              CHECK ((campaign_id IS NOT NULL) = (channel = 'rewarded-campaign')),
              CHECK ((visit_id IS NOT NULL) = (channel = 'leader-visit')),
              CHECK ((stage = 'closed') = (closure IS NOT NULL)),
              CHECK (closure IS NOT 'without-feedback' OR length(trim(closure_reason)) > 0),
              CHECK (stage NOT IN ('solving','awaiting-feedback') OR (grade IS NOT NULL AND first_responsible_id IS NOT NULL AND length(trim(plan)) > 0)),
              CHECK (stage <> 'referred' OR (referral_unit_id IS NOT NULL AND length(trim(referral_explanation)) > 0)),
              CHECK ((processing = 'batch') = (batch_group IS NOT NULL))
            ) STRICT;

            CREATE TABLE concern_task (
              concern_id INTEGER NOT NULL REFERENCES concern(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              title TEXT NOT NULL CHECK (length(trim(title)) > 0),
              due_on INTEGER NOT NULL,
              state TEXT NOT NULL CHECK (state IN ('open','done','dropped')),
              PRIMARY KEY (concern_id, position)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE concern_link (
              concern_id INTEGER NOT NULL REFERENCES concern(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              kind TEXT NOT NULL CHECK (kind IN ('concern','notice','practice','meeting')),
              target TEXT NOT NULL,
              PRIMARY KEY (concern_id, position)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE progress_note (
              concern_id INTEGER NOT NULL REFERENCES concern(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              on_day INTEGER NOT NULL,
              author_id TEXT NOT NULL REFERENCES person(id),
              text TEXT NOT NULL,
              PRIMARY KEY (concern_id, position)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE escalation (
              concern_id INTEGER NOT NULL REFERENCES concern(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              from_unit_id TEXT NOT NULL REFERENCES unit(id),
              to_unit_id TEXT NOT NULL REFERENCES unit(id),
              from_tier INTEGER NOT NULL,
              to_tier INTEGER NOT NULL CHECK (to_tier = from_tier + 1),
              reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
              on_day INTEGER NOT NULL,
              by_id TEXT NOT NULL REFERENCES person(id),
              PRIMARY KEY (concern_id, position)
            ) STRICT, WITHOUT ROWID;
            \(concernIndexes.map(\.create).joined(separator: "\n"))
            -- "what my unit submitted up": role scoping looks concerns up by the unit they left
            CREATE INDEX escalation_from ON escalation(from_unit_id, concern_id);
            CREATE TABLE feedback (
              concern_id INTEGER NOT NULL REFERENCES concern(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              on_day INTEGER NOT NULL,
              by_id TEXT NOT NULL REFERENCES person(id),
              contact TEXT NOT NULL,
              method TEXT NOT NULL CHECK (method IN ('visit','phone','meeting','online')),
              effect TEXT NOT NULL CHECK (effect IN ('confirmed','partly','no')),
              satisfaction TEXT NOT NULL CHECK (satisfaction IN ('satisfied','basically-satisfied','dissatisfied')),
              score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
              note TEXT NOT NULL,
              PRIMARY KEY (concern_id, position)
            ) STRICT, WITHOUT ROWID;
            """)
    }

    /// Trigram full-text index: finds Chinese substrings of three characters and more.
    /// Shorter queries are answered by `instr()` on the base table (see `ConcernFilterSQL`).
    ///
    /// Updates and deletes keep the index by trigger. Inserts do not: FTS5 flushes its
    /// pending terms at every statement, and even a silenced trigger costs its program per
    /// row, so `ConcernRows.insert` indexes a new concern itself and a bulk insert indexes
    /// its whole batch with one statement (`SQLiteStore.insert`).
    private static func search(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE concern_fts USING fts5(
              title, description, root_cause, plan,
              content='concern', content_rowid='id', tokenize='trigram');
            CREATE TRIGGER concern_fts_delete AFTER DELETE ON concern BEGIN
              INSERT INTO concern_fts(concern_fts, rowid, title, description, root_cause, plan)
              VALUES ('delete', old.id, old.title, old.description, old.root_cause, old.plan);
            END;
            CREATE TRIGGER concern_fts_update AFTER UPDATE OF title, description, root_cause, plan ON concern BEGIN
              INSERT INTO concern_fts(concern_fts, rowid, title, description, root_cause, plan)
              VALUES ('delete', old.id, old.title, old.description, old.root_cause, old.plan);
              INSERT INTO concern_fts(rowid, title, description, root_cause, plan)
              VALUES (new.id, new.title, new.description, new.root_cause, new.plan);
            END;
            """)
    }

    private static func records(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meeting (
              id TEXT PRIMARY KEY NOT NULL,
              unit_id TEXT NOT NULL REFERENCES unit(id),
              month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
              held_on INTEGER,
              state TEXT NOT NULL CHECK (state IN ('planned','held')),
              notes TEXT NOT NULL,
              CHECK (state = 'planned' OR held_on IS NOT NULL)
            ) STRICT;
            CREATE TABLE meeting_item (
              meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              concern_id INTEGER NOT NULL REFERENCES concern(id),
              purpose TEXT NOT NULL CHECK (purpose IN ('define','review-overdue','report-feedback','review-budding')),
              finder_id TEXT REFERENCES person(id),
              involved TEXT NOT NULL,
              solving_unit_id TEXT REFERENCES unit(id),
              decision TEXT,  -- JSON of MeetingDecision, NULL until decided
              PRIMARY KEY (meeting_id, position)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE notice (
              id TEXT PRIMARY KEY NOT NULL,
              concern_id INTEGER NOT NULL REFERENCES concern(id),
              issued_on INTEGER NOT NULL,
              issued_by TEXT NOT NULL REFERENCES person(id),
              to_unit_id TEXT NOT NULL REFERENCES unit(id),
              to_person_id TEXT NOT NULL REFERENCES person(id),
              state TEXT NOT NULL CHECK (state IN ('issued','acknowledged','progress-reported','completed'))
            ) STRICT;
            CREATE INDEX notice_concern ON notice(concern_id);
            CREATE TABLE notice_node (
              notice_id TEXT NOT NULL REFERENCES notice(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              title TEXT NOT NULL,
              due_on INTEGER NOT NULL,
              PRIMARY KEY (notice_id, position)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE notice_chaser (
              notice_id TEXT NOT NULL REFERENCES notice(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              on_day INTEGER NOT NULL,
              by_id TEXT NOT NULL REFERENCES person(id),
              text TEXT NOT NULL,
              answered_on INTEGER,
              PRIMARY KEY (notice_id, position)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE practice (
              id TEXT PRIMARY KEY NOT NULL,
              library TEXT NOT NULL CHECK (library IN ('case-analysis','typical-experience','knowledge-aid')),
              title TEXT NOT NULL CHECK (length(trim(title)) > 0),
              situation TEXT NOT NULL,
              root_cause TEXT NOT NULL,
              actions TEXT NOT NULL CHECK (length(trim(actions)) > 0),
              watch_points TEXT NOT NULL,
              tags TEXT NOT NULL,  -- JSON array
              created_on INTEGER NOT NULL,
              author_id TEXT NOT NULL REFERENCES person(id)
            ) STRICT;
            CREATE TABLE practice_category (
              practice_id TEXT NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
              category_id TEXT NOT NULL REFERENCES category(id),
              PRIMARY KEY (practice_id, category_id)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE practice_source (
              practice_id TEXT NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
              concern_id INTEGER NOT NULL REFERENCES concern(id),
              PRIMARY KEY (practice_id, concern_id)
            ) STRICT, WITHOUT ROWID;
            """)
    }

    /// What held minutes record besides the decisions: chair, recorder, place and attendees
    /// (a JSON array of names), and per item the meeting that deferred it and how its concern
    /// stood when the meeting sat (JSON of `ItemSnapshot`). NULL on meetings held before.
    private static func meetingMinutes(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE meeting ADD COLUMN chair_id TEXT REFERENCES person(id);
            ALTER TABLE meeting ADD COLUMN recorder_id TEXT REFERENCES person(id);
            ALTER TABLE meeting ADD COLUMN place TEXT;
            ALTER TABLE meeting ADD COLUMN attendees TEXT;
            ALTER TABLE meeting_item ADD COLUMN deferred_from TEXT;
            ALTER TABLE meeting_item ADD COLUMN snapshot TEXT;
            """)
    }

    /// Units' short names (运检部 for 运维检修部): each names one unit only. A workspace made
    /// before them has none until its organisation is edited.
    private static func unitAliases(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE unit_alias (
              alias TEXT PRIMARY KEY NOT NULL CHECK (length(trim(alias)) > 0),
              unit_id TEXT NOT NULL REFERENCES unit(id),
              position INTEGER NOT NULL
            ) STRICT;
            """)
    }

    private static func audit(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE audit_log (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              at REAL NOT NULL,
              actor_id TEXT NOT NULL,
              action TEXT NOT NULL,
              subject TEXT NOT NULL,
              changes TEXT NOT NULL  -- JSON array of {field, old, new}
            ) STRICT;
            CREATE INDEX audit_subject ON audit_log(subject, seq);
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
              SELECT RAISE(ABORT, 'audit log is append-only');
            END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
              SELECT RAISE(ABORT, 'audit log is append-only');
            END;
            """)
    }
}
