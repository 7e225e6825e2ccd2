/// Finding a word through the pieces index for a person, whom row-level security holds.
///
/// Under the policies PostgreSQL evaluates `wenti.grams(search_text) @> pieces` only after the
/// policy (the operator is not leakproof), row by row, so the pieces index is never used and
/// every rare word cost a scan of every concern the person sees (240–310 ms at 100,000).
///
/// `wenti.word_matches(word, cap)` asks the index instead. It runs as `wenti_search`, a role
/// that logs in as no one and bypasses row-level security, so the index can serve the query;
/// it then applies the very condition the read policy is made of (`ServerScope.concernVisible`,
/// keyed on `session_user`, which a SECURITY DEFINER function keeps), so it returns only codes
/// the caller could read anyway, and the statement that uses them is still under the policy.
/// When more than `cap` visible concerns hold the word it returns NULL: the word is common for
/// this person, and the plain scan finds it quickly (that says nothing a count could not).
enum ServerWordSearch {
    /// The most codes one call returns; a word with more is searched by the scan.
    static let cap = 10_000

    /// Migration v4. The role is made by the administrator (`ServerPolicies.roles`: only a
    /// superuser may make a role that bypasses row-level security); the function is made by
    /// the owner like everything else and handed to the role by the administrator.
    static let sql = """
        CREATE FUNCTION wenti.word_matches(word text, cap int) RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$
            SELECT CASE WHEN count(*) > cap THEN NULL ELSE coalesce(array_agg(code), '{}') END
            FROM (SELECT code FROM wenti.concern
                  WHERE wenti.grams(search_text) @> wenti.grams(word) AND strpos(search_text, word) > 0
                    AND \(ServerScope.concernVisible)
                  LIMIT cap + 1) found
          $$;
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
