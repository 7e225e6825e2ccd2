/// Migration v7: how many concerns are overdue today, from the kept library counts.
///
/// The supervision pane counts the overdue concerns (`ConcernQuery.overdueOnly` and nothing
/// else). Counted from the rows, with the pane's cap, that took 58 ms at 1,000,000 concerns;
/// `wenti.library_count` already keeps every running deadline (`ServerLibraryCounts`), so for
/// whoever sees every concern the count is a sum over a few hundred rows, exactly what the
/// tree's overdue figures add up to.
enum ServerOverdueCount {
    /// NULL for anyone who does not see every concern: the caller counts the rows they see.
    static let sql = """
        CREATE FUNCTION wenti.overdue_count(today int) RETURNS bigint LANGUAGE plpgsql STABLE
          SET search_path = pg_catalog, pg_temp AS $$
          BEGIN
            IF NOT wenti.sees_all() THEN RETURN NULL; END IF;
            RETURN (SELECT coalesce(sum(k.n), 0) FROM wenti.library_count k WHERE k.due_on >= 0 AND k.due_on < today);
          END $$;
        REVOKE EXECUTE ON FUNCTION wenti.overdue_count(int) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION wenti.overdue_count(int) TO wenti_person
        """
}
