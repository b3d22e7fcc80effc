-- circle local replica, schema 1: the records of DESIGN.md §6, the outbox and metadata.
CREATE TABLE meta (
	key VARCHAR(64) NOT NULL PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE outbox (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	table_name VARCHAR(32) NOT NULL,
	record_id CHAR(32) NOT NULL UNIQUE,
	version VARCHAR(64) NOT NULL,
	base_version VARCHAR(64) NOT NULL,
	payload TEXT NOT NULL,
	queued_at DATETIME NOT NULL
);
CREATE TABLE circles (
	id CHAR(32) NOT NULL, 
	version VARCHAR(64) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	name VARCHAR(120) NOT NULL, 
	description VARCHAR(1000) NOT NULL, 
	default_format VARCHAR(64) NOT NULL, 
	next_session_at DATETIME, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_circles_name ON circles (name);
CREATE TABLE members (
	id CHAR(32) NOT NULL, 
	version VARCHAR(64) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	circle_id CHAR(32) NOT NULL, 
	name VARCHAR(120) NOT NULL, 
	business VARCHAR(200) NOT NULL, 
	contact VARCHAR(200) NOT NULL, 
	is_guest BOOLEAN NOT NULL, 
	active BOOLEAN NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_members_circle_id ON members (circle_id);
CREATE TABLE sessions (
	id CHAR(32) NOT NULL, 
	version VARCHAR(64) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	circle_id CHAR(32) NOT NULL, 
	format VARCHAR(64) NOT NULL, 
	status VARCHAR(24) NOT NULL, 
	scheduled_at DATETIME, 
	started_at DATETIME, 
	ended_at DATETIME, 
	join_code VARCHAR(16), 
	public_url VARCHAR(300), 
	current_turn_id CHAR(32), 
	hot_seat_ids VARCHAR(2000) NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_sessions_circle_id ON sessions (circle_id);
CREATE TABLE attendances (
	id CHAR(32) NOT NULL, 
	version VARCHAR(64) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	session_id CHAR(32) NOT NULL, 
	member_id CHAR(32) NOT NULL, 
	present BOOLEAN NOT NULL, 
	arrived_at DATETIME, 
	joined_at DATETIME, 
	hand_raised_at DATETIME, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_attendances_member_id ON attendances (member_id);
CREATE INDEX ix_attendances_session_id ON attendances (session_id);
CREATE TABLE turns (
	id CHAR(32) NOT NULL, 
	version VARCHAR(64) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	session_id CHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	phase_index INTEGER NOT NULL, 
	phase_key VARCHAR(64) NOT NULL, 
	phase_title VARCHAR(120) NOT NULL, 
	step VARCHAR(120), 
	member_id CHAR(32), 
	planned_seconds FLOAT NOT NULL, 
	status VARCHAR(24) NOT NULL, 
	started_at DATETIME, 
	resumed_at DATETIME, 
	paused_at DATETIME, 
	ended_at DATETIME, 
	used_seconds FLOAT NOT NULL, 
	overtime_seconds FLOAT NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_turns_member_id ON turns (member_id);
CREATE INDEX ix_turns_session_id ON turns (session_id);
CREATE TABLE items (
	id CHAR(32) NOT NULL, 
	version VARCHAR(64) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	circle_id CHAR(32) NOT NULL, 
	session_id CHAR(32), 
	turn_id CHAR(32), 
	member_id CHAR(32) NOT NULL, 
	kind VARCHAR(24) NOT NULL, 
	help VARCHAR(24), 
	text VARCHAR(1000) NOT NULL, 
	source VARCHAR(24) NOT NULL, 
	status VARCHAR(24) NOT NULL, 
	private BOOLEAN NOT NULL, 
	due DATE, 
	carried_from_id CHAR(32), 
	PRIMARY KEY (id)
);
CREATE INDEX ix_items_circle_id ON items (circle_id);
CREATE INDEX ix_items_member_id ON items (member_id);
CREATE INDEX ix_items_session_id ON items (session_id);
CREATE TABLE matches (
	id CHAR(32) NOT NULL, 
	version VARCHAR(64) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	session_id CHAR(32) NOT NULL, 
	ask_id CHAR(32) NOT NULL, 
	offer_id CHAR(32) NOT NULL, 
	score FLOAT NOT NULL, 
	reason VARCHAR(400) NOT NULL, 
	state VARCHAR(24) NOT NULL, 
	decided_at DATETIME, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_matches_ask_id ON matches (ask_id);
CREATE INDEX ix_matches_offer_id ON matches (offer_id);
CREATE INDEX ix_matches_session_id ON matches (session_id);
CREATE TABLE follow_ups (
	id CHAR(32) NOT NULL, 
	version VARCHAR(64) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	circle_id CHAR(32) NOT NULL, 
	session_id CHAR(32) NOT NULL, 
	match_id CHAR(32), 
	item_id CHAR(32), 
	owner_id CHAR(32) NOT NULL, 
	action VARCHAR(1000) NOT NULL, 
	due DATE, 
	status VARCHAR(24) NOT NULL, 
	done_at DATETIME, 
	resolved_in_session_id CHAR(32), 
	PRIMARY KEY (id)
);
CREATE INDEX ix_follow_ups_circle_id ON follow_ups (circle_id);
CREATE INDEX ix_follow_ups_owner_id ON follow_ups (owner_id);
CREATE INDEX ix_follow_ups_session_id ON follow_ups (session_id);
CREATE TABLE thanks (
	id CHAR(32) NOT NULL, 
	version VARCHAR(64) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	session_id CHAR(32) NOT NULL, 
	from_member_id CHAR(32) NOT NULL, 
	to_member_id CHAR(32) NOT NULL, 
	match_id CHAR(32), 
	message VARCHAR(1000) NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_thanks_from_member_id ON thanks (from_member_id);
CREATE INDEX ix_thanks_session_id ON thanks (session_id);
CREATE INDEX ix_thanks_to_member_id ON thanks (to_member_id);
CREATE TABLE notes (
	id CHAR(32) NOT NULL, 
	version VARCHAR(64) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	session_id CHAR(32) NOT NULL, 
	turn_id CHAR(32), 
	author VARCHAR(120) NOT NULL, 
	text VARCHAR(20000) NOT NULL, 
	private BOOLEAN NOT NULL, 
	conflict_of CHAR(32), 
	PRIMARY KEY (id)
);
CREATE INDEX ix_notes_session_id ON notes (session_id);
CREATE INDEX ix_notes_turn_id ON notes (turn_id);
