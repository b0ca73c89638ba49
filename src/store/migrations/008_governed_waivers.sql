-- GoLive Planner schema, migration 008: what a stakeholder needs to judge a task's state.
-- A blocked task keeps why it is blocked; a waiver names its approver, the day it was
-- approved, the risk the go-live accepts and the control that limits it; a decision made
-- from a report keeps that report's id and the SHA-256 of its sealed data. All NULL on rows
-- written before: unknown, shown as such.
ALTER TABLE item ADD COLUMN blocked_reason TEXT;
ALTER TABLE item ADD COLUMN waiver_approver TEXT;
ALTER TABLE item ADD COLUMN waiver_approved_on TEXT;
ALTER TABLE item ADD COLUMN waiver_accepted_risk TEXT;
ALTER TABLE item ADD COLUMN waiver_control TEXT;
ALTER TABLE decision ADD COLUMN report_id TEXT;
ALTER TABLE decision ADD COLUMN report_sha256 TEXT;
