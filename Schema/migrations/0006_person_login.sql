-- A person's login role, created by SQL rather than by identifiers spliced
-- into a statement in Swift (issue 19: all SQL in the store, identifiers with
-- format('%I')). It runs with the caller's privileges: only a role allowed to
-- create roles can add people, and the refusal (42501) reaches the caller as
-- before. Roles are cluster-wide: another database's roster may create the
-- same login between the check and the CREATE, which is not an error.
CREATE FUNCTION crisis.add_person_login(person text, member_of text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF member_of NOT IN ('crisis_reader', 'crisis_writer') THEN
        RAISE EXCEPTION 'a person joins crisis_reader or crisis_writer, not %', member_of
            USING ERRCODE = '22023';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = person) THEN
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN', person);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    EXECUTE format('GRANT %I TO %I', member_of, person);
END
$$;

-- The on-call schedule (stream `oncall`) is changed by the commander or a
-- role administrator; the application decides it (OnCallDecider) and the
-- database checks it again, as 0005 does for the roster, approvals and
-- policy decisions: defence in depth, not the rule's home.
CREATE OR REPLACE FUNCTION crisis.check_authority()
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
    ELSIF NEW.stream_id = 'oncall' THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = NEW.actor AND (rolsuper OR rolcreaterole))
            AND NOT EXISTS (SELECT 1 FROM crisis.roster_roles WHERE person = NEW.actor AND role = 'commander')
        THEN
            RAISE EXCEPTION '% may not change the on-call schedule: only the commander or a role administrator may',
                NEW.actor
                USING ERRCODE = 'CR403';
        END IF;
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
REVOKE ALL ON FUNCTION crisis.check_authority() FROM PUBLIC;
