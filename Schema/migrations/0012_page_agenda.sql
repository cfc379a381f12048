-- 0012: the page runner's agenda (issue 11).
--
-- One row per incident the runner has worked on: the stream version it had
-- folded up to, and the next moment at which time alone may make a page owed
-- (an acknowledgement running out, a retry, a reminder, a deadline coming
-- due; NULL when none is ahead). A pass works on the incidents written since
-- (their stream is further on than the row) and on those whose moment has
-- come, not on every incident.
--
-- Why stream versions and not a checkpoint in the gap-safe "all" order: that
-- reader stops below the oldest transaction running anywhere in the cluster,
-- so one long transaction (a report, a backup, another database's batch)
-- would hold every page back for as long as it runs. A page cannot wait for
-- that; a stream's version is exact the moment its transaction commits.
-- Everything here is derived: deleting a row makes the next pass work on
-- that incident again.
CREATE TABLE crisis.page_agenda (
    stream_id    text        PRIMARY KEY,
    paged_version bigint     NOT NULL,
    next_check   timestamptz,
    updated_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX page_agenda_due ON crisis.page_agenda (next_check) WHERE next_check IS NOT NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON crisis.page_agenda TO crisis_writer;
GRANT SELECT ON crisis.page_agenda TO crisis_reader;

-- Need to know (0007): a restricted incident's row is there only for those
-- who may see the incident.
ALTER TABLE crisis.page_agenda ENABLE ROW LEVEL SECURITY;
CREATE POLICY need_to_know ON crisis.page_agenda
    USING (stream_id NOT IN (SELECT unnest(crisis.hidden_streams())));
