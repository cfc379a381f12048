-- 0005: the roster's authority, enforced by the database.
--
-- The application decides every rule of a workflow, but a writer role could
-- call crisis.append_events itself and append an approval in a role it does
-- not hold. The rules that make a record trustworthy to a regulator are
-- enforced here as well, on every insert into crisis.events:
--
--   * only a role allowed to create roles (the administrator who runs
--     `crisis roster add`) may append to the `roster` stream;
--   * an approval or rejection of a message (MessageApproved,
--     MessageRejected) must be given in an organisational role the actor
--     holds on the roster at that moment;
--   * a policy decision (PolicyChangeDecided) must come from a privacy
--     officer or legal.
--
-- The roster as it stands is kept in crisis.roster_roles, maintained by the
-- same trigger from the roster stream's own events (and filled from the
-- events already recorded when this migration runs).

CREATE TABLE crisis.roster_roles (
    person text NOT NULL,
    role   text NOT NULL,
    PRIMARY KEY (person, role)
);
GRANT SELECT ON crisis.roster_roles TO crisis_reader, crisis_writer;

CREATE FUNCTION crisis.apply_roster_event(p_type text, p_data jsonb)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_type = 'RolesGranted' THEN
        INSERT INTO crisis.roster_roles (person, role)
        SELECT p_data->>'person', r FROM jsonb_array_elements_text(coalesce(p_data->'roles', '[]'::jsonb)) r
        ON CONFLICT DO NOTHING;
    ELSIF p_type = 'RolesRevoked' THEN
        DELETE FROM crisis.roster_roles
        WHERE person = p_data->>'person'
          AND role IN (SELECT jsonb_array_elements_text(coalesce(p_data->'roles', '[]'::jsonb)));
    END IF;
END
$$;

DO $backfill$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT event_type, data FROM crisis.events WHERE stream_id = 'roster' ORDER BY stream_version LOOP
        PERFORM crisis.apply_roster_event(r.event_type, r.data);
    END LOOP;
END
$backfill$;

CREATE FUNCTION crisis.check_authority()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.stream_id = 'roster' THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = NEW.actor AND (rolsuper OR rolcreaterole)) THEN
            RAISE EXCEPTION '% may not change the roster: only a role allowed to create roles may', NEW.actor
                USING ERRCODE = 'CR403';
        END IF;
        PERFORM crisis.apply_roster_event(NEW.event_type, NEW.data);
    ELSIF NEW.event_type IN ('MessageApproved', 'MessageRejected') AND NEW.stream_id LIKE 'incident-%' THEN
        IF NOT EXISTS (
            SELECT 1 FROM crisis.roster_roles WHERE person = NEW.actor AND role = NEW.data->>'role'
        ) THEN
            RAISE EXCEPTION '% does not hold the role % on the roster and cannot approve or reject in it',
                NEW.actor, coalesce(NEW.data->>'role', '(none given)')
                USING ERRCODE = 'CR403';
        END IF;
    ELSIF NEW.event_type = 'PolicyChangeDecided' AND NEW.stream_id LIKE 'policy-%' THEN
        IF NOT EXISTS (
            SELECT 1 FROM crisis.roster_roles WHERE person = NEW.actor AND role IN ('privacy-officer', 'legal')
        ) THEN
            RAISE EXCEPTION '% is neither privacy officer nor legal on the roster and cannot decide a policy proposal',
                NEW.actor
                USING ERRCODE = 'CR403';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

REVOKE ALL ON FUNCTION crisis.apply_roster_event(text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION crisis.check_authority() FROM PUBLIC;

CREATE TRIGGER events_authority
    BEFORE INSERT ON crisis.events
    FOR EACH ROW EXECUTE FUNCTION crisis.check_authority();
