/// Who the connected person is and what they reach, as the server judges it: the
/// permission table's reaches (`Permissions`, `AccessPolicy.scope`) in SQL, keyed on
/// `session_user`, which only a superuser can change (it survives `SET ROLE`, SECURITY
/// DEFINER and `set_config`, unlike any setting a client could write itself).
///
/// SECURITY DEFINER (they read `person` and `unit` whatever the caller may read) with a fixed
/// search_path, and callable by wenti's people only.
enum ServerScope {
    static let functions = """
        CREATE FUNCTION wenti.me() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ SELECT id FROM wenti.person WHERE login = session_user::text $$;
        CREATE FUNCTION wenti.my_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ SELECT role FROM wenti.person WHERE login = session_user::text $$;
        CREATE FUNCTION wenti.my_unit() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ SELECT unit_id FROM wenti.person WHERE login = session_user::text $$;
        -- An administrator (a superuser: the one who ran server init or import) is no person;
        -- the triggers let such a session write history as the people who made it.
        CREATE FUNCTION wenti.is_administrator() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ SELECT coalesce((SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user), false) $$;
        CREATE FUNCTION wenti.subtree(root text) RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ WITH RECURSIVE t(id) AS (SELECT root UNION SELECT u.id FROM wenti.unit u JOIN t ON u.parent_id = t.id)
                SELECT coalesce(array_agg(id), '{}') FROM t $$;
        -- AccessPolicy.scope: who sees every concern...
        CREATE FUNCTION wenti.sees_all() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ SELECT coalesce(wenti.my_role() IN ('political-work','company-leader'), false) $$;
        -- ...the libraries (and what left them upwards)...
        CREATE FUNCTION wenti.my_libraries() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ SELECT CASE wenti.my_role() WHEN 'department-head' THEN wenti.subtree(wenti.my_unit())
                        WHEN 'team-leader' THEN ARRAY[wenti.my_unit()] ELSE '{}'::text[] END $$;
        -- ...what is referred to the department...
        CREATE FUNCTION wenti.my_referrals() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ SELECT CASE wenti.my_role() WHEN 'department-head' THEN ARRAY[wenti.my_unit()] ELSE '{}'::text[] END $$;
        -- ...and what the units are the responsible department of.
        CREATE FUNCTION wenti.my_responsible_units() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ SELECT CASE wenti.my_role() WHEN 'department-head' THEN wenti.subtree(wenti.my_unit())
                        WHEN 'team-leader' THEN ARRAY[wenti.my_unit()] ELSE '{}'::text[] END $$;
        -- Permissions.managedUnits: the libraries a person owns (Reach.managed).
        CREATE FUNCTION wenti.my_managed_units() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ SELECT CASE wenti.my_role()
                  WHEN 'political-work' THEN (SELECT array_agg(id) FROM wenti.unit)
                  WHEN 'company-leader' THEN (SELECT array_agg(id) FROM wenti.unit WHERE kind = 'company')
                  WHEN 'department-head' THEN wenti.subtree(wenti.my_unit())
                  WHEN 'team-leader' THEN (SELECT array_agg(id) FROM wenti.unit WHERE id = wenti.my_unit() AND kind = 'team')
                  ELSE '{}'::text[] END $$;
        """

    /// `ConcernScope.contains` over a row of `wenti.concern` (unqualified column names): the
    /// same five ways in. Each function is wrapped in a sub-select so that it runs once per
    /// statement, not once per row. An administrator's session sees everything here too: a
    /// superuser bypasses row-level security, except inside wenti's SECURITY DEFINER
    /// functions, which run as the owner.
    static let concernVisible = """
        ((SELECT wenti.sees_all()) OR (SELECT wenti.is_administrator())
         OR unit_id = ANY ((SELECT wenti.my_libraries())::text[])
         OR escalated_from && (SELECT wenti.my_libraries())
         OR (stage = 'referred' AND referral_unit_id = ANY ((SELECT wenti.my_referrals())::text[]))
         OR responsible_unit_id = ANY ((SELECT wenti.my_responsible_units())::text[])
         OR finder_id = (SELECT wenti.me()) OR reporter_id = (SELECT wenti.me()) OR first_responsible_id = (SELECT wenti.me()))
        """

    /// The permission table's intake reaches: political-work staff and company leaders into
    /// any library, the library owners into theirs, an employee into their own unit's.
    static let mayTakeIn = """
        ((SELECT wenti.my_role()) IN ('political-work','company-leader')
         OR ((SELECT wenti.my_role()) IN ('department-head','team-leader') AND unit_id = ANY ((SELECT wenti.my_managed_units())::text[]))
         OR ((SELECT wenti.my_role()) = 'staff' AND unit_id = (SELECT wenti.my_unit())))
        """
}
