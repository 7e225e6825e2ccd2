/// The shared mode's tables (schema `wenti`), created by `wenti server init` as the owner role.
///
/// Every record is kept as the JSON document of its domain value (`doc`), the one truth;
/// the columns that filters, sorts, policies and constraints need are GENERATED from it, so a
/// client that writes with plain SQL cannot make a column say something the document does
/// not. The workflow's invariants are CHECKs on those columns, as in the SQLite schema.
enum ServerTables {
    static let stages = "'found','analysing','defined','solving','awaiting-feedback','closed','referred','watch'"
    static let grades = "'urgent','major','general','budding'"
    static let channels = "'go-down-visit','hearing','evaluation-meeting','retiree-briefing','rewarded-campaign','leader-visit','hotline','other'"
    static let roles = "'political-work','company-leader','department-head','team-leader','staff'"

    /// A concern's source as one text, "kind:id" (`ConcernSource`), from its document column:
    /// the source index and the filter write it alike, so the index is used.
    static func sourceKey(_ doc: String) -> String {
        "(\(doc) #>> '{source,kind}') || ':' || (\(doc) #>> '{source,id}')"
    }

    /// Pure functions the generated columns and indexes are built from. IMMUTABLE, because a
    /// generated column or index may only use such functions; each one reads its argument only.
    static let pureFunctions = """
        -- A day as wenti counts it (Day.ordinal: days since 1970-01-01), from its ISO text.
        CREATE FUNCTION wenti.day(text) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $$ SELECT ($1::date - DATE '1970-01-01') $$;
        -- The libraries a concern left upwards, in order.
        CREATE FUNCTION wenti.escalated_from(jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $$ SELECT coalesce(array_agg(e->>'fromUnitID' ORDER BY n), '{}') FROM jsonb_array_elements(coalesce($1, '[]')) WITH ORDINALITY AS x(e, n) $$;
        -- Every escalation goes exactly one tier up.
        CREATE FUNCTION wenti.escalations_step_up(jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $$ SELECT coalesce(bool_and((e->>'toTier')::int = (e->>'fromTier')::int + 1), true) FROM jsonb_array_elements(coalesce($1, '[]')) e $$;
        -- The concerns a meeting's agenda names.
        CREATE FUNCTION wenti.agenda_codes(jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $$ SELECT coalesce(array_agg(i->>'concern'), '{}') FROM jsonb_array_elements(coalesce($1, '[]')) i $$;
        -- Every one- and two-character piece of a text without white space: the GIN index over
        -- it finds Chinese words of any length (a word's pieces must all be there, then the
        -- text is checked), where trigrams would miss the one- and two-character words.
        CREATE FUNCTION wenti.grams(text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $$ SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
                  SELECT substr($1, i, 1) AS g FROM generate_series(1, length($1)) i
                  UNION ALL SELECT substr($1, i, 2) FROM generate_series(1, length($1) - 1) i) pieces
                WHERE g !~ '[[:space:]]' $$;
        """

    static let tables = """
        CREATE TABLE wenti.setting (
          key text PRIMARY KEY,
          value jsonb NOT NULL
        );
        CREATE TABLE wenti.unit (
          id text PRIMARY KEY CHECK (length(id) > 0),
          name text NOT NULL CHECK (length(btrim(name)) > 0),
          kind text NOT NULL CHECK (kind IN ('company','department','team')),
          parent_id text REFERENCES wenti.unit(id),
          position int NOT NULL,
          -- short names people use for it (运检部 for 运维检修部)
          aliases text[] NOT NULL DEFAULT '{}',
          CHECK ((kind = 'company') = (parent_id IS NULL))
        );
        CREATE TABLE wenti.person (
          id text PRIMARY KEY CHECK (length(id) > 0),
          name text NOT NULL CHECK (length(btrim(name)) > 0),
          role text NOT NULL CHECK (role IN (\(roles))),
          unit_id text NOT NULL REFERENCES wenti.unit(id),
          -- the database role that is this person (session_user), at most one person each
          login text UNIQUE CHECK (login IS NULL OR length(login) > 0)
        );
        CREATE TABLE wenti.concern (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          doc jsonb NOT NULL,
          code text GENERATED ALWAYS AS (doc->>'code') STORED NOT NULL UNIQUE,
          version int GENERATED ALWAYS AS ((doc->>'version')::int) STORED NOT NULL CHECK (version >= 1),
          title text GENERATED ALWAYS AS (doc->>'title') STORED NOT NULL CHECK (length(btrim(title)) > 0),
          unit_id text GENERATED ALWAYS AS (doc->>'unitID') STORED NOT NULL REFERENCES wenti.unit(id),
          tier int GENERATED ALWAYS AS ((doc->>'tier')::int) STORED NOT NULL CHECK (tier IN (1, 2, 3)),
          stage text GENERATED ALWAYS AS (doc->>'stage') STORED NOT NULL CHECK (stage IN (\(stages))),
          grade text GENERATED ALWAYS AS (doc->>'grade') STORED CHECK (grade IN (\(grades))),
          -- sort keys: most pressing grade first (ungraded last), stages in the order of the flow
          grade_rank int GENERATED ALWAYS AS (CASE doc->>'grade' WHEN 'urgent' THEN 1 WHEN 'major' THEN 2
            WHEN 'general' THEN 3 WHEN 'budding' THEN 4 ELSE 9 END) STORED NOT NULL,
          stage_rank int GENERATED ALWAYS AS (CASE doc->>'stage' WHEN 'found' THEN 1 WHEN 'analysing' THEN 2
            WHEN 'defined' THEN 3 WHEN 'watch' THEN 4 WHEN 'solving' THEN 5 WHEN 'awaiting-feedback' THEN 6
            WHEN 'referred' THEN 7 ELSE 8 END) STORED NOT NULL,
          category_id text GENERATED ALWAYS AS (doc->>'categoryID') STORED NOT NULL,
          channel text GENERATED ALWAYS AS (doc->>'channel') STORED NOT NULL CHECK (channel IN (\(channels))),
          finder_id text GENERATED ALWAYS AS (doc->>'finderID') STORED REFERENCES wenti.person(id),
          reporter_id text GENERATED ALWAYS AS (doc #>> '{reporter,named,personID}') STORED REFERENCES wenti.person(id),
          reporter_name text GENERATED ALWAYS AS (doc #>> '{reporter,named,name}') STORED,
          anonymous boolean GENERATED ALWAYS AS ((doc->'reporter') ? 'anonymous') STORED NOT NULL,
          first_responsible_id text GENERATED ALWAYS AS (doc->>'firstResponsibleID') STORED REFERENCES wenti.person(id),
          responsible_unit_id text GENERATED ALWAYS AS (doc->>'responsibleUnitID') STORED REFERENCES wenti.unit(id),
          referral_unit_id text GENERATED ALWAYS AS (doc #>> '{referral,toUnitID}') STORED REFERENCES wenti.unit(id),
          referral_on int GENERATED ALWAYS AS (wenti.day(doc #>> '{referral,on}')) STORED,
          reported_on int GENERATED ALWAYS AS (wenti.day(doc->>'reportedOn')) STORED NOT NULL,
          deadline int GENERATED ALWAYS AS (wenti.day(doc->>'deadline')) STORED,
          next_review int GENERATED ALWAYS AS (wenti.day(doc->>'nextReview')) STORED,
          paused_days int GENERATED ALWAYS AS ((doc->>'pausedDays')::int) STORED NOT NULL CHECK (paused_days >= 0),
          paused_since int GENERATED ALWAYS AS (wenti.day(doc->>'pausedSince')) STORED,
          -- the deadline with paused days added back: what "overdue" compares with
          due_on int GENERATED ALWAYS AS (wenti.day(doc->>'deadline') + (doc->>'pausedDays')::int) STORED,
          solved_on int GENERATED ALWAYS AS (wenti.day(doc->>'solvedOn')) STORED,
          closed_on int GENERATED ALWAYS AS (wenti.day(doc->>'closedOn')) STORED,
          closure text GENERATED ALWAYS AS (CASE WHEN (doc->'closure') ? 'withFeedback' THEN 'with-feedback'
            WHEN (doc->'closure') ? 'withoutFeedback' THEN 'without-feedback' END) STORED,
          batch_group text GENERATED ALWAYS AS (doc #>> '{processing,batch,group}') STORED,
          escalated_from text[] GENERATED ALWAYS AS (wenti.escalated_from(doc->'escalations')) STORED NOT NULL,
          -- where it was taken in: the first library it left, else the one holding it
          found_in text GENERATED ALWAYS AS (coalesce(doc #>> '{escalations,0,fromUnitID}', doc->>'unitID')) STORED NOT NULL,
          updated_by text GENERATED ALWAYS AS (doc->>'updatedByID') STORED NOT NULL REFERENCES wenti.person(id),
          -- the four searched texts, lower-cased, kept apart by a separator no word contains
          search_text text GENERATED ALWAYS AS (lower(coalesce(doc->>'title', '') || E'\\n\\n' || coalesce(doc->>'description', '')
            || E'\\n\\n' || coalesce(doc #>> '{analysis,rootCause}', '') || E'\\n\\n' || coalesce(doc->>'plan', ''))) STORED NOT NULL,
          -- an identity is stored sealed only (in identity_envelope), never in the document
          CHECK (NOT coalesce((doc #> '{reporter,anonymous,sealedIdentity}') ? 'toSeal', false)),
          CHECK ((channel = 'rewarded-campaign') = (doc #>> '{source,kind}' IS NOT DISTINCT FROM 'campaign')),
          CHECK ((channel = 'leader-visit') = (doc #>> '{source,kind}' IS NOT DISTINCT FROM 'leader-visit')),
          CHECK ((stage = 'closed') = (closure IS NOT NULL)),
          CHECK (closure IS DISTINCT FROM 'without-feedback' OR length(btrim(coalesce(doc #>> '{closure,withoutFeedback,reason}', ''))) > 0),
          CHECK (stage NOT IN ('solving','awaiting-feedback')
            OR (grade IS NOT NULL AND first_responsible_id IS NOT NULL AND length(btrim(coalesce(doc->>'plan', ''))) > 0)),
          CHECK (stage <> 'referred' OR (referral_unit_id IS NOT NULL AND length(btrim(coalesce(doc #>> '{referral,explanation}', ''))) > 0)),
          CHECK (wenti.escalations_step_up(doc->'escalations'))
        );
        CREATE INDEX concern_unit ON wenti.concern (unit_id, id);
        CREATE INDEX concern_tier ON wenti.concern (tier, id);
        CREATE INDEX concern_stage_due ON wenti.concern (stage, due_on);
        CREATE INDEX concern_grade ON wenti.concern (grade_rank, id);
        CREATE INDEX concern_stage ON wenti.concern (stage_rank, id);
        CREATE INDEX concern_category ON wenti.concern (category_id, id);
        CREATE INDEX concern_responsible ON wenti.concern (first_responsible_id, id);
        CREATE INDEX concern_responsible_unit ON wenti.concern (responsible_unit_id);
        CREATE INDEX concern_finder ON wenti.concern (finder_id);
        CREATE INDEX concern_reporter ON wenti.concern (reporter_id);
        CREATE INDEX concern_escalated_from ON wenti.concern USING gin (escalated_from);
        CREATE INDEX concern_running_due ON wenti.concern (due_on, unit_id)
          WHERE stage IN ('defined','solving') AND paused_since IS NULL;
        CREATE INDEX concern_grams ON wenti.concern USING gin (wenti.grams(search_text));

        CREATE TABLE wenti.meeting (
          id text PRIMARY KEY,
          doc jsonb NOT NULL,
          unit_id text GENERATED ALWAYS AS (doc->>'unitID') STORED NOT NULL REFERENCES wenti.unit(id),
          month text GENERATED ALWAYS AS (doc->>'month') STORED NOT NULL CHECK (month ~ '^[0-9]{4}-[01][0-9]$'),
          state text GENERATED ALWAYS AS (doc->>'state') STORED NOT NULL CHECK (state IN ('planned','held')),
          held_on int GENERATED ALWAYS AS (wenti.day(doc->>'heldOn')) STORED,
          agenda text[] GENERATED ALWAYS AS (wenti.agenda_codes(doc->'items')) STORED NOT NULL,
          CHECK (doc->>'id' = id),
          CHECK (state = 'planned' OR held_on IS NOT NULL)
        );
        CREATE INDEX meeting_agenda ON wenti.meeting USING gin (agenda);
        CREATE TABLE wenti.notice (
          id text PRIMARY KEY,
          doc jsonb NOT NULL,
          concern_code text GENERATED ALWAYS AS (doc->>'concern') STORED NOT NULL REFERENCES wenti.concern(code),
          to_unit_id text GENERATED ALWAYS AS (doc->>'toUnitID') STORED NOT NULL REFERENCES wenti.unit(id),
          to_person_id text GENERATED ALWAYS AS (doc->>'toPersonID') STORED NOT NULL REFERENCES wenti.person(id),
          state text GENERATED ALWAYS AS (doc->>'state') STORED NOT NULL
            CHECK (state IN ('issued','acknowledged','progress-reported','completed','replaced')),
          replaced_by text GENERATED ALWAYS AS (doc->>'replacedBy') STORED REFERENCES wenti.notice(id) DEFERRABLE INITIALLY DEFERRED,
          issued_on int GENERATED ALWAYS AS (wenti.day(doc->>'issuedOn')) STORED NOT NULL,
          CHECK (doc->>'id' = id),
          CHECK ((state = 'replaced') = (replaced_by IS NOT NULL))
        );
        CREATE INDEX notice_concern ON wenti.notice (concern_code);
        -- One open notice per concern: a new one replaces the old explicitly (NoticeReplacement).
        CREATE UNIQUE INDEX notice_one_open ON wenti.notice (concern_code) WHERE state NOT IN ('completed','replaced');
        CREATE TABLE wenti.practice (
          id text PRIMARY KEY,
          doc jsonb NOT NULL,
          created_on int GENERATED ALWAYS AS (wenti.day(doc->>'createdOn')) STORED NOT NULL,
          CHECK (doc->>'id' = id)
        );

        -- Ids (Q-, DB-, SJ-) per kind and year, allocated inside the insert that uses them.
        CREATE TABLE wenti.id_counter (
          kind text NOT NULL,
          year int NOT NULL,
          last int NOT NULL CHECK (last >= 0),
          PRIMARY KEY (kind, year)
        );

        -- Sealed identities: ciphertext and wrapped keys. No person's role has any grant on
        -- these; they are reached only through the functions of ServerPolicies.
        CREATE TABLE wenti.key_holder (
          holder text PRIMARY KEY CHECK (holder = 'recovery' OR holder LIKE 'person:_%'),
          public_key bytea NOT NULL CHECK (length(public_key) = 32),
          added_at double precision NOT NULL
        );
        CREATE TABLE wenti.identity_envelope (
          concern_code text PRIMARY KEY REFERENCES wenti.concern(code),
          ciphertext bytea NOT NULL CHECK (length(ciphertext) >= 28),
          -- the ciphertext authenticates the concern's code; false only for envelopes imported
          -- from a local workspace sealed before that binding, until the first opening binds them
          bound boolean NOT NULL
        );
        CREATE TABLE wenti.identity_key (
          concern_code text NOT NULL REFERENCES wenti.identity_envelope(concern_code),
          holder text NOT NULL REFERENCES wenti.key_holder(holder) ON DELETE CASCADE,
          encapsulated bytea NOT NULL,
          wrapped bytea NOT NULL,
          PRIMARY KEY (concern_code, holder)
        );

        CREATE TABLE wenti.audit_log (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          at double precision NOT NULL,
          actor_id text NOT NULL,
          action text NOT NULL,
          subject text NOT NULL,
          changes jsonb NOT NULL,
          -- the database role that wrote it, whatever the client claims
          db_user text NOT NULL DEFAULT session_user
        );
        CREATE INDEX audit_subject ON wenti.audit_log (subject, seq);

        -- Moves with every committed change (one row, bumped by every audited statement), so
        -- that a client can tell with one read whether anything changed; PostgreSQL's
        -- sequences commit out of order, so max(seq) could not tell.
        CREATE TABLE wenti.change_mark (
          only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
          n bigint NOT NULL
        );
        INSERT INTO wenti.change_mark VALUES (true, 0);
        """
}
