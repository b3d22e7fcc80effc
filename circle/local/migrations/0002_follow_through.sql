-- Follow-through: a commitment records the later session that resolved it, and a
-- carried follow-up points back at the one it carries over (as carried items do).
ALTER TABLE items ADD COLUMN resolved_in_session_id CHAR(32);
ALTER TABLE follow_ups ADD COLUMN carried_from_id CHAR(32);
