import WentiCore

/// The figure rollup on the server (`FigureRollup`, the SQLite store's `figure_rollup`),
/// kept by statement triggers on `wenti.concern` in the statement that changes the concerns,
/// so that a dashboard reads the months it shows, not a million documents.
///
/// Kept by the server, not by the client as in SQLite: a person's role may not write the
/// table (it could then forge any library's figures), and the triggers run as the owner.
/// `wenti.figure_contributions` is `FigureRollup.contributions` in SQL, over the generated
/// columns and the document's escalations and latest feedback; the conformance suite holds
/// the figures read from it equal to the figures of the facts.
///
/// Who reads it: every role that may look at figures (all but staff). Figures are the
/// organisation's whoever looks (the ranking compares every department), so the rows are
/// the whole organisation's counts, never a concern's text; the session shows each person
/// the units they may look at (`UnitFigures.shown`).
enum ServerRollup {
    static let sql = """
        CREATE TABLE wenti.figure_rollup (
          part text NOT NULL,
          bucket int NOT NULL,
          unit_id text NOT NULL,
          solving_unit_id text NOT NULL,
          category_id text NOT NULL,
          detail int NOT NULL,
          n bigint NOT NULL,
          PRIMARY KEY (part, bucket, unit_id, solving_unit_id, category_id, detail)
        );
        -- A day's ordinal (Day.ordinal) as FigureRollup.monthNumber: year × 12 + month − 1.
        CREATE FUNCTION wenti.month_number(int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $$ SELECT (extract(year FROM DATE '1970-01-01' + $1) * 12 + extract(month FROM DATE '1970-01-01' + $1) - 1)::int $$;
        -- One concern's share (FigureRollup.contributions); n is negated by the caller for an old row.
        CREATE FUNCTION wenti.figure_contributions(c wenti.concern)
          RETURNS TABLE (part text, bucket int, unit_id text, solving_unit_id text, category_id text, detail int, n int)
          LANGUAGE sql STABLE AS $$
          WITH f AS (
            SELECT c.found_in AS origin, coalesce((c.doc #>> '{escalations,0,fromTier}')::int, c.tier) AS origin_tier,
                   c.unit_id AS unit, coalesce(c.responsible_unit_id, '') AS solving, c.category_id AS category, c.stage, c.grade,
                   c.reported_on, c.due_on, c.paused_since, c.paused_days, c.solved_on, c.closed_on, c.closure, c.referral_on,
                   coalesce(c.doc->'escalations', '[]') AS escalations, c.doc->'feedback'->-1 AS latest,
                   greatest(c.due_on + 1, c.reported_on) AS overdue_from
          )
          SELECT 'found', wenti.month_number(reported_on), origin, '', category,
                 (CASE WHEN stage NOT IN ('found','analysing','referred') THEN 1 ELSE 0 END)
                 | (CASE WHEN stage NOT IN ('found','analysing') THEN 2 ELSE 0 END), 1 FROM f
          UNION ALL
          SELECT 'escalated', wenti.month_number(wenti.day(e->>'on')), e->>'fromUnitID', '', '', 0, 1
            FROM f, jsonb_array_elements(f.escalations) e
          UNION ALL
          SELECT 'solved', wenti.month_number(solved_on), unit, solving, '',
                 (CASE WHEN due_on IS NULL THEN 0 WHEN solved_on <= due_on THEN 3 ELSE 1 END)
                 | (CASE WHEN latest IS NULL THEN 0 WHEN latest->>'effect' = 'confirmed' THEN 12 ELSE 4 END), 1
            FROM f WHERE solved_on IS NOT NULL
          UNION ALL
          SELECT 'days', wenti.month_number(solved_on), unit, solving, '',
                 (array_position(ARRAY['urgent','major','general','budding'], grade) - 1) * \(FigureRollup.daysPerGrade)
                 + least(greatest(0, solved_on - reported_on - paused_days), \(FigureRollup.daysPerGrade - 1)), 1
            FROM f WHERE solved_on IS NOT NULL AND grade IS NOT NULL
          UNION ALL
          SELECT p.part, CASE p.part WHEN 'overdue' THEN e.day ELSE wenti.month_number(e.day) END, unit, solving, '', 0, e.n
            FROM f, LATERAL (VALUES (overdue_from, 1), (solved_on, -1)) e(day, n), (VALUES ('overdue'), ('overdueMonth')) p(part)
            WHERE due_on IS NOT NULL AND paused_since IS NULL AND stage NOT IN ('referred','watch','found','analysing')
              AND (solved_on IS NULL OR solved_on > overdue_from) AND e.day IS NOT NULL
          UNION ALL
          SELECT 'referred', wenti.month_number(referral_on), unit, solving, '', 0, 1 FROM f WHERE referral_on IS NOT NULL
          UNION ALL
          SELECT 'closed', wenti.month_number(closed_on), unit, solving, '',
                 (CASE WHEN closure = 'with-feedback' THEN 1 ELSE 0 END)
                 | (CASE WHEN origin_tier = 1 THEN 2 | (CASE WHEN jsonb_array_length(escalations) = 0 AND referral_on IS NULL THEN 4 ELSE 0 END) ELSE 0 END), 1
            FROM f WHERE closed_on IS NOT NULL
          UNION ALL
          SELECT 'feedback', wenti.month_number(wenti.day(latest->>'on')), unit, solving, '',
                 (latest->>'score')::int * 4 | (CASE WHEN latest->>'satisfaction' <> 'dissatisfied' THEN 1 ELSE 0 END)
                 | (CASE WHEN latest->>'effect' = 'confirmed' THEN 2 ELSE 0 END), 1
            FROM f WHERE latest IS NOT NULL
          $$;
        -- Adds the contributions of the statement's new rows and takes away the old rows'.
        CREATE FUNCTION wenti.figure_rollup_apply() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp AS $$
          BEGIN
            IF TG_OP = 'INSERT' THEN
              INSERT INTO wenti.figure_rollup AS r
                SELECT x.part, x.bucket, x.unit_id, x.solving_unit_id, x.category_id, x.detail, sum(x.n)
                FROM new_rows c, LATERAL wenti.figure_contributions(c) x GROUP BY 1, 2, 3, 4, 5, 6
                ON CONFLICT (part, bucket, unit_id, solving_unit_id, category_id, detail) DO UPDATE SET n = r.n + EXCLUDED.n;
            ELSIF TG_OP = 'UPDATE' THEN
              INSERT INTO wenti.figure_rollup AS r
                SELECT part, bucket, unit_id, solving_unit_id, category_id, detail, sum(n) FROM (
                  SELECT x.* FROM new_rows c, LATERAL wenti.figure_contributions(c) x
                  UNION ALL
                  SELECT x.part, x.bucket, x.unit_id, x.solving_unit_id, x.category_id, x.detail, -x.n
                  FROM old_rows c, LATERAL wenti.figure_contributions(c) x) d
                GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0
                ON CONFLICT (part, bucket, unit_id, solving_unit_id, category_id, detail) DO UPDATE SET n = r.n + EXCLUDED.n;
            ELSE
              INSERT INTO wenti.figure_rollup AS r
                SELECT x.part, x.bucket, x.unit_id, x.solving_unit_id, x.category_id, x.detail, -sum(x.n)
                FROM old_rows c, LATERAL wenti.figure_contributions(c) x GROUP BY 1, 2, 3, 4, 5, 6
                ON CONFLICT (part, bucket, unit_id, solving_unit_id, category_id, detail) DO UPDATE SET n = r.n + EXCLUDED.n;
            END IF;
            RETURN NULL;
          END $$;
        CREATE TRIGGER figure_rollup_insert AFTER INSERT ON wenti.concern REFERENCING NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION wenti.figure_rollup_apply();
        CREATE TRIGGER figure_rollup_update AFTER UPDATE ON wenti.concern REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION wenti.figure_rollup_apply();
        CREATE TRIGGER figure_rollup_delete AFTER DELETE ON wenti.concern REFERENCING OLD TABLE AS old_rows
          FOR EACH STATEMENT EXECUTE FUNCTION wenti.figure_rollup_apply();

        ALTER TABLE wenti.figure_rollup ENABLE ROW LEVEL SECURITY;
        ALTER TABLE wenti.figure_rollup FORCE ROW LEVEL SECURITY;
        CREATE POLICY owner_only ON wenti.figure_rollup TO wenti_owner USING (true) WITH CHECK (true);
        CREATE POLICY figures_read ON wenti.figure_rollup FOR SELECT USING ((SELECT wenti.my_role()) <> 'staff');
        GRANT SELECT ON wenti.figure_rollup TO wenti_person;
        REVOKE EXECUTE ON FUNCTION wenti.month_number(int), wenti.figure_contributions(wenti.concern), wenti.figure_rollup_apply() FROM PUBLIC;
        """
}
