-- 0001: the event store.
--
-- Every incident is an append-only stream of events. `crisis.append_events` is
-- the only way in: it checks the expected version, links each event to the
-- previous one of its stream by SHA-256 (see docs/hash-chain.md), records the
-- authenticated role as the actor and notifies listeners. Nothing is ever
-- updated or deleted; triggers refuse it for every role, owner included.

CREATE SCHEMA IF NOT EXISTS crisis;

-- One row per stream: its current version and head hash. Locked by the append
-- function to check the expected version; never touched by anything else.
CREATE TABLE crisis.streams (
    stream_id        text        PRIMARY KEY,
    version          bigint      NOT NULL CHECK (version >= 0),
    head_hash        bytea       NOT NULL,
    last_recorded_at timestamptz NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE crisis.events (
    global_position bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id       text        NOT NULL REFERENCES crisis.streams (stream_id),
    stream_version  bigint      NOT NULL CHECK (stream_version >= 1),
    event_id        uuid        NOT NULL UNIQUE,
    event_type      text        NOT NULL,
    schema_version  integer     NOT NULL CHECK (schema_version >= 1),
    data            jsonb       NOT NULL CHECK (jsonb_typeof(data) = 'object'),
    metadata        jsonb       NOT NULL CHECK (jsonb_typeof(metadata) = 'object'),
    command_id      uuid        NOT NULL,
    actor           text        NOT NULL,
    recorded_at     timestamptz NOT NULL,
    transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
    prev_hash       bytea       NOT NULL,
    hash            bytea       NOT NULL,
    UNIQUE (stream_id, stream_version)
);

-- The gap-safe "all" reader walks this order (see docs/event-store.md).
CREATE INDEX events_commit_order ON crisis.events (transaction_id, global_position);

-- Idempotency: one row per command that appended. A repeated command id
-- returns what the first call wrote and writes nothing.
CREATE TABLE crisis.commands (
    command_id    uuid        PRIMARY KEY,
    stream_id     text        NOT NULL REFERENCES crisis.streams (stream_id),
    first_version bigint      NOT NULL,
    last_version  bigint      NOT NULL,
    recorded_at   timestamptz NOT NULL
);

-- The exact bytes an event's hash covers. Each variable-length field is
-- framed by its length (4 bytes, big-endian) so no two events share bytes.
-- docs/hash-chain.md documents this; CrisisStore's verifier implements it again.
CREATE FUNCTION crisis.event_hash(
    p_prev_hash bytea,
    p_stream_id text,
    p_stream_version bigint,
    p_event_id uuid,
    p_event_type text,
    p_schema_version integer,
    p_data jsonb,
    p_metadata jsonb,
    p_actor text,
    p_recorded_at timestamptz
) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT sha256(
        int4send(octet_length('crisis-event-v1'::bytea)) || 'crisis-event-v1'::bytea
        || int4send(octet_length(p_prev_hash)) || p_prev_hash
        || int4send(octet_length(convert_to(p_stream_id, 'UTF8'))) || convert_to(p_stream_id, 'UTF8')
        || int8send(p_stream_version)
        || uuid_send(p_event_id)
        || int4send(octet_length(convert_to(p_event_type, 'UTF8'))) || convert_to(p_event_type, 'UTF8')
        || int4send(p_schema_version)
        || int4send(octet_length(convert_to(p_data::text, 'UTF8'))) || convert_to(p_data::text, 'UTF8')
        || int4send(octet_length(convert_to(p_metadata::text, 'UTF8'))) || convert_to(p_metadata::text, 'UTF8')
        || int4send(octet_length(convert_to(p_actor, 'UTF8'))) || convert_to(p_actor, 'UTF8')
        || int8send((extract(epoch FROM p_recorded_at) * 1000000)::bigint)
    )
$$;

-- SQLSTATEs raised here (class CR is crisis's own):
--   CR400  bad input (stream id, event type, batch shape)
--   CR409  wrong expected version
--   CR413  payload over the size limit
--   CR422  command id already used for another stream
--   CR403  change to an append-only table refused
CREATE FUNCTION crisis.append_events(
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

        v_version := v_version + 1;
        v_hash := crisis.event_hash(v_prev, p_stream_id, v_version, v_event_id, v_type, v_schema_version,
                                    v_data, v_metadata, v_actor, v_now);
        INSERT INTO crisis.events (stream_id, stream_version, event_id, event_type, schema_version,
                                   data, metadata, command_id, actor, recorded_at, prev_hash, hash)
        VALUES (p_stream_id, v_version, v_event_id, v_type, v_schema_version,
                v_data, v_metadata, p_command_id, v_actor, v_now, v_prev, v_hash);
        v_prev := v_hash;
    END LOOP;

    UPDATE crisis.streams s
       SET version = v_version, head_hash = v_prev, last_recorded_at = v_now
     WHERE s.stream_id = p_stream_id;
    INSERT INTO crisis.commands (command_id, stream_id, first_version, last_version, recorded_at)
    VALUES (p_command_id, p_stream_id, v_stream.version + 1, v_version, v_now);

    PERFORM pg_notify('crisis_events', p_stream_id);

    RETURN QUERY
        SELECT e.event_id, e.stream_version, e.global_position, e.recorded_at, e.hash
        FROM crisis.events e
        WHERE e.stream_id = p_stream_id AND e.stream_version > v_stream.version
        ORDER BY e.stream_version;
END
$$;

-- Append-only, for every role including the owner. A superuser can still
-- disable triggers; that is what hash chains and signed seals detect.
CREATE FUNCTION crisis.refuse_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION '% on %.% is refused: the record is append-only; record a correction as a new event',
        TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'CR403';
END
$$;

CREATE TRIGGER events_are_append_only
    BEFORE UPDATE OR DELETE ON crisis.events
    FOR EACH ROW EXECUTE FUNCTION crisis.refuse_change();
CREATE TRIGGER events_cannot_be_truncated
    BEFORE TRUNCATE ON crisis.events
    FOR EACH STATEMENT EXECUTE FUNCTION crisis.refuse_change();
CREATE TRIGGER commands_are_append_only
    BEFORE UPDATE OR DELETE ON crisis.commands
    FOR EACH ROW EXECUTE FUNCTION crisis.refuse_change();
CREATE TRIGGER commands_cannot_be_truncated
    BEFORE TRUNCATE ON crisis.commands
    FOR EACH STATEMENT EXECUTE FUNCTION crisis.refuse_change();
CREATE TRIGGER streams_cannot_be_deleted
    BEFORE DELETE ON crisis.streams
    FOR EACH ROW EXECUTE FUNCTION crisis.refuse_change();
CREATE TRIGGER streams_cannot_be_truncated
    BEFORE TRUNCATE ON crisis.streams
    FOR EACH STATEMENT EXECUTE FUNCTION crisis.refuse_change();

-- Privileges. Roles are cluster-wide, so create them only once.
--   crisis_writer: may read and call the append function, nothing else;
--   crisis_reader: may read (auditors), never append.
DO $$
BEGIN
    BEGIN
        CREATE ROLE crisis_reader NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- another database of this cluster created it first
    END;
    BEGIN
        CREATE ROLE crisis_writer NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
    END;
END
$$;

REVOKE ALL ON SCHEMA crisis FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA crisis FROM PUBLIC;
REVOKE ALL ON FUNCTION crisis.append_events(text, bigint, uuid, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION crisis.refuse_change() FROM PUBLIC;
GRANT USAGE ON SCHEMA crisis TO crisis_reader, crisis_writer;
GRANT SELECT ON crisis.streams, crisis.events, crisis.commands TO crisis_reader, crisis_writer;
GRANT EXECUTE ON FUNCTION crisis.append_events(text, bigint, uuid, jsonb) TO crisis_writer;
GRANT SELECT ON crisis.schema_migrations TO crisis_reader, crisis_writer;
