-- GoLive Planner schema, version 4: ids that travel, a clock that orders events across
-- machines, and decisions as rows of their own.
-- The Rust step of this migration (migrations.rs, `global_ids`) gives every existing row
-- its UUIDv7 and every existing event its clock stamp; the unique indexes come after it.

ALTER TABLE plan ADD COLUMN gid TEXT;
ALTER TABLE evidence ADD COLUMN gid TEXT;
ALTER TABLE probe_run ADD COLUMN gid TEXT;

-- The event gains its global id, its clock stamp (MILLIS-COUNTER-NODE, sorts as it orders),
-- the global id of its plan (events outlive plans) and the global ids of what it touches
-- (a JSON array). `who` stays its author.
ALTER TABLE event ADD COLUMN gid TEXT;
ALTER TABLE event ADD COLUMN hlc TEXT;
ALTER TABLE event ADD COLUMN plan_gid TEXT;
ALTER TABLE event ADD COLUMN touches TEXT NOT NULL DEFAULT '[]';

-- Stakeholders keep who they are; each decision becomes a row with its own id, author and
-- time, so a changed decision no longer overwrites the one before it.
CREATE TABLE stakeholder_v4 (
    id         INTEGER PRIMARY KEY,
    gid        TEXT,
    plan_id    INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    email      TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (plan_id, name)
) STRICT;

INSERT INTO stakeholder_v4 (id, plan_id, name, role, email, created_at)
SELECT id, plan_id, name, role, email, created_at FROM stakeholder;

CREATE TABLE decision (
    id             INTEGER PRIMARY KEY,
    gid            TEXT,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholder_v4 (id) ON DELETE CASCADE,
    decision       TEXT NOT NULL CHECK (decision IN ('go', 'go-with-conditions', 'no-go')),
    conditions     TEXT,
    decided_on     TEXT NOT NULL,  -- the day the stakeholder decided, 'YYYY-MM-DD'
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL
) STRICT;

-- Who recorded a decision before this version is not known; the database's user is the
-- best guess, since sign-offs were recorded on this machine.
INSERT INTO decision (stakeholder_id, decision, conditions, decided_on, recorded_at, recorded_by)
SELECT id, decision, conditions, decided_on, created_at,
       coalesce((SELECT value FROM setting WHERE key = 'user.name'), 'unknown')
FROM stakeholder WHERE decision IS NOT NULL AND decided_on IS NOT NULL;

DROP TABLE stakeholder;
ALTER TABLE stakeholder_v4 RENAME TO stakeholder;

CREATE INDEX decision_by_stakeholder ON decision (stakeholder_id, id);

-- The Rust step fills the new event columns, which the append-only trigger would refuse.
DROP TRIGGER event_no_update;
