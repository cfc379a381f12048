-- 0004: projections.
--
-- Read models kept in tables, fed from the gap-safe "all" reader (ordered by
-- transaction id, then global position, below the oldest running
-- transaction). Each batch of events and the checkpoint after it are written
-- in one transaction, so a projector killed mid-batch leaves the last
-- committed batch and resumes after it. Each incident's row keeps the stream
-- version it has folded up to; an event at or below it is skipped, so an event
-- seen twice changes nothing. Everything here is derived: `crisis projections
-- rebuild` empties these tables and folds every event again. Nothing here is
-- evidence; audit commands read the event streams themselves.

CREATE TABLE crisis.projection_checkpoints (
    projection      text        PRIMARY KEY,
    transaction_id  bigint      NOT NULL,
    global_position bigint      NOT NULL,
    -- Events folded in (not counting events skipped as already seen).
    events_applied  bigint      NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- The incident list: one row per incident, with its folded state so the next
-- event folds in without reading the stream again.
CREATE TABLE crisis.projected_incidents (
    incident_id      uuid        PRIMARY KEY,
    stream_id        text        NOT NULL UNIQUE,
    version          bigint      NOT NULL,
    kind             text        NOT NULL,
    title            text        NOT NULL,
    current_state    text        NOT NULL,
    lifecycle        text        NOT NULL,
    workflow_version integer     NOT NULL,
    workflow_hash    text        NOT NULL,
    opened_at        timestamptz,
    closed_at        timestamptz,
    opened_position  bigint      NOT NULL,
    state            jsonb       NOT NULL
);
CREATE INDEX projected_incidents_listing ON crisis.projected_incidents (opened_position);

-- The legal queue: messages waiting for approvals, with who may not approve them.
CREATE TABLE crisis.projected_legal_queue (
    incident_id       uuid        NOT NULL,
    message_id        text        NOT NULL,
    submitted_at      timestamptz,
    outstanding_roles text[]      NOT NULL,
    authors           text[]      NOT NULL,
    approvers         text[]      NOT NULL,
    approval          jsonb       NOT NULL,
    PRIMARY KEY (incident_id, message_id)
);

-- Open deadlines: every clock of an open incident not yet met.
CREATE TABLE crisis.projected_open_deadlines (
    incident_id  uuid        NOT NULL,
    deadline_id  text        NOT NULL,
    due_at       timestamptz NOT NULL,
    deadline     jsonb       NOT NULL,
    PRIMARY KEY (incident_id, deadline_id)
);
CREATE INDEX projected_open_deadlines_due ON crisis.projected_open_deadlines (due_at);

-- Incident metrics: what the policy review aggregates.
CREATE TABLE crisis.projected_incident_metrics (
    incident_id            uuid        PRIMARY KEY,
    kind                   text        NOT NULL,
    workflow_version       integer     NOT NULL,
    opened_at              timestamptz NOT NULL,
    closed_at              timestamptz,
    first_response_seconds double precision,
    post_mortem_status     text        NOT NULL,
    metrics                jsonb       NOT NULL
);
CREATE INDEX projected_incident_metrics_kind ON crisis.projected_incident_metrics (kind, opened_at);

-- Policy proposals, folded from their `policy-<uuid>` streams.
CREATE TABLE crisis.projected_policy_proposals (
    proposal_id   uuid        PRIMARY KEY,
    stream_id     text        NOT NULL UNIQUE,
    version       bigint      NOT NULL,
    workflow_kind text        NOT NULL,
    status        text        NOT NULL,
    proposed_at   timestamptz,
    proposal      jsonb       NOT NULL
);

-- Workflow versions published (first used), from the `workflow-<kind>` streams.
CREATE TABLE crisis.projected_workflow_versions (
    kind            text        NOT NULL,
    version         integer     NOT NULL,
    content_hash    text        NOT NULL,
    overlays        text[]      NOT NULL,
    published_at    timestamptz NOT NULL,
    global_position bigint      NOT NULL,
    PRIMARY KEY (kind, global_position)
);

-- Writers keep projections up to date as a side effect of their commands;
-- readers (auditors) read them and are told how far behind they are.
GRANT SELECT, INSERT, UPDATE, DELETE ON
    crisis.projection_checkpoints, crisis.projected_incidents, crisis.projected_legal_queue,
    crisis.projected_open_deadlines, crisis.projected_incident_metrics, crisis.projected_policy_proposals,
    crisis.projected_workflow_versions
    TO crisis_writer;
GRANT SELECT ON
    crisis.projection_checkpoints, crisis.projected_incidents, crisis.projected_legal_queue,
    crisis.projected_open_deadlines, crisis.projected_incident_metrics, crisis.projected_policy_proposals,
    crisis.projected_workflow_versions
    TO crisis_reader;
