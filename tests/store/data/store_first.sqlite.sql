-- A store database written by circle's first store (commit 8fe0ce7), before the store kept
-- its schema's versions: a registered session with its circle, two members, the session,
-- an ask and a note pushed, and Bo Lind joined from a phone. Dumped with sqlite3's iterdump.
BEGIN TRANSACTION;
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
INSERT INTO "attendances" VALUES('e31ea40751e051b39b28ed41e93537c1','000001795662573464.00000.sa539ff5a3ca6',0,'2026-11-26 03:09:33.464816','2026-11-26 03:09:33.464935','0c1c0000000040008000000000000004','0c1c0000000040008000000000000003',1,NULL,'2026-11-26 03:09:33.464935',NULL);
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
INSERT INTO "circles" VALUES('0c1c0000000040008000000000000001','000001764028800001.00000.r0000000001',0,'2026-11-26 03:09:33.422277','2026-11-26 03:09:33.422296','Rivermill Main Street','','classic',NULL);
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
	carried_from_id CHAR(32), 
	PRIMARY KEY (id)
);
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
	resolved_in_session_id CHAR(32), 
	PRIMARY KEY (id)
);
INSERT INTO "items" VALUES('0c1c0000000040008000000000000005','000001764028800005.00000.r0000000001',0,'2026-11-26 03:09:33.423403','2026-11-26 03:09:33.423411','0c1c0000000040008000000000000001','0c1c0000000040008000000000000004',NULL,'0c1c0000000040008000000000000002','ask',NULL,'An intro to a flour mill','facilitator','open',0,NULL,NULL,NULL);
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
INSERT INTO "members" VALUES('0c1c0000000040008000000000000002','000001764028800002.00000.r0000000001',0,'2026-11-26 03:09:33.422979','2026-11-26 03:09:33.422994','0c1c0000000040008000000000000001','Ana Ruiz','Bakery','ana@example.org',0,1);
INSERT INTO "members" VALUES('0c1c0000000040008000000000000003','000001764028800003.00000.r0000000001',0,'2026-11-26 03:09:33.423133','2026-11-26 03:09:33.423142','0c1c0000000040008000000000000001','Bo Lind','HVAC','',0,1);
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
INSERT INTO "notes" VALUES('0c1c0000000040008000000000000006','000001764028800006.00000.r0000000001',0,'2026-11-26 03:09:33.423590','2026-11-26 03:09:33.423598','0c1c0000000040008000000000000004',NULL,'facilitator','Ana wants to grow wholesale.',0,NULL);
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
INSERT INTO "sessions" VALUES('0c1c0000000040008000000000000004','000001764028800004.00000.r0000000001',0,'2026-11-26 03:09:33.423219','2026-11-26 03:09:33.423227','0c1c0000000040008000000000000001','classic','planned',NULL,NULL,NULL,NULL,NULL,NULL,'');
CREATE TABLE store_changes (
	session_id CHAR(32) NOT NULL, 
	seq BIGINT NOT NULL, 
	table_name VARCHAR(32) NOT NULL, 
	record_id CHAR(32) NOT NULL, 
	version VARCHAR(64) NOT NULL, 
	payload TEXT NOT NULL, 
	PRIMARY KEY (session_id, seq)
);
INSERT INTO "store_changes" VALUES('0c1c0000000040008000000000000004',1,'circles','0c1c0000000040008000000000000001','000001764028800001.00000.r0000000001','{"id":"0c1c0000-0000-4000-8000-000000000001","version":"000001764028800001.00000.r0000000001","deleted":false,"created_at":"2026-11-26T03:09:33.422277Z","updated_at":"2026-11-26T03:09:33.422296Z","name":"Rivermill Main Street","description":"","default_format":"classic","next_session_at":null}');
INSERT INTO "store_changes" VALUES('0c1c0000000040008000000000000004',2,'members','0c1c0000000040008000000000000002','000001764028800002.00000.r0000000001','{"id":"0c1c0000-0000-4000-8000-000000000002","version":"000001764028800002.00000.r0000000001","deleted":false,"created_at":"2026-11-26T03:09:33.422979Z","updated_at":"2026-11-26T03:09:33.422994Z","circle_id":"0c1c0000-0000-4000-8000-000000000001","name":"Ana Ruiz","business":"Bakery","contact":"ana@example.org","is_guest":false,"active":true}');
INSERT INTO "store_changes" VALUES('0c1c0000000040008000000000000004',3,'members','0c1c0000000040008000000000000003','000001764028800003.00000.r0000000001','{"id":"0c1c0000-0000-4000-8000-000000000003","version":"000001764028800003.00000.r0000000001","deleted":false,"created_at":"2026-11-26T03:09:33.423133Z","updated_at":"2026-11-26T03:09:33.423142Z","circle_id":"0c1c0000-0000-4000-8000-000000000001","name":"Bo Lind","business":"HVAC","contact":"","is_guest":false,"active":true}');
INSERT INTO "store_changes" VALUES('0c1c0000000040008000000000000004',4,'sessions','0c1c0000000040008000000000000004','000001764028800004.00000.r0000000001','{"id":"0c1c0000-0000-4000-8000-000000000004","version":"000001764028800004.00000.r0000000001","deleted":false,"created_at":"2026-11-26T03:09:33.423219Z","updated_at":"2026-11-26T03:09:33.423227Z","circle_id":"0c1c0000-0000-4000-8000-000000000001","format":"classic","status":"planned","scheduled_at":null,"started_at":null,"ended_at":null,"join_code":null,"public_url":null,"current_turn_id":null,"hot_seat_ids":""}');
INSERT INTO "store_changes" VALUES('0c1c0000000040008000000000000004',5,'items','0c1c0000000040008000000000000005','000001764028800005.00000.r0000000001','{"id":"0c1c0000-0000-4000-8000-000000000005","version":"000001764028800005.00000.r0000000001","deleted":false,"created_at":"2026-11-26T03:09:33.423403Z","updated_at":"2026-11-26T03:09:33.423411Z","circle_id":"0c1c0000-0000-4000-8000-000000000001","session_id":"0c1c0000-0000-4000-8000-000000000004","turn_id":null,"member_id":"0c1c0000-0000-4000-8000-000000000002","kind":"ask","help":null,"text":"An intro to a flour mill","source":"facilitator","status":"open","private":false,"due":null,"carried_from_id":null,"resolved_in_session_id":null}');
INSERT INTO "store_changes" VALUES('0c1c0000000040008000000000000004',6,'notes','0c1c0000000040008000000000000006','000001764028800006.00000.r0000000001','{"id":"0c1c0000-0000-4000-8000-000000000006","version":"000001764028800006.00000.r0000000001","deleted":false,"created_at":"2026-11-26T03:09:33.423590Z","updated_at":"2026-11-26T03:09:33.423598Z","session_id":"0c1c0000-0000-4000-8000-000000000004","turn_id":null,"author":"facilitator","text":"Ana wants to grow wholesale.","private":false,"conflict_of":null}');
INSERT INTO "store_changes" VALUES('0c1c0000000040008000000000000004',7,'attendances','e31ea40751e051b39b28ed41e93537c1','000001795662573464.00000.sa539ff5a3ca6','{"id":"e31ea407-51e0-51b3-9b28-ed41e93537c1","version":"000001795662573464.00000.sa539ff5a3ca6","deleted":false,"created_at":"2026-11-26T03:09:33.464816Z","updated_at":"2026-11-26T03:09:33.464935Z","session_id":"0c1c0000-0000-4000-8000-000000000004","member_id":"0c1c0000-0000-4000-8000-000000000003","present":true,"arrived_at":null,"joined_at":"2026-11-26T03:09:33.464935Z","hand_raised_at":null}');
CREATE TABLE store_note_versions (
	note_id CHAR(32) NOT NULL, 
	version VARCHAR(64) NOT NULL, 
	PRIMARY KEY (note_id, version)
);
INSERT INTO "store_note_versions" VALUES('0c1c0000000040008000000000000006','000001764028800006.00000.r0000000001');
CREATE TABLE store_participants (
	token_hash VARCHAR(64) NOT NULL, 
	session_id CHAR(32) NOT NULL, 
	member_id CHAR(32) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (token_hash)
);
INSERT INTO "store_participants" VALUES('35736023ead3d36db67209387ceb04e78b52eed4d537742a2d3a920844347465','0c1c0000000040008000000000000004','0c1c0000000040008000000000000003','2026-11-26 03:09:33.465106');
CREATE TABLE store_sessions (
	id CHAR(32) NOT NULL, 
	circle_id CHAR(32) NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	join_code VARCHAR(16), 
	closed_at DATETIME, 
	last_seq BIGINT NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (token_hash), 
	UNIQUE (join_code)
);
INSERT INTO "store_sessions" VALUES('0c1c0000000040008000000000000004','0c1c0000000040008000000000000001','0367faa069b66656d683dc02589ea2fa71b88a3e8ff63dfb80d8b1d23a8757c1','UWM35F',NULL,7,'2026-11-26 03:09:33.407387');
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
CREATE INDEX ix_circles_name ON circles (name);
CREATE INDEX ix_members_circle_id ON members (circle_id);
CREATE INDEX ix_sessions_circle_id ON sessions (circle_id);
CREATE INDEX ix_attendances_session_id ON attendances (session_id);
CREATE INDEX ix_attendances_member_id ON attendances (member_id);
CREATE INDEX ix_turns_member_id ON turns (member_id);
CREATE INDEX ix_turns_session_id ON turns (session_id);
CREATE INDEX ix_items_member_id ON items (member_id);
CREATE INDEX ix_items_circle_id ON items (circle_id);
CREATE INDEX ix_items_session_id ON items (session_id);
CREATE INDEX ix_matches_session_id ON matches (session_id);
CREATE INDEX ix_matches_offer_id ON matches (offer_id);
CREATE INDEX ix_matches_ask_id ON matches (ask_id);
CREATE INDEX ix_follow_ups_session_id ON follow_ups (session_id);
CREATE INDEX ix_follow_ups_owner_id ON follow_ups (owner_id);
CREATE INDEX ix_follow_ups_circle_id ON follow_ups (circle_id);
CREATE INDEX ix_thanks_session_id ON thanks (session_id);
CREATE INDEX ix_thanks_to_member_id ON thanks (to_member_id);
CREATE INDEX ix_thanks_from_member_id ON thanks (from_member_id);
CREATE INDEX ix_notes_turn_id ON notes (turn_id);
CREATE INDEX ix_notes_session_id ON notes (session_id);
CREATE INDEX ix_store_sessions_circle_id ON store_sessions (circle_id);
CREATE UNIQUE INDEX ux_store_changes_record ON store_changes (session_id, record_id);
CREATE INDEX ix_store_participants_member ON store_participants (session_id, member_id);
COMMIT;
