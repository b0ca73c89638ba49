-- GoLive Planner schema, migration 009: evidence can be corrected, and a plan has people.
--
-- Evidence is never deleted: a retracted item keeps its row with who retracted it, when and
-- why, and leaves the readiness verdict and the report. An edit keeps the row and logs the
-- old text in the history; `edited_at`/`edited_by` say that the text is not the original.
ALTER TABLE evidence ADD COLUMN edited_at TEXT;
ALTER TABLE evidence ADD COLUMN edited_by TEXT;
ALTER TABLE evidence ADD COLUMN retracted_at TEXT;
ALTER TABLE evidence ADD COLUMN retracted_by TEXT;
ALTER TABLE evidence ADD COLUMN retract_reason TEXT;

-- The people of a plan: who owns tasks, signs off and gets reminders.
CREATE TABLE person (
    id         INTEGER PRIMARY KEY,
    gid        TEXT NOT NULL UNIQUE,
    plan_id    INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    role       TEXT,
    email      TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (plan_id, name)
) STRICT;
