-- 0012: the page runner's agenda (issue 11).
--
-- `crisis page run` follows the gap-safe "all" reader with a checkpoint of its
-- own, kept in crisis.projection_checkpoints as 'pages:' and the login that
-- runs it: a login that may not see restricted incidents must not carry a
-- checkpoint past events it could not read for a login that can.
--
-- Between events, time alone makes pages owed (an acknowledgement running
-- out, a retry, a deadline coming due). Each incident's next such moment is
-- kept here, so a pass works on the incidents written since its checkpoint and
-- on those whose moment has come, not on every incident. Everything here is
-- derived: a runner without a checkpoint works on every incident and writes
-- it again.
CREATE TABLE crisis.page_agenda (
    stream_id  text        PRIMARY KEY,
    next_check timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX page_agenda_due ON crisis.page_agenda (next_check);

GRANT SELECT, INSERT, UPDATE, DELETE ON crisis.page_agenda TO crisis_writer;
GRANT SELECT ON crisis.page_agenda TO crisis_reader;

-- Need to know (0007): a restricted incident's moment is there only for those
-- who may see the incident.
ALTER TABLE crisis.page_agenda ENABLE ROW LEVEL SECURITY;
CREATE POLICY need_to_know ON crisis.page_agenda
    USING (stream_id NOT IN (SELECT unnest(crisis.hidden_streams())));
