-- 0009: a person's password for `crisis serve` (issue 12).
--
-- `crisis roster password NAME` computes the SCRAM-SHA-256 verifier on the
-- client and hands only that to the database, so the password itself never
-- reaches the server, its statement log or pg_stat_activity. The role name
-- is quoted here with format('%I'), as add_person_login does, never spliced
-- into a statement in Swift. SECURITY INVOKER: whoever calls it needs the
-- right to alter the role (CREATEROLE or superuser), as for ALTER ROLE.
CREATE FUNCTION crisis.set_person_password(person text, verifier text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION 'a password is set as a SCRAM-SHA-256 verifier, never as plain text'
            USING ERRCODE = '22023';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = person) THEN
        RAISE EXCEPTION 'there is no role %', person USING ERRCODE = '42704';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', person, verifier);
END
$$;
