-- 0016: the intake stream's own login role (issue 12).
--
-- A social-listening tool pushes signed batches of mentions to `crisis serve`
-- (POST /api/v1/intake/mentions) when nobody is signed in. The server records
-- them on the `intake` stream connected as `crisis_intake`, so the actor on
-- every pushed mention is still the database's session_user, never a name the
-- server chose, and no person's role is borrowed. Least privilege:
--   * it may read only the `intake` stream (a restrictive row policy on top
--     of need-to-know), not incidents, the roster or the schedule;
--   * it may append only MentionRecorded and SignalRaised, only to `intake`;
--   * only it may append MentionRecorded, and only the commander or social
--     media on the roster may add or remove watches and promote signals.
-- The application decides the same (IntakeDecider); this is defence in depth.
-- The role has no password until an administrator gives it one
-- (`crisis roster password crisis_intake --password-file F`).
DO $$
BEGIN
    BEGIN
        CREATE ROLE crisis_intake LOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- another database of this cluster created it first
    END;
END
$$;

GRANT USAGE ON SCHEMA crisis TO crisis_intake;
GRANT SELECT ON crisis.streams, crisis.events, crisis.commands, crisis.schema_migrations TO crisis_intake;
GRANT EXECUTE ON FUNCTION crisis.append_events(text, bigint, uuid, jsonb) TO crisis_intake;
GRANT EXECUTE ON FUNCTION crisis.hidden_streams() TO crisis_intake;

CREATE POLICY intake_only ON crisis.events AS RESTRICTIVE FOR SELECT TO crisis_intake
    USING (stream_id = 'intake');
CREATE POLICY intake_only ON crisis.streams AS RESTRICTIVE FOR SELECT TO crisis_intake
    USING (stream_id = 'intake');
CREATE POLICY intake_only ON crisis.commands AS RESTRICTIVE FOR SELECT TO crisis_intake
    USING (stream_id = 'intake');

CREATE FUNCTION crisis.check_intake()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.actor = 'crisis_intake'
        AND (NEW.stream_id <> 'intake' OR NEW.event_type NOT IN ('MentionRecorded', 'SignalRaised'))
    THEN
        RAISE EXCEPTION 'crisis_intake may only record mentions and signals on the intake stream, not % on %',
            NEW.event_type, NEW.stream_id
            USING ERRCODE = 'CR403';
    END IF;
    IF NEW.stream_id = 'intake' AND NEW.event_type = 'MentionRecorded' AND NEW.actor <> 'crisis_intake' THEN
        RAISE EXCEPTION '% may not record mentions: only crisis_intake, the role crisis serve records signed batches as, may',
            NEW.actor
            USING ERRCODE = 'CR403';
    END IF;
    IF NEW.stream_id = 'intake' AND NEW.event_type IN ('WatchAdded', 'WatchRemoved', 'SignalPromoted')
        AND NOT EXISTS (
            SELECT 1 FROM crisis.roster_roles WHERE person = NEW.actor AND role IN ('commander', 'social-media'))
    THEN
        RAISE EXCEPTION '% is neither commander nor social media on the roster and cannot keep watches or promote signals',
            NEW.actor
            USING ERRCODE = 'CR403';
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION crisis.check_intake() FROM PUBLIC;

CREATE TRIGGER check_intake
    BEFORE INSERT ON crisis.events
    FOR EACH ROW EXECUTE FUNCTION crisis.check_intake();
