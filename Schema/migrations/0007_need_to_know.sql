-- 0007: need to know (issue 13).
--
-- A restricted incident is visible only to the people working it. PostgreSQL
-- enforces it with row-level security, not the CLI: a role that may not see
-- an incident finds no row of it in crisis.events, crisis.streams,
-- crisis.commands or any incident projection, with plain psql as with crisis.
--
-- Who may see a restricted incident (crisis.may_see):
--   * the person who opened it, the person who restricted it, every person
--     assigned to it (RoleAssigned), and every person granted access
--     (AccessGranted), until an AccessRevoked (never for the assigned);
--   * an auditor granted access until a time (AuditAccessGranted), until then;
--   * a privacy officer on the roster (they administer access);
--   * a member of crisis_sealer (BYPASSRLS: sealing and full verification).
--
-- The access list is kept in crisis.incident_access by a trigger on every
-- insert into crisis.events (as 0005 keeps crisis.roster_roles), so it
-- always agrees with the record: the events are the truth, the table is
-- derived in the same transaction. Accesses to a restricted incident (audit
-- reads, and attempts to read it without access) are recorded in a stream of
-- its own, `access-log-<uuid>`, hidden with the incident.

CREATE TABLE crisis.restricted_incidents (
    incident_id   uuid        PRIMARY KEY,
    restricted_at timestamptz NOT NULL,
    restricted_by text        NOT NULL
);

CREATE TABLE crisis.incident_access (
    incident_id uuid NOT NULL,
    person      text NOT NULL,
    -- Why the person may see it: opened, restricted (by them), assigned,
    -- granted, audit (until a time).
    basis       text NOT NULL CHECK (basis IN ('opened', 'restricted', 'assigned', 'granted', 'audit')),
    until       timestamptz,
    PRIMARY KEY (incident_id, person, basis)
);

-- Nobody reads these tables directly: crisis.may_see and the functions below do.
REVOKE ALL ON crisis.restricted_incidents, crisis.incident_access FROM PUBLIC;

DO $$
BEGIN
    BEGIN
        CREATE ROLE crisis_sealer NOLOGIN BYPASSRLS;
    EXCEPTION
        WHEN duplicate_object OR unique_violation THEN
            NULL;
        WHEN insufficient_privilege THEN
            -- Only a superuser may give BYPASSRLS (PostgreSQL 15). Without it a
            -- member still sees everything through crisis.may_see below.
            BEGIN
                CREATE ROLE crisis_sealer NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
            RAISE WARNING 'crisis_sealer was created without BYPASSRLS: a superuser should run ALTER ROLE crisis_sealer BYPASSRLS';
    END;
END
$$;
GRANT crisis_reader TO crisis_sealer;

-- The incident id of an incident stream, or NULL for any other stream.
CREATE FUNCTION crisis.incident_of(p_stream_id text) RETURNS uuid
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN p_stream_id ~ '^incident-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        THEN substr(p_stream_id, 10)::uuid
    END
$$;

-- Whether p_person may see the incident. Not restricted: everyone who may
-- read the record may.
CREATE FUNCTION crisis.may_see(p_incident uuid, p_person text) RETURNS boolean
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN NOT EXISTS (SELECT 1 FROM crisis.restricted_incidents r WHERE r.incident_id = p_incident)
        OR EXISTS (
            SELECT 1 FROM crisis.incident_access a
            WHERE a.incident_id = p_incident AND a.person = p_person
              AND (a.until IS NULL OR a.until > now()))
        OR EXISTS (SELECT 1 FROM crisis.roster_roles o WHERE o.person = p_person AND o.role = 'privacy-officer')
        OR EXISTS (
            SELECT 1 FROM pg_roles p
            WHERE p.rolname = p_person AND pg_has_role(p.oid, 'crisis_sealer', 'MEMBER'));
END
$$;

-- The restricted incidents the person logged in may not see: crisis.may_see
-- as one set-based query (plpgsql, so its plan is cached per session), for
-- the policies below.
CREATE FUNCTION crisis.hidden_incidents() RETURNS uuid[]
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_person text := session_user;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM crisis.restricted_incidents)
        OR EXISTS (SELECT 1 FROM crisis.roster_roles o WHERE o.person = v_person AND o.role = 'privacy-officer')
        OR EXISTS (
            SELECT 1 FROM pg_roles p WHERE p.rolname = v_person AND pg_has_role(p.oid, 'crisis_sealer', 'MEMBER'))
    THEN
        RETURN '{}';
    END IF;
    -- One primary-key probe per restricted incident (the LIMIT keeps the
    -- subquery from becoming a join that reads every access of the person).
    RETURN coalesce((
        SELECT array_agg(r.incident_id)
        FROM crisis.restricted_incidents r
        WHERE (
            SELECT count(*) FROM (
                SELECT 1 FROM crisis.incident_access a
                WHERE a.incident_id = r.incident_id AND a.person = v_person
                  AND (a.until IS NULL OR a.until > now())
                LIMIT 1) found) = 0), '{}');
END
$$;

-- Their streams: the incident's own and its access log.
CREATE FUNCTION crisis.hidden_streams() RETURNS text[]
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN coalesce((
        SELECT array_agg(s.stream_id)
        FROM unnest(crisis.hidden_incidents()) h(id),
             LATERAL (VALUES ('incident-' || h.id::text), ('access-log-' || h.id::text)) s(stream_id)), '{}');
END
$$;

-- How many streams of the record the person logged in cannot see (what a
-- verification by them leaves out).
CREATE FUNCTION crisis.unseen_stream_count() RETURNS bigint
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN (SELECT count(*) FROM crisis.streams s WHERE s.stream_id = ANY (crisis.hidden_streams()));
END
$$;

-- The access list follows the record. Runs after 0005's authority trigger
-- (triggers fire in name order) on every insert into crisis.events.
CREATE FUNCTION crisis.track_access()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_incident uuid := crisis.incident_of(NEW.stream_id);
BEGIN
    IF v_incident IS NULL THEN
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM crisis.restricted_incidents r WHERE r.incident_id = v_incident)
        AND NOT crisis.may_see(v_incident, NEW.actor)
    THEN
        RAISE EXCEPTION 'there is no incident %', v_incident
            USING ERRCODE = 'CR403',
                  DETAIL = 'the incident is restricted and this role has no access to it (need to know)';
    END IF;
    IF NEW.event_type IN ('IncidentRestricted', 'AccessGranted', 'AccessRevoked', 'AuditAccessGranted')
        AND NOT EXISTS (
            SELECT 1 FROM crisis.roster_roles WHERE person = NEW.actor AND role IN ('commander', 'privacy-officer'))
    THEN
        RAISE EXCEPTION '% is neither commander nor privacy officer on the roster and cannot change who may see an incident',
            NEW.actor
            USING ERRCODE = 'CR403';
    END IF;
    CASE NEW.event_type
        WHEN 'IncidentOpened' THEN
            INSERT INTO crisis.incident_access (incident_id, person, basis)
            VALUES (v_incident, NEW.actor, 'opened') ON CONFLICT DO NOTHING;
        WHEN 'RoleAssigned' THEN
            INSERT INTO crisis.incident_access (incident_id, person, basis)
            VALUES (v_incident, NEW.data->>'person', 'assigned') ON CONFLICT DO NOTHING;
        WHEN 'IncidentRestricted' THEN
            INSERT INTO crisis.restricted_incidents (incident_id, restricted_at, restricted_by)
            VALUES (v_incident, NEW.recorded_at, NEW.actor) ON CONFLICT DO NOTHING;
            INSERT INTO crisis.incident_access (incident_id, person, basis)
            VALUES (v_incident, NEW.actor, 'restricted') ON CONFLICT DO NOTHING;
        WHEN 'AccessGranted' THEN
            INSERT INTO crisis.incident_access (incident_id, person, basis)
            VALUES (v_incident, NEW.data->>'person', 'granted') ON CONFLICT DO NOTHING;
        WHEN 'AuditAccessGranted' THEN
            INSERT INTO crisis.incident_access (incident_id, person, basis, until)
            VALUES (v_incident, NEW.data->>'person', 'audit', (NEW.data->>'until')::timestamptz)
            ON CONFLICT (incident_id, person, basis) DO UPDATE SET until = EXCLUDED.until;
        WHEN 'AccessRevoked' THEN
            DELETE FROM crisis.incident_access
            WHERE incident_id = v_incident AND person = NEW.data->>'person' AND basis <> 'assigned';
        ELSE
            NULL;
    END CASE;
    RETURN NEW;
END
$$;

CREATE TRIGGER events_need_to_know
    BEFORE INSERT ON crisis.events
    FOR EACH ROW EXECUTE FUNCTION crisis.track_access();

-- Incidents recorded before this migration: their openers and assignees.
INSERT INTO crisis.incident_access (incident_id, person, basis)
SELECT DISTINCT crisis.incident_of(e.stream_id), e.actor, 'opened'
FROM crisis.events e
WHERE e.event_type = 'IncidentOpened' AND crisis.incident_of(e.stream_id) IS NOT NULL
ON CONFLICT DO NOTHING;
INSERT INTO crisis.incident_access (incident_id, person, basis)
SELECT DISTINCT crisis.incident_of(e.stream_id), e.data->>'person', 'assigned'
FROM crisis.events e
WHERE e.event_type = 'RoleAssigned' AND crisis.incident_of(e.stream_id) IS NOT NULL AND e.data ? 'person'
ON CONFLICT DO NOTHING;

-- The access log: a read of a restricted incident is recorded in the
-- incident's own access log (hidden with it); everything else as before.
CREATE OR REPLACE FUNCTION crisis.record_access(p_action text, p_subject text, p_detail jsonb)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_position bigint;
    v_incident uuid;
    v_stream text := 'access-log';
BEGIN
    IF p_action IS NULL OR p_action !~ '^[a-z][a-z-]{0,39}$' THEN
        RAISE EXCEPTION 'the access action "%" is not a short lower-case word', left(coalesce(p_action, ''), 40)
            USING ERRCODE = 'CR400';
    END IF;
    IF p_subject IS NULL OR p_subject = '' OR octet_length(p_subject) > 200 THEN
        RAISE EXCEPTION 'the access subject is empty or longer than 200 bytes' USING ERRCODE = 'CR400';
    END IF;
    IF p_detail IS NOT NULL AND jsonb_typeof(p_detail) <> 'object' THEN
        RAISE EXCEPTION 'the access detail must be a JSON object' USING ERRCODE = 'CR400';
    END IF;
    v_incident := crisis.incident_of(p_subject);
    IF v_incident IS NOT NULL AND EXISTS (SELECT 1 FROM crisis.restricted_incidents r WHERE r.incident_id = v_incident)
    THEN
        v_stream := 'access-log-' || v_incident::text;
    END IF;
    SELECT a.global_position INTO v_position
    FROM crisis.append_events(
        v_stream, NULL, gen_random_uuid(),
        jsonb_build_array(jsonb_build_object(
            'event_type', 'AccessRecorded',
            'schema_version', 1,
            'data', jsonb_build_object(
                'action', p_action, 'subject', p_subject, 'detail', coalesce(p_detail, '{}'::jsonb)),
            'metadata', jsonb_build_object('recorded_by', 'crisis.record_access')))
    ) a;
    RETURN v_position;
END
$$;

-- Someone named an incident they may not see (`crisis incident show`, `audit
-- replay`, ...). crisis answers "no such incident" whether or not it exists;
-- here, if the reference (a full id or a prefix of 8 or more characters) names
-- restricted incidents this person may not see, the attempt is recorded in
-- each one's access log. Returns nothing, so it reveals nothing.
CREATE FUNCTION crisis.record_denied_read(p_action text, p_reference text)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_bare text := lower(btrim(coalesce(p_reference, '')));
    v_incident uuid;
BEGIN
    IF p_action IS NULL OR p_action !~ '^[a-z][a-z-]{0,39}$' THEN
        RAISE EXCEPTION 'the access action "%" is not a short lower-case word', left(coalesce(p_action, ''), 40)
            USING ERRCODE = 'CR400';
    END IF;
    IF v_bare LIKE 'incident-%' THEN
        v_bare := substr(v_bare, 10);
    END IF;
    IF length(v_bare) < 8 OR length(v_bare) > 36 OR v_bare !~ '^[0-9a-f-]+$' THEN
        RETURN;
    END IF;
    FOR v_incident IN
        SELECT r.incident_id FROM crisis.restricted_incidents r
        WHERE r.incident_id::text LIKE v_bare || '%' AND NOT crisis.may_see(r.incident_id, session_user)
        ORDER BY r.incident_id
        LIMIT 3
    LOOP
        PERFORM crisis.append_events(
            'access-log-' || v_incident::text, NULL, gen_random_uuid(),
            jsonb_build_array(jsonb_build_object(
                'event_type', 'AccessRecorded',
                'schema_version', 1,
                'data', jsonb_build_object(
                    'action', 'denied-' || p_action, 'subject', 'incident-' || v_incident::text,
                    'detail', jsonb_build_object('reference', p_reference, 'answered', 'no such incident')),
                'metadata', jsonb_build_object('recorded_by', 'crisis.record_denied_read'))));
    END LOOP;
END
$$;

-- The policy review counts every incident in its figures, naming only those
-- the person may see: the metrics of the restricted incidents hidden from them,
-- without id, title, root causes or post-mortem actions (each gets a fresh
-- random id, so nothing links two reviews).
CREATE FUNCTION crisis.restricted_incident_figures() RETURNS SETOF jsonb
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.metrics || jsonb_build_object(
        'incidentId', gen_random_uuid(), 'title', '', 'rootCauses', '[]'::jsonb, 'actions', '[]'::jsonb)
    FROM crisis.projected_incident_metrics m
    WHERE m.incident_id = ANY (crisis.hidden_incidents())
    ORDER BY m.opened_at
$$;

REVOKE ALL ON FUNCTION crisis.incident_of(text), crisis.may_see(uuid, text), crisis.hidden_incidents(),
    crisis.hidden_streams(), crisis.unseen_stream_count(), crisis.track_access(),
    crisis.record_denied_read(text, text), crisis.restricted_incident_figures()
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION crisis.incident_of(text), crisis.hidden_incidents(), crisis.hidden_streams(),
    crisis.unseen_stream_count(), crisis.record_denied_read(text, text), crisis.restricted_incident_figures()
    TO crisis_reader, crisis_writer;

-- Row-level security: a row of a restricted incident is there only for those
-- who may see it. The table owner (who runs migrations and owns
-- crisis.append_events) is not subject to it; superusers and crisis_sealer
-- bypass it. `NOT IN (SELECT unnest(...))` is planned as a hashed subplan:
-- the hidden set is computed once per query and each row costs one hash probe
-- (`<> ALL (array)` compared every row with every hidden id: 20 times slower
-- reading 2,000 events with 50 restricted incidents).
ALTER TABLE crisis.events ENABLE ROW LEVEL SECURITY;
CREATE POLICY need_to_know ON crisis.events
    USING (stream_id NOT IN (SELECT unnest(crisis.hidden_streams())));
ALTER TABLE crisis.streams ENABLE ROW LEVEL SECURITY;
CREATE POLICY need_to_know ON crisis.streams
    USING (stream_id NOT IN (SELECT unnest(crisis.hidden_streams())));
ALTER TABLE crisis.commands ENABLE ROW LEVEL SECURITY;
CREATE POLICY need_to_know ON crisis.commands
    USING (stream_id NOT IN (SELECT unnest(crisis.hidden_streams())));
ALTER TABLE crisis.projected_incidents ENABLE ROW LEVEL SECURITY;
CREATE POLICY need_to_know ON crisis.projected_incidents
    USING (incident_id NOT IN (SELECT unnest(crisis.hidden_incidents())));
ALTER TABLE crisis.projected_legal_queue ENABLE ROW LEVEL SECURITY;
CREATE POLICY need_to_know ON crisis.projected_legal_queue
    USING (incident_id NOT IN (SELECT unnest(crisis.hidden_incidents())));
ALTER TABLE crisis.projected_open_deadlines ENABLE ROW LEVEL SECURITY;
CREATE POLICY need_to_know ON crisis.projected_open_deadlines
    USING (incident_id NOT IN (SELECT unnest(crisis.hidden_incidents())));
ALTER TABLE crisis.projected_incident_metrics ENABLE ROW LEVEL SECURITY;
CREATE POLICY need_to_know ON crisis.projected_incident_metrics
    USING (incident_id NOT IN (SELECT unnest(crisis.hidden_incidents())));
