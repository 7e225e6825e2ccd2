/// The sealed identities on the server: their tables have no grant to anyone's role (so
/// `psql` reads nothing of them), and these SECURITY DEFINER functions are the only way in.
/// Reading an envelope is for political-work staff and is itself audited, with the purpose,
/// before anything is returned; writing one needs only that the caller sees the concern, so
/// that an intake by anyone can seal (encryption needs only the public keys).
enum ServerSealing {
    static let functions = """
        CREATE FUNCTION wenti.require_political_work() RETURNS void LANGUAGE plpgsql STABLE SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp
          AS $$ BEGIN
            IF NOT wenti.is_administrator() AND wenti.my_role() IS DISTINCT FROM 'political-work' THEN
              RAISE EXCEPTION 'only political-work staff reach sealed identities' USING ERRCODE = 'WT002';
            END IF;
          END $$;

        CREATE FUNCTION wenti.audit_sealed(actor text, action text, changes jsonb, at double precision) RETURNS void
          LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
          AS $$ INSERT INTO wenti.audit_log (at, actor_id, action, subject, changes)
                VALUES (at, actor, action, 'sealed-identities', changes) $$;

        CREATE FUNCTION wenti.seal_identity(code text, ciphertext bytea, bound boolean, holders text[], encapsulated bytea[], wrapped bytea[])
          RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
          AS $$ BEGIN
            -- The caller's own view of the concern (row-level security applies in here too).
            IF NOT EXISTS (SELECT 1 FROM wenti.concern c WHERE c.code = seal_identity.code AND c.anonymous) THEN
              RAISE EXCEPTION 'no anonymous concern % visible to seal an identity to', code USING ERRCODE = 'WT002';
            END IF;
            INSERT INTO wenti.identity_envelope VALUES (code, ciphertext, bound);
            INSERT INTO wenti.identity_key SELECT code, h, e, w FROM unnest(holders, encapsulated, wrapped) AS k(h, e, w);
          END $$;

        -- One concern's envelope, for opening it: audited with the purpose before it is returned.
        CREATE FUNCTION wenti.read_envelope(code text, purpose text, at double precision)
          RETURNS TABLE (ciphertext bytea, bound boolean, holder text, encapsulated bytea, wrapped bytea)
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
          AS $$
          #variable_conflict use_column
          BEGIN
            PERFORM wenti.require_political_work();
            PERFORM wenti.audit_sealed(coalesce(wenti.me(), session_user::text), 'read-sealed-envelope',
              jsonb_build_array(jsonb_build_object('field', code, 'old', '', 'new', purpose)), at);
            RETURN QUERY SELECT e.ciphertext, e.bound, k.holder, k.encapsulated, k.wrapped
              FROM wenti.identity_envelope e JOIN wenti.identity_key k ON k.concern_code = e.concern_code
              WHERE e.concern_code = read_envelope.code ORDER BY k.holder;
          END $$;

        -- Envelopes in concern order after a code, for giving a new holder access.
        CREATE FUNCTION wenti.read_envelopes(after_code text, max_rows int, purpose text, at double precision)
          RETURNS TABLE (code text, ciphertext bytea, bound boolean, holder text, encapsulated bytea, wrapped bytea)
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
          AS $$
          #variable_conflict use_column
          BEGIN
            PERFORM wenti.require_political_work();
            PERFORM wenti.audit_sealed(coalesce(wenti.me(), session_user::text), 'read-sealed-envelope',
              jsonb_build_array(jsonb_build_object('field', 'after ' || coalesce(after_code, ''), 'old', '', 'new', purpose)), at);
            RETURN QUERY WITH page AS (
                SELECT e.concern_code, e.ciphertext, e.bound FROM wenti.identity_envelope e
                WHERE after_code IS NULL OR e.concern_code > after_code ORDER BY e.concern_code LIMIT max_rows)
              SELECT p.concern_code, p.ciphertext, p.bound, k.holder, k.encapsulated, k.wrapped
              FROM page p JOIN wenti.identity_key k ON k.concern_code = p.concern_code ORDER BY p.concern_code, k.holder;
          END $$;

        -- Counts only (nothing sealed leaves the server, so nothing to audit): all envelopes,
        -- those not bound to their concern yet, and the wraps of each holder.
        CREATE FUNCTION wenti.envelope_counts() RETURNS TABLE (holder text, n bigint)
          LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
          AS $$ BEGIN
            PERFORM wenti.require_political_work();
            RETURN QUERY SELECT '*total', count(*) FROM wenti.identity_envelope
              UNION ALL SELECT '*unbound', count(*) FROM wenti.identity_envelope e WHERE NOT e.bound
              UNION ALL SELECT k.holder, count(*) FROM wenti.identity_key k GROUP BY k.holder;
          END $$;

        CREATE FUNCTION wenti.add_wraps(holder text, codes text[], encapsulated bytea[], wrapped bytea[]) RETURNS void
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
          AS $$
          #variable_conflict use_column
          BEGIN
            PERFORM wenti.require_political_work();
            INSERT INTO wenti.identity_key SELECT c, add_wraps.holder, e, w FROM unnest(codes, encapsulated, wrapped) AS k(c, e, w)
              ON CONFLICT (concern_code, holder) DO UPDATE SET encapsulated = EXCLUDED.encapsulated, wrapped = EXCLUDED.wrapped;
          END $$;

        -- An envelope sealed before the binding, sealed again bound to its concern by a holder
        -- who opened it (same data key, so every wrap stays valid). A bound one is never replaced.
        CREATE FUNCTION wenti.bind_envelopes(codes text[], ciphertexts bytea[]) RETURNS int
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
          AS $$
          DECLARE changed int;
          BEGIN
            PERFORM wenti.require_political_work();
            UPDATE wenti.identity_envelope e SET ciphertext = b.c, bound = true
              FROM unnest(codes, ciphertexts) AS b(code, c) WHERE e.concern_code = b.code AND NOT e.bound;
            GET DIAGNOSTICS changed = ROW_COUNT;
            RETURN changed;
          END $$;

        -- Adds a holder or replaces its key; a replaced key loses its wraps.
        CREATE FUNCTION wenti.register_holder(holder text, public_key bytea, added_at double precision) RETURNS void
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
          AS $$
          #variable_conflict use_column
          BEGIN
            PERFORM wenti.require_political_work();
            DELETE FROM wenti.identity_key k WHERE k.holder = register_holder.holder
              AND EXISTS (SELECT 1 FROM wenti.key_holder h WHERE h.holder = register_holder.holder AND h.public_key <> register_holder.public_key);
            INSERT INTO wenti.key_holder VALUES (holder, public_key, added_at)
              ON CONFLICT ON CONSTRAINT key_holder_pkey DO UPDATE SET public_key = EXCLUDED.public_key, added_at = EXCLUDED.added_at;
          END $$;

        CREATE FUNCTION wenti.remove_holder(holder text) RETURNS void
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
          AS $$
          #variable_conflict use_column
          BEGIN
            PERFORM wenti.require_political_work();
            DELETE FROM wenti.identity_key k WHERE k.holder = remove_holder.holder;
            DELETE FROM wenti.key_holder h WHERE h.holder = remove_holder.holder;
          END $$;
        """
}
