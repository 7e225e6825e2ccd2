/// Migration v5: two reads that grew with the number of concerns, measured at 1,000,000.
enum ServerReadsAtScale {
    static var sql: String { meetingsSeen + ";\n" + stageCount }

    /// `wenti.meetings_seen()` without a pass over every concern. The first version (v1,
    /// `ServerPolicies`) kept an item when `EXISTS (SELECT 1 FROM wenti.concern c WHERE c.code =
    /// <the item's concern>)`; PostgreSQL planned that as a hash join against a scan of the
    /// whole table under the read policy, once per meeting, and compiled it (JIT) for its cost:
    /// 0.5 s for four meetings at 1,000,000 concerns, on every visit of the meetings pane and
    /// every concern's detail. Now each meeting's codes are looked up by the code's index,
    /// once, and those who see every concern (for whom nothing is narrowed) skip the lookup.
    /// What is returned is the same: the items on concerns the caller sees (the lookup keeps
    /// the caller's row-level security, keyed on `session_user`), of every meeting that has
    /// one or that the caller's libraries own.
    static var meetingsSeen: String {
        let managed = "(SELECT wenti.my_managed_units())::text[]"
        return """
            CREATE OR REPLACE FUNCTION wenti.meetings_seen() RETURNS TABLE (doc text) LANGUAGE sql STABLE SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp
              AS $$
                SELECT (CASE WHEN m.everything THEN m.doc ELSE jsonb_set(m.doc, '{items}', m.items) END)::text
                FROM (
                  SELECT x.doc, x.month, x.id, w.everything,
                    x.unit_id = ANY ((SELECT wenti.my_libraries())::text[]) OR x.unit_id = ANY (\(managed)) AS owned,
                    CASE WHEN w.everything THEN x.doc->'items'
                         ELSE coalesce((SELECT jsonb_agg(i ORDER BY n) FROM jsonb_array_elements(x.doc->'items') WITH ORDINALITY AS e(i, n)
                                        WHERE i->>'concern' = ANY (ARRAY(SELECT c.code FROM wenti.concern c
                                                                          WHERE c.code = ANY (x.agenda)))), '[]'::jsonb)
                    END AS items
                  FROM wenti.meeting x, (SELECT wenti.sees_all() AS everything) w) m
                WHERE m.everything OR m.owned OR jsonb_array_length(m.items) > 0
                ORDER BY m.month, m.id
              $$
            """
    }

    /// How many concerns in these stages the caller sees: from the kept counts for whoever sees
    /// every concern (as `wenti.concern_count()`), else counted from the rows they see. The
    /// feedback pane's "awaiting feedback" count scanned 100,000 rows at 1,000,000 (50 ms).
    static let stageCount = """
        CREATE FUNCTION wenti.stage_count(stages text[]) RETURNS bigint LANGUAGE plpgsql STABLE
          SET search_path = pg_catalog, pg_temp AS $$
          BEGIN
            IF wenti.sees_all() THEN
              RETURN (SELECT coalesce(sum(k.n), 0) FROM wenti.library_count k WHERE k.stage = ANY (stages));
            END IF;
            RETURN (SELECT count(*) FROM wenti.concern c WHERE c.stage = ANY (stages));
          END $$;
        REVOKE EXECUTE ON FUNCTION wenti.stage_count(text[]) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION wenti.stage_count(text[]) TO wenti_person
        """
}
