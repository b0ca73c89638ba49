-- Version 4, after every row has its global id: ids are unique, and the event log is
-- append-only again.
CREATE UNIQUE INDEX plan_gid ON plan (gid);
CREATE UNIQUE INDEX evidence_gid ON evidence (gid);
CREATE UNIQUE INDEX probe_run_gid ON probe_run (gid);
CREATE UNIQUE INDEX stakeholder_gid ON stakeholder (gid);
CREATE UNIQUE INDEX decision_gid ON decision (gid);
CREATE UNIQUE INDEX event_gid ON event (gid);
CREATE INDEX event_by_hlc ON event (hlc);

CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;
