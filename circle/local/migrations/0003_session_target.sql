-- A session's intended length, fixed when it is planned, so a restarted console
-- knows how late it is running without re-reading the format.
ALTER TABLE sessions ADD COLUMN planned_seconds FLOAT NOT NULL DEFAULT 0;
