import GRDB

extension Schema {
    /// One open supervision notice per concern (issue 14): a notice may now be `replaced`,
    /// naming the notice that replaced it, and SQLite refuses a second open notice on a
    /// concern by a partial unique index.
    ///
    /// SQLite cannot change a CHECK in place, so `notice` is rebuilt (create, copy, drop,
    /// rename: the order SQLite's documentation gives). GRDB runs migrations with foreign
    /// keys off and checks them at the end, so dropping the old table leaves the nodes and
    /// chasers, whose references follow the name `notice`, untouched.
    ///
    /// `replaced_by` is checked at commit: the old notice is closed before the new one is
    /// inserted (the unique index admits one open notice at a time), in one transaction.
    ///
    /// A workspace written before this rule may hold several open notices on one concern;
    /// the unique index would refuse it. Each such older notice is marked replaced by the
    /// concern's newest open one, with an audit row saying the migration did it.
    static func noticeReplaced(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE notice_v6 (
              id TEXT PRIMARY KEY NOT NULL,
              concern_id INTEGER NOT NULL REFERENCES concern(id),
              issued_on INTEGER NOT NULL,
              issued_by TEXT NOT NULL REFERENCES person(id),
              to_unit_id TEXT NOT NULL REFERENCES unit(id),
              to_person_id TEXT NOT NULL REFERENCES person(id),
              state TEXT NOT NULL CHECK (state IN ('issued','acknowledged','progress-reported','completed','replaced')),
              replaced_by TEXT REFERENCES notice_v6(id) DEFERRABLE INITIALLY DEFERRED,
              CHECK ((state = 'replaced') = (replaced_by IS NOT NULL)),
              CHECK (replaced_by IS NOT id)
            ) STRICT;
            INSERT INTO notice_v6 (id, concern_id, issued_on, issued_by, to_unit_id, to_person_id, state)
              SELECT id, concern_id, issued_on, issued_by, to_unit_id, to_person_id, state FROM notice;
            CREATE TEMP TABLE notice_newest_open AS
              SELECT concern_id, (SELECT n2.id FROM notice_v6 n2
                                  WHERE n2.concern_id = n.concern_id AND n2.state NOT IN ('completed','replaced')
                                  ORDER BY n2.issued_on DESC, n2.id DESC LIMIT 1) AS newest
              FROM notice_v6 n WHERE state NOT IN ('completed','replaced')
              GROUP BY concern_id HAVING count(*) > 1;
            INSERT INTO audit_log (at, actor_id, action, subject, changes)
              SELECT (julianday('now') - 2440587.5) * 86400.0, 'migration', 'notice-replace', n.id,
                     json_array(json_object('field','state','old',n.state,'new','replaced'),
                                json_object('field','replaced-by','old','','new',o.newest))
              FROM notice_v6 n JOIN notice_newest_open o ON o.concern_id = n.concern_id
              WHERE n.state NOT IN ('completed','replaced') AND n.id <> o.newest;
            UPDATE notice_v6 SET state = 'replaced',
              replaced_by = (SELECT newest FROM notice_newest_open o WHERE o.concern_id = notice_v6.concern_id)
              WHERE state NOT IN ('completed','replaced')
                AND id <> coalesce((SELECT newest FROM notice_newest_open o WHERE o.concern_id = notice_v6.concern_id), id);
            DROP TABLE notice_newest_open;
            DROP TABLE notice;
            ALTER TABLE notice_v6 RENAME TO notice;
            CREATE INDEX notice_concern ON notice(concern_id);
            CREATE UNIQUE INDEX notice_one_open ON notice(concern_id) WHERE state NOT IN ('completed','replaced');
            """)
    }
}
