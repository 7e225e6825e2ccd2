/// Triggers that hold the workflow's rules for any SQL client, wenti or `psql`: who may
/// change which part of a concern, that a change names who made it, that a tier changes only
/// by a recorded escalation one tier up, that held minutes and the audit log stay as written.
///
/// Refusals use wenti's own SQLSTATEs (class WT), so the client tells them apart without
/// reading message text: WT001 the audit log is append-only, WT002 not permitted, WT003 a
/// record that may not change.
enum ServerGuards {
    /// A concern's document keys that the first responsible person may change without owning
    /// the library (Permissions: start, progress, task book, pledge, solve, link).
    static let workKeys = "ARRAY['notes','tasks','pledge','links','stage','solvedOn','pausedDays','pausedSince','updatedAt','updatedByID','version']"

    static let functions = """
        CREATE FUNCTION wenti.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql
          SET search_path = pg_catalog, pg_temp
          AS $$ BEGIN RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'WT001'; END $$;

        CREATE FUNCTION wenti.mark_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ BEGIN
            UPDATE wenti.change_mark SET n = n + 1;
            -- A hint only: no id or text, since anyone may NOTIFY this channel too.
            PERFORM pg_notify('wenti_changed', '');
            RETURN NULL;
          END $$;

        CREATE FUNCTION wenti.guard_concern() RETURNS trigger LANGUAGE plpgsql
          SET search_path = pg_catalog, pg_temp
          AS $$
          DECLARE
            me text := wenti.me();
            my_role text := wenti.my_role();
            steer boolean;
            added jsonb;
            kind_tier int;
          BEGIN
            SELECT CASE kind WHEN 'team' THEN 1 WHEN 'department' THEN 2 ELSE 3 END INTO kind_tier
              FROM wenti.unit WHERE id = NEW.unit_id;
            IF kind_tier IS DISTINCT FROM NEW.tier THEN
              RAISE EXCEPTION 'a concern''s tier is the tier of its library' USING ERRCODE = 'WT002';
            END IF;
            IF wenti.is_administrator() THEN RETURN NEW; END IF;
            IF me IS NULL THEN
              RAISE EXCEPTION 'no person of this workspace is linked to role %', session_user USING ERRCODE = 'WT002';
            END IF;
            IF NEW.updated_by IS DISTINCT FROM me THEN
              RAISE EXCEPTION 'a change is recorded as made by the person who makes it' USING ERRCODE = 'WT002';
            END IF;
            IF TG_OP = 'INSERT' THEN
              IF NEW.version <> 1 THEN RAISE EXCEPTION 'a new concern starts at version 1' USING ERRCODE = 'WT002'; END IF;
              RETURN NEW;
            END IF;
            IF NEW.version <> OLD.version + 1 THEN
              RAISE EXCEPTION 'each change raises the version by one' USING ERRCODE = 'WT002';
            END IF;
            IF NEW.code <> OLD.code OR NEW.reported_on <> OLD.reported_on OR NEW.channel <> OLD.channel
               OR NEW.finder_id IS DISTINCT FROM OLD.finder_id OR (NEW.doc->'reporter') IS DISTINCT FROM (OLD.doc->'reporter')
               OR (NEW.doc->'createdAt') IS DISTINCT FROM (OLD.doc->'createdAt') THEN
              RAISE EXCEPTION 'how a concern came in is a record' USING ERRCODE = 'WT003';
            END IF;
            steer := my_role = 'political-work' OR OLD.unit_id = ANY (wenti.my_managed_units());
            IF NOT steer THEN
              IF OLD.first_responsible_id IS DISTINCT FROM me THEN
                RAISE EXCEPTION 'only the library''s owner or the first responsible person changes a concern' USING ERRCODE = 'WT002';
              END IF;
              IF (OLD.doc - \(workKeys)) IS DISTINCT FROM (NEW.doc - \(workKeys))
                 OR (NEW.stage <> OLD.stage AND NOT ((OLD.stage IN ('defined','watch') AND NEW.stage = 'solving')
                                                   OR (OLD.stage = 'solving' AND NEW.stage = 'awaiting-feedback'))) THEN
                RAISE EXCEPTION 'the first responsible person works the concern; the library''s owner decides it' USING ERRCODE = 'WT002';
              END IF;
            END IF;
            IF NEW.tier <> OLD.tier OR NEW.unit_id <> OLD.unit_id
               OR (NEW.doc->'escalations') IS DISTINCT FROM (OLD.doc->'escalations') THEN
              -- Only as an escalation: one new record at the end, from this library to its
              -- parent, one tier up, by the person who makes the change, who may escalate.
              added := NEW.doc->'escalations'->-1;
              IF jsonb_array_length(coalesce(NEW.doc->'escalations', '[]')) <> jsonb_array_length(coalesce(OLD.doc->'escalations', '[]')) + 1
                 OR ((NEW.doc->'escalations') - (-1)) IS DISTINCT FROM coalesce(OLD.doc->'escalations', '[]')
                 OR added->>'fromUnitID' IS DISTINCT FROM OLD.unit_id OR added->>'toUnitID' IS DISTINCT FROM NEW.unit_id
                 OR (added->>'fromTier')::int IS DISTINCT FROM OLD.tier OR (added->>'toTier')::int IS DISTINCT FROM NEW.tier
                 OR NEW.tier <> OLD.tier + 1 OR added->>'byID' IS DISTINCT FROM me
                 OR NEW.unit_id IS DISTINCT FROM (SELECT parent_id FROM wenti.unit WHERE id = OLD.unit_id) THEN
                RAISE EXCEPTION 'a library or tier changes only by an escalation one tier up to the parent library' USING ERRCODE = 'WT002';
              END IF;
              IF NOT (my_role = 'political-work' OR (my_role IN ('department-head','team-leader') AND OLD.unit_id = ANY (wenti.my_managed_units()))) THEN
                RAISE EXCEPTION 'only the library''s owner escalates its concerns' USING ERRCODE = 'WT002';
              END IF;
            END IF;
            RETURN NEW;
          END $$;

        -- Held minutes are a record: a planned meeting may change (and become held), a held one not.
        CREATE FUNCTION wenti.guard_meeting() RETURNS trigger LANGUAGE plpgsql
          SET search_path = pg_catalog, pg_temp
          AS $$ BEGIN
            IF OLD.state = 'held' THEN
              RAISE EXCEPTION 'the minutes of a held meeting are a record' USING ERRCODE = 'WT003';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
          END $$;

        -- Audit rows name the person whose role writes them (an administrator importing history
        -- writes it as it was), and an entry about a record is written with the change it
        -- records: the concern, notice, meeting or practice changed in this same transaction
        -- (its row's xmin is this transaction), so nobody files a step they never took.
        \(guardAudit(visits: false))

        -- The other direction, checked at commit: a concern taken in or changed by a person comes
        -- with its audit entry in the same transaction, so an intake or a change made with psql
        -- that skips the log is refused. (The administrator, who imports history as it was
        -- written, is trusted with it as with everything else.) SECURITY DEFINER, because the log
        -- is not readable by everyone who writes to it.
        CREATE FUNCTION wenti.require_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ BEGIN
            IF wenti.is_administrator() THEN RETURN NULL; END IF;
            IF NOT EXISTS (SELECT 1 FROM wenti.audit_log a
                           WHERE a.subject = NEW.code AND a.xmin::text = (txid_current() % 4294967296)::text) THEN
              RAISE EXCEPTION 'the change of % comes without its audit entry', NEW.code USING ERRCODE = 'WT002';
            END IF;
            RETURN NULL;
          END $$;
        """

    /// An audit entry comes with the change it records (v1); from v2 on, a leader's visit too.
    static func guardAudit(visits: Bool) -> String {
        """
        \(visits ? "CREATE OR REPLACE" : "CREATE") FUNCTION wenti.guard_audit() RETURNS trigger LANGUAGE plpgsql
          SET search_path = pg_catalog, pg_temp
          AS $$
          DECLARE
            now_xid text := (txid_current() % 4294967296)::text;
            changed boolean;
          BEGIN
            NEW.db_user := session_user;
            IF wenti.is_administrator() THEN RETURN NEW; END IF;
            IF NEW.actor_id IS DISTINCT FROM wenti.me() THEN
              RAISE EXCEPTION 'an audit entry names the person who acts' USING ERRCODE = 'WT002';
            END IF;
            changed := CASE
              WHEN NEW.subject ~ '^Q-' THEN EXISTS (SELECT 1 FROM wenti.concern c WHERE c.code = NEW.subject AND c.xmin::text = now_xid)
              WHEN NEW.subject ~ '^DB-' THEN EXISTS (SELECT 1 FROM wenti.notice n WHERE n.id = NEW.subject AND n.xmin::text = now_xid)
              WHEN NEW.subject ~ '^HY-' THEN EXISTS (SELECT 1 FROM wenti.meeting m WHERE m.id = NEW.subject AND m.xmin::text = now_xid)
              WHEN NEW.subject ~ '^SJ-' THEN EXISTS (SELECT 1 FROM wenti.practice p WHERE p.id = NEW.subject AND p.xmin::text = now_xid)
        \(visits ? visitClause : "")              ELSE true END;
            IF NOT changed THEN
              RAISE EXCEPTION 'an audit entry about % comes with the change it records', NEW.subject USING ERRCODE = 'WT002';
            END IF;
            RETURN NEW;
          END $$;
        """
    }

    static let visitClause =
        "              WHEN NEW.subject ~ '^ZF-' THEN EXISTS (SELECT 1 FROM wenti.leader_visit v WHERE v.id = NEW.subject AND v.xmin::text = now_xid)\n"

    static let triggers = """
        -- AFTER, because generated columns are not yet computed when BEFORE triggers run; an
        -- exception here still undoes the statement.
        CREATE TRIGGER concern_guard AFTER INSERT OR UPDATE ON wenti.concern
          FOR EACH ROW EXECUTE FUNCTION wenti.guard_concern();
        CREATE CONSTRAINT TRIGGER concern_audited AFTER INSERT OR UPDATE ON wenti.concern
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION wenti.require_audit();
        CREATE TRIGGER meeting_guard BEFORE UPDATE OR DELETE ON wenti.meeting
          FOR EACH ROW EXECUTE FUNCTION wenti.guard_meeting();
        CREATE TRIGGER audit_guard BEFORE INSERT ON wenti.audit_log
          FOR EACH ROW EXECUTE FUNCTION wenti.guard_audit();
        CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON wenti.audit_log
          FOR EACH ROW EXECUTE FUNCTION wenti.refuse_audit_change();
        CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON wenti.audit_log
          FOR EACH STATEMENT EXECUTE FUNCTION wenti.refuse_audit_change();
        CREATE TRIGGER audit_marks_change AFTER INSERT ON wenti.audit_log
          FOR EACH STATEMENT EXECUTE FUNCTION wenti.mark_change();
        """
}
