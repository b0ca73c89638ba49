-- GoLive Planner schema, version 5: a plan can move to a new version of its template.
-- A task the new version drops is retired, never deleted: its row, evidence and history
-- stay, and `retired_from` names the template version that still describes it. A task an
-- update brings is marked with the version it came with; a done task whose requirements
-- changed carries why it should be confirmed again.
ALTER TABLE item ADD COLUMN added_in TEXT;
ALTER TABLE item ADD COLUMN retired_at TEXT;
ALTER TABLE item ADD COLUMN retired_from TEXT REFERENCES template (sha256);
ALTER TABLE item ADD COLUMN reconfirm TEXT;
