-- 0008: per-incident data keys for crypto-shredding (issue 13, part 2; the
-- first step: keys and their destruction, not yet the encryption of fields).
--
-- Each incident's PHI fields are to be encrypted with an AES-256 data key of
-- its own. The key is stored here wrapped (AES-256-GCM) by a key-encryption
-- key that never enters the database (CRISIS_KEY_FILE). Destroying the row
-- destroys the PHI: the events keep their ciphertext, so every hash chain
-- still verifies. This table is the one place the schema allows a deletion,
-- and only through crisis.shred_incident_key, only for an incident whose
-- stream already records the shredding (KeyShredded), by a privacy officer.

CREATE TABLE crisis.incident_keys (
    incident_id uuid        PRIMARY KEY,
    -- nonce (12) || ciphertext (32) || tag (16), sealed with the key-encryption
    -- key, the incident id as authenticated data.
    wrapped_key bytea       NOT NULL CHECK (octet_length(wrapped_key) = 60),
    -- The first 16 hex digits of SHA-256 of the key-encryption key: a wrong
    -- key file is named, not discovered by a failed decryption.
    kek_id      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE FUNCTION crisis.refuse_key_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('crisis.shredding', true) = OLD.incident_id::text THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% on crisis.incident_keys is refused: a data key is only destroyed by crisis retention shred',
        TG_OP
        USING ERRCODE = 'CR403';
END
$$;
CREATE TRIGGER incident_keys_are_kept
    BEFORE UPDATE OR DELETE ON crisis.incident_keys
    FOR EACH ROW EXECUTE FUNCTION crisis.refuse_key_change();
CREATE TRIGGER incident_keys_cannot_be_truncated
    BEFORE TRUNCATE ON crisis.incident_keys
    FOR EACH STATEMENT EXECUTE FUNCTION crisis.refuse_key_change();

-- Need to know: the key of a restricted incident is there only for those who
-- may see it (migration 0007).
ALTER TABLE crisis.incident_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY need_to_know ON crisis.incident_keys
    USING (incident_id NOT IN (SELECT unnest(crisis.hidden_incidents())));

-- Stores an incident's wrapped key once; a second caller (a racing command)
-- gets the key stored first. Returns the stored key.
CREATE FUNCTION crisis.store_incident_key(p_incident uuid, p_wrapped_key bytea, p_kek_id text)
RETURNS TABLE (wrapped_key bytea, kek_id text)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT crisis.may_see(p_incident, session_user) THEN
        RAISE EXCEPTION 'there is no incident %', p_incident USING ERRCODE = 'CR403';
    END IF;
    IF EXISTS (
        SELECT 1 FROM crisis.events e
        WHERE e.stream_id = 'incident-' || p_incident::text AND e.event_type = 'KeyShredded')
    THEN
        RAISE EXCEPTION 'the key of incident % was shredded; nothing more can be encrypted for it', p_incident
            USING ERRCODE = 'CR403';
    END IF;
    INSERT INTO crisis.incident_keys (incident_id, wrapped_key, kek_id)
    VALUES (p_incident, p_wrapped_key, p_kek_id)
    ON CONFLICT (incident_id) DO NOTHING;
    RETURN QUERY SELECT k.wrapped_key, k.kek_id FROM crisis.incident_keys k WHERE k.incident_id = p_incident;
END
$$;

-- Destroys an incident's data key: only a privacy officer on the roster, and
-- only once the incident's own stream records the shredding (KeyShredded,
-- appended first by `crisis retention shred`, which decides the retention and
-- legal-hold rules). Returns whether a key was destroyed.
CREATE FUNCTION crisis.shred_incident_key(p_incident uuid)
RETURNS boolean
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_found boolean;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM crisis.roster_roles WHERE person = session_user AND role = 'privacy-officer') THEN
        RAISE EXCEPTION '% is not a privacy officer on the roster and cannot shred an incident''s key', session_user
            USING ERRCODE = 'CR403';
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM crisis.events e
        WHERE e.stream_id = 'incident-' || p_incident::text AND e.event_type = 'KeyShredded')
    THEN
        RAISE EXCEPTION 'incident % does not record its shredding (KeyShredded); record it first', p_incident
            USING ERRCODE = 'CR403';
    END IF;
    PERFORM set_config('crisis.shredding', p_incident::text, true);
    DELETE FROM crisis.incident_keys k WHERE k.incident_id = p_incident;
    v_found := FOUND;
    PERFORM set_config('crisis.shredding', '', true);
    RETURN v_found;
END
$$;

REVOKE ALL ON crisis.incident_keys FROM PUBLIC;
GRANT SELECT ON crisis.incident_keys TO crisis_reader, crisis_writer;
REVOKE ALL ON FUNCTION crisis.refuse_key_change(), crisis.store_incident_key(uuid, bytea, text),
    crisis.shred_incident_key(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION crisis.store_incident_key(uuid, bytea, text), crisis.shred_incident_key(uuid)
    TO crisis_writer;
