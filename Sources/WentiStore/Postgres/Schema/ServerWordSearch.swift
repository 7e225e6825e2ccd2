/// Finding a word through the pieces index for a person, whom row-level security holds.
///
/// Under the policies PostgreSQL evaluates `wenti.grams(search_text) @> pieces` only after the
/// policy (the operator is not leakproof), row by row, so the pieces index is never used and
/// every rare word cost a scan of every concern the person sees (240–310 ms at 100,000).
///
/// `wenti.word_matches(word, cap)` asks the index instead (or, for a word in half of the first
/// concerns the caller sees, a scan, which meets a common word's concerns at once). It runs as
/// `wenti_search`, a role that logs in as no one and bypasses row-level security, so the index
/// can serve the query; it then applies the very condition the read policy is made of
/// (`ServerScope.concernVisible`, keyed on `session_user`, which a SECURITY DEFINER function
/// keeps), so it returns only codes the caller could read anyway, and the statement that uses
/// them is still under the policy.
/// When more than `cap` visible concerns hold the word it returns NULL: the word is common for
/// this person, and the plain scan finds it quickly (that says nothing a count could not).
/// Since v6 (`ServerWordCounts`) the function first asks the kept count of a word of one or
/// two characters, for whoever sees every concern.
enum ServerWordSearch {
    /// The most codes one call returns; a word with more is searched by the scan.
    static let cap = 10_000
    /// How many of the concerns the caller sees first are looked at, at most, to tell a common
    /// word (as many as the cap when it is smaller, as a test's is).
    static let probe = 200
    private static let visible = ServerScope.concernVisible

    /// Migration v4. The role is made by the administrator (`ServerPolicies.roles`: only a
    /// superuser may make a role that bypasses row-level security); the function is made by
    /// the owner like everything else and handed to the role by the administrator.
    static let sql = """
        -- work_mem: the index's bitmap of a word in 84,000 concerns of 1,000,000 overflows the
        -- default 4 MB and turns lossy, and every row of a lossy page is checked by computing
        -- its pieces again (1.8 s instead of 0.06).
        CREATE FUNCTION wenti.word_matches(word text, cap int) RETURNS text[] LANGUAGE plpgsql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp SET work_mem = '64MB'
          AS $$
          DECLARE
            among_first int;
            found text[];
          BEGIN
            -- A word in half of the first concerns the caller sees (as many as the cap, at most
            -- \(probe)) is common: a scan meets its cap + 1 concerns at once, where the index would
            -- first gather every one of them (36 ms for a word in every concern of 100,000,
            -- against 12). Either way the answer is exact.
            SELECT count(*) INTO among_first
              FROM (SELECT search_text FROM wenti.concern WHERE \(visible) LIMIT least(cap, \(probe))) first_seen
              WHERE strpos(first_seen.search_text, word) > 0;
            IF among_first > 0 AND among_first * 2 >= least(cap, \(probe)) THEN
              SELECT array_agg(code) INTO found
                FROM (SELECT code FROM wenti.concern WHERE strpos(search_text, word) > 0 AND \(visible) LIMIT cap + 1) scanned;
            ELSE
              SELECT array_agg(code) INTO found
                FROM (SELECT code FROM wenti.concern
                      WHERE wenti.grams(search_text) @> wenti.grams(word) AND strpos(search_text, word) > 0 AND \(visible)
                      LIMIT cap + 1) indexed;
            END IF;
            IF coalesce(array_length(found, 1), 0) > cap THEN RETURN NULL; END IF;
            RETURN coalesce(found, '{}');
          END $$;
        REVOKE EXECUTE ON FUNCTION wenti.word_matches(text, int) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION wenti.word_matches(text, int) TO wenti_person;
        RESET ROLE;
        GRANT USAGE ON SCHEMA wenti TO wenti_search;
        GRANT SELECT ON wenti.concern TO wenti_search;
        GRANT EXECUTE ON FUNCTION wenti.grams(text), wenti.me(), wenti.sees_all(), wenti.is_administrator(),
          wenti.my_libraries(), wenti.my_referrals(), wenti.my_responsible_units() TO wenti_search;
        ALTER FUNCTION wenti.word_matches(text, int) OWNER TO wenti_search;
        SET LOCAL ROLE wenti_owner
        """
}
