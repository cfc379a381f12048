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
