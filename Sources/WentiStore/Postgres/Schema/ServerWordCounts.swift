/// Migration v6: how many concerns hold each one- and two-character word, kept on the server.
///
/// A word common for the person asking (more holders than `ServerWordSearch.cap`) was known
/// to be common only by gathering 10,001 of its holders: 23–49 ms for 员 at 1,000,000
/// concerns, and an uncapped count (`wenti list --text 员 --count`) scanned every concern
/// (0.74–0.89 s). The kept count answers both at once.
///
/// `wenti.gram_count` holds, for every piece `wenti.grams` makes (each character and each
/// pair of neighbouring characters, white space left out), the number of concerns whose
/// searched text holds it. For a word of one or two characters without white space, holding
/// the piece is exactly holding the word (`strpos` finds it), so the count is exact. It is
/// kept by statement triggers on `wenti.concern`, as the library counts are: an insert adds
/// its rows' pieces, an update only those of rows whose searched text changed (most updates
/// change a stage, not a text), a delete takes its rows' away. The cost is computing the
/// pieces once more per written text (about 70 µs a concern): `wenti server import` of
/// 100,000 concerns took 54–60 s before and 69–82 s with the triggers, and an edit of one
/// concern's title 3 ms more.
///
/// Who reads it: only those who see every concern (`wenti.sees_all()`), for whom the
/// organisation's count is the count of what they see; anyone else's words are searched and
/// counted over the rows they see, as before, and the table shows them nothing (it would
/// tell them how many concerns they may not read hold a word).
enum ServerWordCounts {
    static var sql: String { table + ";\n" + wordCount + ";\n" + wordMatches }

    static let table = """
        CREATE TABLE wenti.gram_count (
          gram text PRIMARY KEY,
          n bigint NOT NULL
        );
        -- In key order, so that two writers lock the rows they share in the same order (they
        -- wait rather than deadlock). A row that falls to zero stays, as in wenti.library_count.
        CREATE FUNCTION wenti.gram_count_apply() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp AS $$
          BEGIN
            IF TG_OP = 'INSERT' THEN
              INSERT INTO wenti.gram_count AS k
                SELECT g, count(*) FROM new_rows r, unnest(wenti.grams(r.search_text)) g GROUP BY 1 ORDER BY 1
                ON CONFLICT (gram) DO UPDATE SET n = k.n + EXCLUDED.n;
            ELSIF TG_OP = 'UPDATE' THEN
              INSERT INTO wenti.gram_count AS k
                SELECT g, sum(d) FROM (
                  SELECT unnest(wenti.grams(r.search_text)) g, 1 d FROM new_rows r JOIN old_rows o ON o.id = r.id
                    WHERE r.search_text IS DISTINCT FROM o.search_text
                  UNION ALL
                  SELECT unnest(wenti.grams(o.search_text)), -1 FROM new_rows r JOIN old_rows o ON o.id = r.id
                    WHERE r.search_text IS DISTINCT FROM o.search_text) changed
                GROUP BY 1 HAVING sum(d) <> 0 ORDER BY 1
                ON CONFLICT (gram) DO UPDATE SET n = k.n + EXCLUDED.n;
            ELSE
              INSERT INTO wenti.gram_count AS k
                SELECT g, -count(*) FROM old_rows r, unnest(wenti.grams(r.search_text)) g GROUP BY 1 ORDER BY 1
                ON CONFLICT (gram) DO UPDATE SET n = k.n + EXCLUDED.n;
            END IF;
            RETURN NULL;
          END $$;
        CREATE TRIGGER gram_count_insert AFTER INSERT ON wenti.concern REFERENCING NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION wenti.gram_count_apply();
        CREATE TRIGGER gram_count_update AFTER UPDATE ON wenti.concern REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION wenti.gram_count_apply();
        CREATE TRIGGER gram_count_delete AFTER DELETE ON wenti.concern REFERENCING OLD TABLE AS old_rows
          FOR EACH STATEMENT EXECUTE FUNCTION wenti.gram_count_apply();
        -- A workspace made before this version: counted once from its rows (about 8 s per
        -- 100,000 concerns).
        INSERT INTO wenti.gram_count SELECT g, count(*) FROM wenti.concern, unnest(wenti.grams(search_text)) g GROUP BY 1;

        ALTER TABLE wenti.gram_count ENABLE ROW LEVEL SECURITY;
        ALTER TABLE wenti.gram_count FORCE ROW LEVEL SECURITY;
        CREATE POLICY owner_only ON wenti.gram_count TO wenti_owner USING (true) WITH CHECK (true);
        CREATE POLICY counts_read ON wenti.gram_count FOR SELECT USING ((SELECT wenti.sees_all()));
        GRANT SELECT ON wenti.gram_count TO wenti_person;
        REVOKE EXECUTE ON FUNCTION wenti.gram_count_apply() FROM PUBLIC
        """

    /// `wenti.word_count(word)`: how many concerns hold a word of one or two characters, for
    /// whoever sees every concern; NULL for anyone else and for any other word (the caller
    /// then counts the rows, as before).
    static let wordCount = """
        CREATE FUNCTION wenti.word_count(word text) RETURNS bigint LANGUAGE plpgsql STABLE
          SET search_path = pg_catalog, pg_temp AS $$
          BEGIN
            IF length(word) NOT BETWEEN 1 AND 2 OR word ~ '[[:space:]]' OR NOT wenti.sees_all() THEN
              RETURN NULL;
            END IF;
            RETURN coalesce((SELECT k.n FROM wenti.gram_count k WHERE k.gram = word), 0);
          END $$;
        REVOKE EXECUTE ON FUNCTION wenti.word_count(text) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION wenti.word_count(text) TO wenti_person
        """

    /// `wenti.word_matches` (v4, `ServerWordSearch`) asks the kept count first: a word with
    /// more holders than the cap, or dense enough that a scan meets a page of them at once, is
    /// left to the scan without gathering any of them (its count is the kept count), and one
    /// held nowhere is answered without a look. Replaced by the administrator (the function
    /// belongs to `wenti_search`, and replacing it keeps its owner and grants). The gathering
    /// below repeats v4's on purpose: a released migration's text is never edited, so v4 keeps
    /// its own copy and this one replaces the function whole.
    static var wordMatches: String {
        let visible = ServerScope.concernVisible
        let probe = ServerWordSearch.probe
        return """
            RESET ROLE;
            GRANT SELECT ON wenti.gram_count, wenti.library_count TO wenti_search;
            GRANT EXECUTE ON FUNCTION wenti.word_count(text) TO wenti_search;
            CREATE OR REPLACE FUNCTION wenti.word_matches(word text, cap int) RETURNS text[] LANGUAGE plpgsql STABLE SECURITY DEFINER
              SET search_path = pg_catalog, pg_temp SET work_mem = '64MB'
              AS $$
              DECLARE
                kept bigint := wenti.word_count(word);
                among_first int;
                found text[];
              BEGIN
                -- More holders than the cap, or so many that the plain scan meets a page of them
                -- sooner than the index gathers them all (kept² > 100 × concerns: from about
                -- 1,000 holders of 10,000 concerns, 3,200 of 100,000; 补 in 8,433 of 100,000
                -- took 50 ms a key gathered, 10 scanned). The caller counts from the kept count.
                IF kept > cap OR kept * kept > 100 * (SELECT sum(k.n) FROM wenti.library_count k) THEN RETURN NULL; END IF;
                IF kept = 0 THEN RETURN '{}'; END IF;
                -- Not kept for this word or this caller, or at most the cap: gathered as in v4.
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
            SET LOCAL ROLE wenti_owner
            """
    }
}
