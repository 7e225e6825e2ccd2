/// The libraries tree's counts on the server (open, overdue, awaiting feedback per library,
/// and the total that `wenti list --count` and the status bar show),
/// kept by statement triggers on `wenti.concern` as the SQLite store keeps `unit_stage_count`,
/// so that the first frame reads a few hundred rows instead of grouping every concern.
///
/// One row per library, stage and running deadline: `due_on` is the concern's deadline
/// (paused days added back) while its clock runs (`ServerFilter.clockRuns`) and −1 otherwise,
/// so that "overdue today" is a sum over the rows before today, whatever today is.
///
/// Who reads it: only those who see every concern (`wenti.sees_all()`), for whom the whole
/// organisation's count is exactly the count of what they see. Everyone else sees a union of
/// several reaches (their libraries, what left them, referrals, responsibilities, their own
/// concerns) that no per-library count can follow, and counting the organisation for them
/// would tell them how many concerns libraries they may not read hold: for them
/// `wenti.library_counts` counts the rows row-level security lets them see, as before.
enum ServerLibraryCounts {
    static let sql = """
        CREATE TABLE wenti.library_count (
          unit_id text NOT NULL,
          stage text NOT NULL,
          due_on int NOT NULL,
          n bigint NOT NULL,
          PRIMARY KEY (unit_id, stage, due_on)
        );
        -- A concern's key in the count: its running deadline, or -1 when no clock runs.
        CREATE FUNCTION wenti.running_due(stage text, paused_since int, due_on int) RETURNS int
          LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $$ SELECT CASE WHEN stage IN ('defined','solving') AND paused_since IS NULL AND due_on IS NOT NULL THEN due_on ELSE -1 END $$;
        -- Adds the statement's new rows and takes away its old ones, in key order (two writers
        -- lock the rows they share in the same order, so they wait rather than deadlock). A
        -- row that falls to zero stays (deleting it would scan the table on every write); the
        -- reader skips libraries whose rows sum to nothing.
        CREATE FUNCTION wenti.library_count_apply() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp AS $$
          BEGIN
            IF TG_OP = 'INSERT' THEN
              INSERT INTO wenti.library_count AS k
                SELECT unit_id, stage, wenti.running_due(stage, paused_since, due_on), count(*) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                ON CONFLICT (unit_id, stage, due_on) DO UPDATE SET n = k.n + EXCLUDED.n;
            ELSIF TG_OP = 'UPDATE' THEN
              INSERT INTO wenti.library_count AS k
                SELECT u, s, d, sum(n) FROM (
                  SELECT unit_id, stage, wenti.running_due(stage, paused_since, due_on), 1 FROM new_rows
                  UNION ALL
                  SELECT unit_id, stage, wenti.running_due(stage, paused_since, due_on), -1 FROM old_rows) x(u, s, d, n)
                GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3
                ON CONFLICT (unit_id, stage, due_on) DO UPDATE SET n = k.n + EXCLUDED.n;
            ELSE
              INSERT INTO wenti.library_count AS k
                SELECT unit_id, stage, wenti.running_due(stage, paused_since, due_on), -count(*) FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                ON CONFLICT (unit_id, stage, due_on) DO UPDATE SET n = k.n + EXCLUDED.n;
            END IF;
            RETURN NULL;
          END $$;
        CREATE TRIGGER library_count_insert AFTER INSERT ON wenti.concern REFERENCING NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION wenti.library_count_apply();
        CREATE TRIGGER library_count_update AFTER UPDATE ON wenti.concern REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION wenti.library_count_apply();
        CREATE TRIGGER library_count_delete AFTER DELETE ON wenti.concern REFERENCING OLD TABLE AS old_rows
          FOR EACH STATEMENT EXECUTE FUNCTION wenti.library_count_apply();
        -- A workspace made before this version: counted once from its rows (the migration runs
        -- as the owner for an administrator, who sees every concern).
        INSERT INTO wenti.library_count
          SELECT unit_id, stage, wenti.running_due(stage, paused_since, due_on), count(*) FROM wenti.concern GROUP BY 1, 2, 3;

        ALTER TABLE wenti.library_count ENABLE ROW LEVEL SECURITY;
        ALTER TABLE wenti.library_count FORCE ROW LEVEL SECURITY;
        CREATE POLICY owner_only ON wenti.library_count TO wenti_owner USING (true) WITH CHECK (true);
        CREATE POLICY counts_read ON wenti.library_count FOR SELECT USING ((SELECT wenti.sees_all()));
        GRANT SELECT ON wenti.library_count TO wenti_person;

        -- The tree's counts for the connected person: the kept count for whoever sees every
        -- concern, else a count of the rows they see (SECURITY INVOKER: concern_read narrows
        -- it). PL/pgSQL so that the choice is made once, before either query is planned.
        CREATE FUNCTION wenti.library_counts(today int)
          RETURNS TABLE (unit_id text, open int, overdue int, awaiting int) LANGUAGE plpgsql STABLE
          SET search_path = pg_catalog, pg_temp AS $$
          BEGIN
            IF wenti.sees_all() THEN
              RETURN QUERY
                SELECT k.unit_id, coalesce(sum(k.n) FILTER (WHERE k.stage <> 'closed'), 0)::int,
                       coalesce(sum(k.n) FILTER (WHERE k.due_on >= 0 AND k.due_on < today), 0)::int,
                       coalesce(sum(k.n) FILTER (WHERE k.stage = 'awaiting-feedback'), 0)::int
                FROM wenti.library_count k GROUP BY k.unit_id HAVING sum(k.n) > 0;
            ELSE
              RETURN QUERY
                SELECT c.unit_id, (count(*) FILTER (WHERE c.stage <> 'closed'))::int,
                       (count(*) FILTER (WHERE wenti.running_due(c.stage, c.paused_since, c.due_on) BETWEEN 0 AND today - 1))::int,
                       (count(*) FILTER (WHERE c.stage = 'awaiting-feedback'))::int
                FROM wenti.concern c GROUP BY c.unit_id;
            END IF;
          END $$;
        -- How many concerns the connected person sees, the same way.
        CREATE FUNCTION wenti.concern_count() RETURNS bigint LANGUAGE plpgsql STABLE
          SET search_path = pg_catalog, pg_temp AS $$
          BEGIN
            IF wenti.sees_all() THEN
              RETURN (SELECT coalesce(sum(k.n), 0) FROM wenti.library_count k);
            END IF;
            RETURN (SELECT count(*) FROM wenti.concern);
          END $$;
        REVOKE EXECUTE ON FUNCTION wenti.concern_count() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION wenti.concern_count() TO wenti_person;
        REVOKE EXECUTE ON FUNCTION wenti.running_due(text, int, int), wenti.library_count_apply(), wenti.library_counts(int) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION wenti.running_due(text, int, int), wenti.library_counts(int) TO wenti_person;
        """
}
