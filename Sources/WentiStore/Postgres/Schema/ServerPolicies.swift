/// Roles, grants and row-level security: the server, not the client, decides what each
/// person's role sees and changes, so that `psql` under that role gets exactly what wenti
/// would show them.
///
/// - `wenti_owner` owns every object and logs in as no one. RLS is enabled and FORCED on
///   every table, so even the owner (and so every SECURITY DEFINER function) is held to the
///   policies, which judge by `session_user`; the few tables only functions write carry an
///   explicit policy for the owner.
/// - `wenti_person` carries the grants every person's login role needs; one group role per
///   wenti role (`wenti_political_work`, ...) records the role for administrators and tools.
/// - Superusers bypass RLS (PostgreSQL's rule): administrators only, never a person.
enum ServerPolicies {
    static let roleGroups = ["political-work": "wenti_political_work", "company-leader": "wenti_company_leader",
                             "department-head": "wenti_department_head", "team-leader": "wenti_team_leader",
                             "staff": "wenti_staff"]

    /// Cluster-wide, so made once per cluster whatever the database (run as the administrator).
    static var roles: String {
        // wenti_search owns wenti.word_matches only, and bypasses row-level security for it
        // (ServerWordSearch): nobody logs in as it or is made a member of it.
        let names = ["wenti_owner", "wenti_person"] + roleGroups.values.sorted()
        return (names.map { ($0, "NOLOGIN") } + [("wenti_search", "NOLOGIN BYPASSRLS")]).map { name, attributes in
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(name)') THEN CREATE ROLE \(name) \(attributes); END IF; END $$;"
        }.joined(separator: "\n")
    }

    static let tables = ["schema_migration", "setting", "unit", "person", "concern", "meeting", "notice", "practice", "id_counter",
                         "key_holder", "identity_envelope", "identity_key", "audit_log", "change_mark"]

    static var policies: String {
        let visible = ServerScope.concernVisible
        let managed = "(SELECT wenti.my_managed_units())::text[]"
        let role = "(SELECT wenti.my_role())"
        return tables.map { "ALTER TABLE wenti.\($0) ENABLE ROW LEVEL SECURITY; ALTER TABLE wenti.\($0) FORCE ROW LEVEL SECURITY;" }
            .joined(separator: "\n") + """

        -- The organisation is everyone's to read; only administrators change it.
        CREATE POLICY read_all ON wenti.schema_migration FOR SELECT USING (true);
        CREATE POLICY read_all ON wenti.setting FOR SELECT USING (true);
        CREATE POLICY read_all ON wenti.unit FOR SELECT USING (true);
        CREATE POLICY read_all ON wenti.person FOR SELECT USING (true);

        CREATE POLICY concern_read ON wenti.concern FOR SELECT USING \(visible);
        CREATE POLICY concern_take_in ON wenti.concern FOR INSERT WITH CHECK \(ServerScope.mayTakeIn);
        -- What a person may change they must see before and after (an escalated concern stays
        -- visible to the library it left); the guard trigger judges the change itself.
        CREATE POLICY concern_change ON wenti.concern FOR UPDATE USING \(visible) WITH CHECK \(visible);

        -- A meeting is its unit's record, read by the library owners above it and by those who
        -- see everything. (Row-level: an agenda also names concerns a reader may not see, so a
        -- reader of concerns on it is not enough; the session narrows the items further.)
        CREATE POLICY meeting_read ON wenti.meeting FOR SELECT USING ((SELECT wenti.sees_all())
          OR unit_id = ANY ((SELECT wenti.my_libraries())::text[]) OR unit_id = ANY (\(managed)));
        -- Anyone else reads a meeting through wenti.meetings_seen(): the items on concerns they
        -- see, of any meeting that has one (the permission table's rule), and nothing of the rest.
        -- It runs as the owner, who therefore reads every meeting; its reads of concerns keep the
        -- caller's scope, since concern_read is keyed on session_user.
        CREATE POLICY owner_reads ON wenti.meeting FOR SELECT TO wenti_owner USING (true);
        CREATE FUNCTION wenti.meetings_seen() RETURNS TABLE (doc text) LANGUAGE sql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$
            SELECT (CASE WHEN m.everything THEN m.doc ELSE jsonb_set(m.doc, '{items}', m.items) END)::text
            FROM (
              SELECT x.doc, x.month, x.id, (SELECT wenti.sees_all()) AS everything,
                x.unit_id = ANY ((SELECT wenti.my_libraries())::text[]) OR x.unit_id = ANY (\(managed)) AS owned,
                coalesce((SELECT jsonb_agg(i ORDER BY n) FROM jsonb_array_elements(x.doc->'items') WITH ORDINALITY AS e(i, n)
                          WHERE EXISTS (SELECT 1 FROM wenti.concern c WHERE c.code = i->>'concern')), '[]'::jsonb) AS items
              FROM wenti.meeting x) m
            WHERE m.everything OR m.owned OR jsonb_array_length(m.items) > 0
            ORDER BY m.month, m.id
          $$;
        CREATE POLICY meeting_prepare ON wenti.meeting FOR INSERT WITH CHECK (\(role) = 'political-work' OR unit_id = ANY (\(managed)));
        CREATE POLICY meeting_change ON wenti.meeting FOR UPDATE
          USING (\(role) = 'political-work' OR unit_id = ANY (\(managed)))
          WITH CHECK (\(role) = 'political-work' OR unit_id = ANY (\(managed)));

        CREATE POLICY notice_read ON wenti.notice FOR SELECT USING (
          EXISTS (SELECT 1 FROM wenti.concern c WHERE c.code = concern_code)
          OR to_person_id = (SELECT wenti.me()) OR to_unit_id = ANY (\(managed)));
        CREATE POLICY notice_issue ON wenti.notice FOR INSERT WITH CHECK (\(role) = 'political-work');
        CREATE POLICY notice_change ON wenti.notice FOR UPDATE
          USING (\(role) = 'political-work' OR to_person_id = (SELECT wenti.me()) OR to_unit_id = ANY (\(managed)))
          WITH CHECK (\(role) = 'political-work' OR to_person_id = (SELECT wenti.me()) OR to_unit_id = ANY (\(managed)));

        CREATE POLICY practice_read ON wenti.practice FOR SELECT USING ((SELECT wenti.me()) IS NOT NULL);
        CREATE POLICY practice_write ON wenti.practice FOR INSERT
          WITH CHECK (\(role) IN ('political-work','company-leader','department-head','team-leader'));

        CREATE POLICY audit_read ON wenti.audit_log FOR SELECT USING (\(role) = 'political-work'
          OR (subject <> 'sealed-identities' AND (subject !~ '^Q-' OR EXISTS (SELECT 1 FROM wenti.concern c WHERE c.code = subject))));
        CREATE POLICY audit_append ON wenti.audit_log FOR INSERT WITH CHECK (actor_id = (SELECT wenti.me()));

        CREATE POLICY read_all ON wenti.key_holder FOR SELECT USING (true);
        CREATE POLICY read_all ON wenti.change_mark FOR SELECT USING (true);

        -- Written only by wenti's own functions, which run as the owner.
        CREATE POLICY owner_only ON wenti.schema_migration TO wenti_owner USING (true) WITH CHECK (true);
        CREATE POLICY owner_only ON wenti.id_counter TO wenti_owner USING (true) WITH CHECK (true);
        CREATE POLICY owner_only ON wenti.change_mark TO wenti_owner USING (true) WITH CHECK (true);
        CREATE POLICY owner_only ON wenti.key_holder TO wenti_owner USING (true) WITH CHECK (true);
        CREATE POLICY owner_only ON wenti.identity_envelope TO wenti_owner USING (true) WITH CHECK (true);
        CREATE POLICY owner_only ON wenti.identity_key TO wenti_owner USING (true) WITH CHECK (true);
        CREATE POLICY owner_appends ON wenti.audit_log FOR INSERT TO wenti_owner WITH CHECK (true);
        -- For wenti.require_audit(), which looks for the entry of a change at commit.
        CREATE POLICY owner_reads ON wenti.audit_log FOR SELECT TO wenti_owner USING (true);
        """
    }

    /// Ids allocated inside the insert: a counter row per kind and year, locked by the
    /// update until the transaction ends, so two writers never get the same number.
    static let counters = """
        CREATE FUNCTION wenti.next_id(kind text, year int) RETURNS int LANGUAGE sql SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ INSERT INTO wenti.id_counter VALUES (kind, year, 1)
                ON CONFLICT (kind, year) DO UPDATE SET last = wenti.id_counter.last + 1 RETURNING last $$;
        -- A record inserted with its own number (a seed, an import) moves the counter past it.
        CREATE FUNCTION wenti.reserve_id(kind text, year int, n int) RETURNS void LANGUAGE sql SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ INSERT INTO wenti.id_counter VALUES (kind, year, n)
                ON CONFLICT (kind, year) DO UPDATE SET last = greatest(wenti.id_counter.last, EXCLUDED.last) $$;
        """

    static let grants = """
        REVOKE ALL ON SCHEMA wenti FROM PUBLIC;
        GRANT USAGE ON SCHEMA wenti TO wenti_person;
        REVOKE ALL ON ALL TABLES IN SCHEMA wenti FROM PUBLIC;
        REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA wenti FROM PUBLIC;
        GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA wenti TO wenti_person;
        GRANT SELECT ON wenti.schema_migration, wenti.setting, wenti.unit, wenti.person, wenti.key_holder, wenti.change_mark TO wenti_person;
        GRANT SELECT, INSERT, UPDATE ON wenti.concern, wenti.meeting, wenti.notice TO wenti_person;
        GRANT SELECT, INSERT ON wenti.practice, wenti.audit_log TO wenti_person;
        """
}
