-- 0017: appends that do not queue behind each other (issue 14).
--
-- What the append guarantees is unchanged: the expected version, idempotent
-- command ids, the hash chain byte for byte (docs/hash-chain.md), the
-- session user as actor, and every rule the insert triggers of 0005 (as
-- 0006 left it), 0007 and 0016 enforced, with the same SQLSTATEs and
-- sentences. What changes is how much each append costs and what it holds
-- while it commits:
--
--   * No pg_notify inside the append. A transaction that has queued a
--     notification takes a database-wide lock before it commits and holds it
--     through its commit record's WAL flush, so every appender in the
--     database committed one at a time and group commit never happened.
--     crisis's own writers now announce an append after it has committed,
--     in a statement of its own that writes no WAL (CrisisStore's
--     PostgresEventStore), and watchers also look once a second for what
--     other writers appended (crisis.appended_since() below;
--     docs/performance.md says what a watcher may miss and for how long).
--
--   * The rules the three insert triggers enforced run inside the append
--     function, in the triggers' order (intake, authority, need to know),
--     event by event; the triggers are dropped. The append function was
--     already the only way in (no role but the owner may insert into
--     crisis.events), and each trigger was a SECURITY DEFINER call with its
--     own search_path per row, of which the need-to-know check also worked
--     out the incident and looked up its restriction for every event of a
--     batch. Now that is done once per append, and again only after an
--     event that changes who may see the incident.
--
--   * The events of a batch are inserted by one statement, which also
--     returns what was written (the second index scan is gone).
--
--   * plpgsql's statements use generic plans: parameterised custom plans
--     were re-planned on every call.

DROP TRIGGER check_intake ON crisis.events;
DROP TRIGGER events_authority ON crisis.events;
DROP TRIGGER events_need_to_know ON crisis.events;

-- Whether p_actor may append to the incident of stream p_stream_id as the
-- record stands: true for streams that are not incidents and for incidents
-- that are not restricted.
CREATE FUNCTION crisis.may_append(p_stream_id text, p_actor text) RETURNS boolean
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_incident uuid := crisis.incident_of(p_stream_id);
BEGIN
    RETURN v_incident IS NULL
        OR NOT EXISTS (SELECT 1 FROM crisis.restricted_incidents r WHERE r.incident_id = v_incident)
        OR crisis.may_see(v_incident, p_actor);
END
$$;
REVOKE ALL ON FUNCTION crisis.may_append(text, text) FROM PUBLIC;

-- The record-keeping of one event before it is inserted: the checks and
-- side tables the insert triggers of 0005 and 0006 (authority), 0007 (need
-- to know) and 0016 (intake) kept, in their order, with their sentences. Called by
-- crisis.append_events for each event; p_may_append is crisis.may_append for
-- the stream as it stood before this event.
CREATE FUNCTION crisis.admit_event(
    p_stream_id text, p_type text, p_data jsonb, p_actor text, p_recorded_at timestamptz, p_may_append boolean
) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_incident uuid;
BEGIN
    -- 0016: the intake stream and crisis_intake.
    IF p_actor = 'crisis_intake'
        AND (p_stream_id <> 'intake' OR p_type NOT IN ('MentionRecorded', 'SignalRaised'))
    THEN
        RAISE EXCEPTION 'crisis_intake may only record mentions and signals on the intake stream, not % on %',
            p_type, p_stream_id
            USING ERRCODE = 'CR403';
    END IF;
    IF p_stream_id = 'intake' THEN
        IF p_type = 'MentionRecorded' AND p_actor <> 'crisis_intake' THEN
            RAISE EXCEPTION '% may not record mentions: only crisis_intake, the role crisis serve records signed batches as, may',
                p_actor
                USING ERRCODE = 'CR403';
        END IF;
        IF p_type IN ('WatchAdded', 'WatchRemoved', 'SignalPromoted')
            AND NOT EXISTS (
                SELECT 1 FROM crisis.roster_roles WHERE person = p_actor AND role IN ('commander', 'social-media'))
        THEN
            RAISE EXCEPTION '% is neither commander nor social media on the roster and cannot keep watches or promote signals',
                p_actor
                USING ERRCODE = 'CR403';
        END IF;
    END IF;

    -- 0005 and 0006: the roster's authority, and the on-call schedule's.
    IF p_stream_id = 'roster' THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_actor AND (rolsuper OR rolcreaterole)) THEN
            RAISE EXCEPTION '% may not change the roster: only a role allowed to create roles may', p_actor
                USING ERRCODE = 'CR403';
        END IF;
        PERFORM crisis.apply_roster_event(p_type, p_data);
    ELSIF p_stream_id = 'oncall' THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_actor AND (rolsuper OR rolcreaterole))
            AND NOT EXISTS (SELECT 1 FROM crisis.roster_roles WHERE person = p_actor AND role = 'commander')
        THEN
            RAISE EXCEPTION '% may not change the on-call schedule: only the commander or a role administrator may',
                p_actor
                USING ERRCODE = 'CR403';
        END IF;
    ELSIF p_type IN ('MessageApproved', 'MessageRejected') AND p_stream_id LIKE 'incident-%' THEN
        IF NOT EXISTS (
            SELECT 1 FROM crisis.roster_roles WHERE person = p_actor AND role = p_data->>'role'
        ) THEN
            RAISE EXCEPTION '% does not hold the role % on the roster and cannot approve or reject in it',
                p_actor, coalesce(p_data->>'role', '(none given)')
                USING ERRCODE = 'CR403';
        END IF;
    ELSIF p_type = 'PolicyChangeDecided' AND p_stream_id LIKE 'policy-%' THEN
        IF NOT EXISTS (
            SELECT 1 FROM crisis.roster_roles WHERE person = p_actor AND role IN ('privacy-officer', 'legal')
        ) THEN
            RAISE EXCEPTION '% is neither privacy officer nor legal on the roster and cannot decide a policy proposal',
                p_actor
                USING ERRCODE = 'CR403';
        END IF;
    END IF;

    -- 0007: need to know.
    v_incident := crisis.incident_of(p_stream_id);
    IF v_incident IS NULL THEN
        RETURN;
    END IF;
    IF NOT p_may_append THEN
        RAISE EXCEPTION 'there is no incident %', v_incident
            USING ERRCODE = 'CR403',
                  DETAIL = 'the incident is restricted and this role has no access to it (need to know)';
    END IF;
    IF p_type IN ('IncidentRestricted', 'AccessGranted', 'AccessRevoked', 'AuditAccessGranted')
        AND NOT EXISTS (
            SELECT 1 FROM crisis.roster_roles WHERE person = p_actor AND role IN ('commander', 'privacy-officer'))
    THEN
        RAISE EXCEPTION '% is neither commander nor privacy officer on the roster and cannot change who may see an incident',
            p_actor
            USING ERRCODE = 'CR403';
    END IF;
    CASE p_type
        WHEN 'IncidentOpened' THEN
            INSERT INTO crisis.incident_access (incident_id, person, basis)
            VALUES (v_incident, p_actor, 'opened') ON CONFLICT DO NOTHING;
        WHEN 'RoleAssigned' THEN
            INSERT INTO crisis.incident_access (incident_id, person, basis)
            VALUES (v_incident, p_data->>'person', 'assigned') ON CONFLICT DO NOTHING;
        WHEN 'IncidentRestricted' THEN
            INSERT INTO crisis.restricted_incidents (incident_id, restricted_at, restricted_by)
            VALUES (v_incident, p_recorded_at, p_actor) ON CONFLICT DO NOTHING;
            INSERT INTO crisis.incident_access (incident_id, person, basis)
            VALUES (v_incident, p_actor, 'restricted') ON CONFLICT DO NOTHING;
        WHEN 'AccessGranted' THEN
            INSERT INTO crisis.incident_access (incident_id, person, basis)
            VALUES (v_incident, p_data->>'person', 'granted') ON CONFLICT DO NOTHING;
        WHEN 'AuditAccessGranted' THEN
            INSERT INTO crisis.incident_access (incident_id, person, basis, until)
            VALUES (v_incident, p_data->>'person', 'audit', (p_data->>'until')::timestamptz)
            ON CONFLICT (incident_id, person, basis) DO UPDATE SET until = EXCLUDED.until;
        WHEN 'AccessRevoked' THEN
            DELETE FROM crisis.incident_access
            WHERE incident_id = v_incident AND person = p_data->>'person' AND basis <> 'assigned';
        ELSE
            NULL;
    END CASE;
END
$$;
REVOKE ALL ON FUNCTION crisis.admit_event(text, text, jsonb, text, timestamptz, boolean) FROM PUBLIC;

CREATE OR REPLACE FUNCTION crisis.append_events(
    p_stream_id text,
    p_expected_version bigint,   -- NULL: any; 0: the stream must not exist; n: the stream is at version n
    p_command_id uuid,
    p_events jsonb               -- [{"event_id","event_type","schema_version","data","metadata"}, ...]
) RETURNS TABLE (
    event_id uuid,
    stream_version bigint,
    global_position bigint,
    recorded_at timestamptz,
    hash bytea
)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    max_events_per_call constant integer := 1000;
    max_event_bytes constant integer := 262144;
    max_name_bytes constant integer := 200;
    v_stream crisis.streams%ROWTYPE;
    v_command crisis.commands%ROWTYPE;
    v_actor text := session_user;
    v_now timestamptz;
    v_version bigint;
    v_prev bytea;
    v_hash bytea;
    v_event jsonb;
    v_event_id uuid;
    v_type text;
    v_schema_version integer;
    v_data jsonb;
    v_metadata jsonb;
    v_count integer;
    v_may_append boolean;
    v_n integer;
    v_ids uuid[];
    v_types text[];
    v_schema_versions integer[];
    v_datas jsonb[];
    v_metadatas jsonb[];
    v_prevs bytea[];
    v_hashes bytea[];
BEGIN
    IF p_stream_id IS NULL OR p_stream_id = '' THEN
        RAISE EXCEPTION 'the stream id is empty' USING ERRCODE = 'CR400';
    END IF;
    IF octet_length(p_stream_id) > max_name_bytes THEN
        RAISE EXCEPTION 'the stream id is % bytes long; the limit is % bytes', octet_length(p_stream_id), max_name_bytes
            USING ERRCODE = 'CR400';
    END IF;
    IF p_stream_id ~ '[[:cntrl:]]' THEN
        RAISE EXCEPTION 'the stream id contains control characters' USING ERRCODE = 'CR400';
    END IF;
    IF p_command_id IS NULL THEN
        RAISE EXCEPTION 'the command id is missing' USING ERRCODE = 'CR400';
    END IF;
    IF p_expected_version IS NOT NULL AND p_expected_version < 0 THEN
        RAISE EXCEPTION 'the expected version % is negative', p_expected_version USING ERRCODE = 'CR400';
    END IF;
    IF p_events IS NULL OR jsonb_typeof(p_events) <> 'array' THEN
        RAISE EXCEPTION 'the events must be a JSON array' USING ERRCODE = 'CR400';
    END IF;
    v_count := jsonb_array_length(p_events);
    IF v_count = 0 THEN
        RAISE EXCEPTION 'the batch holds no events; an append needs at least one' USING ERRCODE = 'CR400';
    END IF;
    IF v_count > max_events_per_call THEN
        RAISE EXCEPTION 'the batch holds % events; the limit is % per append', v_count, max_events_per_call
            USING ERRCODE = 'CR413';
    END IF;

    -- Lock the stream row (creating it when new) so appends to one stream
    -- run one at a time; appends to other streams do not wait.
    SELECT * INTO v_stream FROM crisis.streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO crisis.streams (stream_id, version, head_hash, last_recorded_at)
        VALUES (p_stream_id, 0, '\x'::bytea, '-infinity')
        ON CONFLICT ON CONSTRAINT streams_pkey DO NOTHING;
        SELECT * INTO v_stream FROM crisis.streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
    END IF;

    -- Idempotency is checked under the stream lock, so a retry racing its
    -- own first attempt still sees the first result.
    SELECT * INTO v_command FROM crisis.commands c WHERE c.command_id = p_command_id;
    IF FOUND THEN
        IF v_command.stream_id <> p_stream_id THEN
            RAISE EXCEPTION 'command % already appended to stream %, not %', p_command_id, v_command.stream_id, p_stream_id
                USING ERRCODE = 'CR422';
        END IF;
        RETURN QUERY
            SELECT e.event_id, e.stream_version, e.global_position, e.recorded_at, e.hash
            FROM crisis.events e
            WHERE e.stream_id = p_stream_id
              AND e.stream_version BETWEEN v_command.first_version AND v_command.last_version
            ORDER BY e.stream_version;
        RETURN;
    END IF;

    IF p_expected_version IS NOT NULL AND p_expected_version <> v_stream.version THEN
        RAISE EXCEPTION 'stream % is at version %, not the expected version %', p_stream_id, v_stream.version, p_expected_version
            USING ERRCODE = 'CR409',
                  DETAIL = format('expected=%s actual=%s', p_expected_version, v_stream.version);
    END IF;

    -- Per-stream time never runs backwards, so "as of" replay is well defined.
    v_now := greatest(clock_timestamp(), v_stream.last_recorded_at);
    v_version := v_stream.version;
    v_prev := v_stream.head_hash;
    v_may_append := crisis.may_append(p_stream_id, v_actor);

    FOR v_event IN SELECT value FROM jsonb_array_elements(p_events) LOOP
        IF jsonb_typeof(v_event) <> 'object' THEN
            RAISE EXCEPTION 'event % of the batch is not a JSON object', v_version - v_stream.version + 1
                USING ERRCODE = 'CR400';
        END IF;
        v_type := v_event->>'event_type';
        IF v_type IS NULL OR v_type = '' THEN
            RAISE EXCEPTION 'event % of the batch has no event type', v_version - v_stream.version + 1
                USING ERRCODE = 'CR400';
        END IF;
        IF octet_length(v_type) > max_name_bytes OR v_type ~ '[[:cntrl:]]' THEN
            RAISE EXCEPTION 'event type "%" is longer than % bytes or holds control characters', left(v_type, 40), max_name_bytes
                USING ERRCODE = 'CR400';
        END IF;
        v_data := v_event->'data';
        IF v_data IS NULL OR jsonb_typeof(v_data) <> 'object' THEN
            RAISE EXCEPTION 'the data of event "%" is not a JSON object', v_type USING ERRCODE = 'CR400';
        END IF;
        v_metadata := coalesce(v_event->'metadata', '{}'::jsonb);
        IF jsonb_typeof(v_metadata) <> 'object' THEN
            RAISE EXCEPTION 'the metadata of event "%" is not a JSON object', v_type USING ERRCODE = 'CR400';
        END IF;
        IF octet_length(v_data::text) + octet_length(v_metadata::text) > max_event_bytes THEN
            RAISE EXCEPTION 'event "%" is % bytes; the limit is % bytes per event',
                v_type, octet_length(v_data::text) + octet_length(v_metadata::text), max_event_bytes
                USING ERRCODE = 'CR413';
        END IF;
        v_event_id := coalesce((v_event->>'event_id')::uuid, gen_random_uuid());
        v_schema_version := coalesce((v_event->>'schema_version')::integer, 1);

        PERFORM crisis.admit_event(p_stream_id, v_type, v_data, v_actor, v_now, v_may_append);
        IF v_type IN ('IncidentRestricted', 'AccessGranted', 'AccessRevoked', 'AuditAccessGranted') THEN
            v_may_append := crisis.may_append(p_stream_id, v_actor);
        END IF;

        v_version := v_version + 1;
        v_hash := crisis.event_hash(v_prev, p_stream_id, v_version, v_event_id, v_type, v_schema_version,
                                    v_data, v_metadata, v_actor, v_now);
        -- Subscripted assignment grows the arrays in place (appending with || would copy them each time).
        v_n := v_version - v_stream.version;
        v_ids[v_n] := v_event_id;
        v_types[v_n] := v_type;
        v_schema_versions[v_n] := v_schema_version;
        v_datas[v_n] := v_data;
        v_metadatas[v_n] := v_metadata;
        v_prevs[v_n] := v_prev;
        v_hashes[v_n] := v_hash;
        v_prev := v_hash;
    END LOOP;

    UPDATE crisis.streams s
       SET version = v_version, head_hash = v_prev, last_recorded_at = v_now
     WHERE s.stream_id = p_stream_id;
    INSERT INTO crisis.commands (command_id, stream_id, first_version, last_version, recorded_at)
    VALUES (p_command_id, p_stream_id, v_stream.version + 1, v_version, v_now);

    RETURN QUERY
        WITH written AS (
            INSERT INTO crisis.events AS e (stream_id, stream_version, event_id, event_type, schema_version,
                                            data, metadata, command_id, actor, recorded_at, prev_hash, hash)
            SELECT p_stream_id, v_stream.version + b.n, b.id, b.type, b.schema_version,
                   b.data, b.metadata, p_command_id, v_actor, v_now, b.prev, b.hash
            FROM unnest(v_ids, v_types, v_schema_versions, v_datas, v_metadatas, v_prevs, v_hashes)
                 WITH ORDINALITY AS b (id, type, schema_version, data, metadata, prev, hash, n)
            ORDER BY b.n
            RETURNING e.event_id, e.stream_version, e.global_position, e.recorded_at, e.hash
        )
        SELECT w.event_id, w.stream_version, w.global_position, w.recorded_at, w.hash
        FROM written w
        ORDER BY w.stream_version;
END
$$;

-- What a watcher asks once a second to learn whether anything was appended
-- by a writer that did not announce it (psql, a tool, a process that died
-- between its commit and its announcement). An append that committed since
-- the previous look was still running then, or began later, so its
-- transaction id is at least the oldest one running at that look
-- (p_since): the number of events from p_since on grows. Answered with
-- the oldest transaction running now and the count from it, for the next
-- look. Only counts: nothing about any incident. The commit-order index
-- makes each count a short range scan of recent events.
CREATE FUNCTION crisis.appended_since(p_since bigint)
RETURNS TABLE (since_count bigint, oldest_running bigint, count_from_oldest bigint)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    WITH now_running AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS oldest)
    SELECT
        CASE WHEN p_since IS NULL THEN NULL
             ELSE (SELECT count(*) FROM crisis.events e WHERE e.transaction_id >= p_since::text::xid8) END,
        n.oldest::text::bigint,
        (SELECT count(*) FROM crisis.events e WHERE e.transaction_id >= n.oldest)
    FROM now_running n
$$;
REVOKE ALL ON FUNCTION crisis.appended_since(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION crisis.appended_since(bigint) TO crisis_reader, crisis_writer;
