-- 0002: the access log.
--
-- Every audit replay and export is itself recorded: who looked at what, and
-- when, in the stream `access-log`. Auditors may not call
-- `crisis.append_events`, so this one narrow function appends on their
-- behalf. It goes through `crisis.append_events`, so the hash chain holds and
-- the actor is still `session_user`: the person who logged in, not the owner.

CREATE FUNCTION crisis.record_access(p_action text, p_subject text, p_detail jsonb)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_position bigint;
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
    SELECT a.global_position INTO v_position
    FROM crisis.append_events(
        'access-log', NULL, gen_random_uuid(),
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

REVOKE ALL ON FUNCTION crisis.record_access(text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION crisis.record_access(text, text, jsonb) TO crisis_reader, crisis_writer;
