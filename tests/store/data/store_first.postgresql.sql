-- A store database written by circle's first store (commit 8fe0ce7), before the store kept
-- its schema's versions: a registered session with its circle, two members, the session,
-- an ask and a note pushed, and Bo Lind joined from a phone. Dumped with pg_dump --inserts.

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

CREATE TABLE public.attendances (
    id uuid NOT NULL,
    version character varying(64) NOT NULL,
    deleted boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    session_id uuid NOT NULL,
    member_id uuid NOT NULL,
    present boolean NOT NULL,
    arrived_at timestamp with time zone,
    joined_at timestamp with time zone,
    hand_raised_at timestamp with time zone
);

CREATE TABLE public.circles (
    id uuid NOT NULL,
    version character varying(64) NOT NULL,
    deleted boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    name character varying(120) NOT NULL,
    description character varying(1000) NOT NULL,
    default_format character varying(64) NOT NULL,
    next_session_at timestamp with time zone
);

CREATE TABLE public.follow_ups (
    id uuid NOT NULL,
    version character varying(64) NOT NULL,
    deleted boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    circle_id uuid NOT NULL,
    session_id uuid NOT NULL,
    match_id uuid,
    item_id uuid,
    owner_id uuid NOT NULL,
    action character varying(1000) NOT NULL,
    due date,
    status character varying(24) NOT NULL,
    done_at timestamp with time zone,
    resolved_in_session_id uuid,
    carried_from_id uuid
);

CREATE TABLE public.items (
    id uuid NOT NULL,
    version character varying(64) NOT NULL,
    deleted boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    circle_id uuid NOT NULL,
    session_id uuid,
    turn_id uuid,
    member_id uuid NOT NULL,
    kind character varying(24) NOT NULL,
    help character varying(24),
    text character varying(1000) NOT NULL,
    source character varying(24) NOT NULL,
    status character varying(24) NOT NULL,
    private boolean NOT NULL,
    due date,
    carried_from_id uuid,
    resolved_in_session_id uuid
);

CREATE TABLE public.matches (
    id uuid NOT NULL,
    version character varying(64) NOT NULL,
    deleted boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    session_id uuid NOT NULL,
    ask_id uuid NOT NULL,
    offer_id uuid NOT NULL,
    score double precision NOT NULL,
    reason character varying(400) NOT NULL,
    state character varying(24) NOT NULL,
    decided_at timestamp with time zone
);

CREATE TABLE public.members (
    id uuid NOT NULL,
    version character varying(64) NOT NULL,
    deleted boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    circle_id uuid NOT NULL,
    name character varying(120) NOT NULL,
    business character varying(200) NOT NULL,
    contact character varying(200) NOT NULL,
    is_guest boolean NOT NULL,
    active boolean NOT NULL
);

CREATE TABLE public.notes (
    id uuid NOT NULL,
    version character varying(64) NOT NULL,
    deleted boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    session_id uuid NOT NULL,
    turn_id uuid,
    author character varying(120) NOT NULL,
    text character varying(20000) NOT NULL,
    private boolean NOT NULL,
    conflict_of uuid
);

CREATE TABLE public.sessions (
    id uuid NOT NULL,
    version character varying(64) NOT NULL,
    deleted boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    circle_id uuid NOT NULL,
    format character varying(64) NOT NULL,
    status character varying(24) NOT NULL,
    scheduled_at timestamp with time zone,
    started_at timestamp with time zone,
    ended_at timestamp with time zone,
    join_code character varying(16),
    public_url character varying(300),
    current_turn_id uuid,
    hot_seat_ids character varying(2000) NOT NULL
);

CREATE TABLE public.store_changes (
    session_id uuid NOT NULL,
    seq bigint NOT NULL,
    table_name character varying(32) NOT NULL,
    record_id uuid NOT NULL,
    version character varying(64) NOT NULL,
    payload text NOT NULL
);

CREATE TABLE public.store_note_versions (
    note_id uuid NOT NULL,
    version character varying(64) NOT NULL
);

CREATE TABLE public.store_participants (
    token_hash character varying(64) NOT NULL,
    session_id uuid NOT NULL,
    member_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE public.store_sessions (
    id uuid NOT NULL,
    circle_id uuid NOT NULL,
    token_hash character varying(64) NOT NULL,
    join_code character varying(16),
    closed_at timestamp with time zone,
    last_seq bigint NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE public.thanks (
    id uuid NOT NULL,
    version character varying(64) NOT NULL,
    deleted boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    session_id uuid NOT NULL,
    from_member_id uuid NOT NULL,
    to_member_id uuid NOT NULL,
    match_id uuid,
    message character varying(1000) NOT NULL
);

CREATE TABLE public.turns (
    id uuid NOT NULL,
    version character varying(64) NOT NULL,
    deleted boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    session_id uuid NOT NULL,
    "position" integer NOT NULL,
    phase_index integer NOT NULL,
    phase_key character varying(64) NOT NULL,
    phase_title character varying(120) NOT NULL,
    step character varying(120),
    member_id uuid,
    planned_seconds double precision NOT NULL,
    status character varying(24) NOT NULL,
    started_at timestamp with time zone,
    resumed_at timestamp with time zone,
    paused_at timestamp with time zone,
    ended_at timestamp with time zone,
    used_seconds double precision NOT NULL,
    overtime_seconds double precision NOT NULL
);

INSERT INTO public.attendances VALUES ('e31ea407-51e0-51b3-9b28-ed41e93537c1', '000001795662588866.00000.s1f11eb7f71b4', false, '2026-11-26 03:09:48.866749+00', '2026-11-26 03:09:48.866882+00', '0c1c0000-0000-4000-8000-000000000004', '0c1c0000-0000-4000-8000-000000000003', true, NULL, '2026-11-26 03:09:48.866882+00', NULL);

INSERT INTO public.circles VALUES ('0c1c0000-0000-4000-8000-000000000001', '000001764028800001.00000.r0000000001', false, '2026-11-26 03:09:48.812652+00', '2026-11-26 03:09:48.812669+00', 'Rivermill Main Street', '', 'classic', NULL);

INSERT INTO public.items VALUES ('0c1c0000-0000-4000-8000-000000000005', '000001764028800005.00000.r0000000001', false, '2026-11-26 03:09:48.81324+00', '2026-11-26 03:09:48.813248+00', '0c1c0000-0000-4000-8000-000000000001', '0c1c0000-0000-4000-8000-000000000004', NULL, '0c1c0000-0000-4000-8000-000000000002', 'ask', NULL, 'An intro to a flour mill', 'facilitator', 'open', false, NULL, NULL, NULL);

INSERT INTO public.members VALUES ('0c1c0000-0000-4000-8000-000000000002', '000001764028800002.00000.r0000000001', false, '2026-11-26 03:09:48.812858+00', '2026-11-26 03:09:48.812867+00', '0c1c0000-0000-4000-8000-000000000001', 'Ana Ruiz', 'Bakery', 'ana@example.org', false, true);
INSERT INTO public.members VALUES ('0c1c0000-0000-4000-8000-000000000003', '000001764028800003.00000.r0000000001', false, '2026-11-26 03:09:48.813029+00', '2026-11-26 03:09:48.813037+00', '0c1c0000-0000-4000-8000-000000000001', 'Bo Lind', 'HVAC', '', false, true);

INSERT INTO public.notes VALUES ('0c1c0000-0000-4000-8000-000000000006', '000001764028800006.00000.r0000000001', false, '2026-11-26 03:09:48.813382+00', '2026-11-26 03:09:48.813389+00', '0c1c0000-0000-4000-8000-000000000004', NULL, 'facilitator', 'Ana wants to grow wholesale.', false, NULL);

INSERT INTO public.sessions VALUES ('0c1c0000-0000-4000-8000-000000000004', '000001764028800004.00000.r0000000001', false, '2026-11-26 03:09:48.813105+00', '2026-11-26 03:09:48.813113+00', '0c1c0000-0000-4000-8000-000000000001', 'classic', 'planned', NULL, NULL, NULL, NULL, NULL, NULL, '');

INSERT INTO public.store_changes VALUES ('0c1c0000-0000-4000-8000-000000000004', 1, 'circles', '0c1c0000-0000-4000-8000-000000000001', '000001764028800001.00000.r0000000001', '{"id":"0c1c0000-0000-4000-8000-000000000001","version":"000001764028800001.00000.r0000000001","deleted":false,"created_at":"2026-11-26T03:09:48.812652Z","updated_at":"2026-11-26T03:09:48.812669Z","name":"Rivermill Main Street","description":"","default_format":"classic","next_session_at":null}');
INSERT INTO public.store_changes VALUES ('0c1c0000-0000-4000-8000-000000000004', 2, 'members', '0c1c0000-0000-4000-8000-000000000002', '000001764028800002.00000.r0000000001', '{"id":"0c1c0000-0000-4000-8000-000000000002","version":"000001764028800002.00000.r0000000001","deleted":false,"created_at":"2026-11-26T03:09:48.812858Z","updated_at":"2026-11-26T03:09:48.812867Z","circle_id":"0c1c0000-0000-4000-8000-000000000001","name":"Ana Ruiz","business":"Bakery","contact":"ana@example.org","is_guest":false,"active":true}');
INSERT INTO public.store_changes VALUES ('0c1c0000-0000-4000-8000-000000000004', 3, 'members', '0c1c0000-0000-4000-8000-000000000003', '000001764028800003.00000.r0000000001', '{"id":"0c1c0000-0000-4000-8000-000000000003","version":"000001764028800003.00000.r0000000001","deleted":false,"created_at":"2026-11-26T03:09:48.813029Z","updated_at":"2026-11-26T03:09:48.813037Z","circle_id":"0c1c0000-0000-4000-8000-000000000001","name":"Bo Lind","business":"HVAC","contact":"","is_guest":false,"active":true}');
INSERT INTO public.store_changes VALUES ('0c1c0000-0000-4000-8000-000000000004', 4, 'sessions', '0c1c0000-0000-4000-8000-000000000004', '000001764028800004.00000.r0000000001', '{"id":"0c1c0000-0000-4000-8000-000000000004","version":"000001764028800004.00000.r0000000001","deleted":false,"created_at":"2026-11-26T03:09:48.813105Z","updated_at":"2026-11-26T03:09:48.813113Z","circle_id":"0c1c0000-0000-4000-8000-000000000001","format":"classic","status":"planned","scheduled_at":null,"started_at":null,"ended_at":null,"join_code":null,"public_url":null,"current_turn_id":null,"hot_seat_ids":""}');
INSERT INTO public.store_changes VALUES ('0c1c0000-0000-4000-8000-000000000004', 5, 'items', '0c1c0000-0000-4000-8000-000000000005', '000001764028800005.00000.r0000000001', '{"id":"0c1c0000-0000-4000-8000-000000000005","version":"000001764028800005.00000.r0000000001","deleted":false,"created_at":"2026-11-26T03:09:48.813240Z","updated_at":"2026-11-26T03:09:48.813248Z","circle_id":"0c1c0000-0000-4000-8000-000000000001","session_id":"0c1c0000-0000-4000-8000-000000000004","turn_id":null,"member_id":"0c1c0000-0000-4000-8000-000000000002","kind":"ask","help":null,"text":"An intro to a flour mill","source":"facilitator","status":"open","private":false,"due":null,"carried_from_id":null,"resolved_in_session_id":null}');
INSERT INTO public.store_changes VALUES ('0c1c0000-0000-4000-8000-000000000004', 6, 'notes', '0c1c0000-0000-4000-8000-000000000006', '000001764028800006.00000.r0000000001', '{"id":"0c1c0000-0000-4000-8000-000000000006","version":"000001764028800006.00000.r0000000001","deleted":false,"created_at":"2026-11-26T03:09:48.813382Z","updated_at":"2026-11-26T03:09:48.813389Z","session_id":"0c1c0000-0000-4000-8000-000000000004","turn_id":null,"author":"facilitator","text":"Ana wants to grow wholesale.","private":false,"conflict_of":null}');
INSERT INTO public.store_changes VALUES ('0c1c0000-0000-4000-8000-000000000004', 7, 'attendances', 'e31ea407-51e0-51b3-9b28-ed41e93537c1', '000001795662588866.00000.s1f11eb7f71b4', '{"id":"e31ea407-51e0-51b3-9b28-ed41e93537c1","version":"000001795662588866.00000.s1f11eb7f71b4","deleted":false,"created_at":"2026-11-26T03:09:48.866749Z","updated_at":"2026-11-26T03:09:48.866882Z","session_id":"0c1c0000-0000-4000-8000-000000000004","member_id":"0c1c0000-0000-4000-8000-000000000003","present":true,"arrived_at":null,"joined_at":"2026-11-26T03:09:48.866882Z","hand_raised_at":null}');

INSERT INTO public.store_note_versions VALUES ('0c1c0000-0000-4000-8000-000000000006', '000001764028800006.00000.r0000000001');

INSERT INTO public.store_participants VALUES ('ae8c7650332af22a848b56d1508d3e89c1af8eaa1ff4f57f6c360727db5cb13f', '0c1c0000-0000-4000-8000-000000000004', '0c1c0000-0000-4000-8000-000000000003', '2026-11-26 03:09:48.867236+00');

INSERT INTO public.store_sessions VALUES ('0c1c0000-0000-4000-8000-000000000004', '0c1c0000-0000-4000-8000-000000000001', '0367faa069b66656d683dc02589ea2fa71b88a3e8ff63dfb80d8b1d23a8757c1', 'UQSWP3', NULL, 7, '2026-11-26 03:09:48.789721+00');

ALTER TABLE ONLY public.attendances
    ADD CONSTRAINT attendances_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.circles
    ADD CONSTRAINT circles_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.follow_ups
    ADD CONSTRAINT follow_ups_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.items
    ADD CONSTRAINT items_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.matches
    ADD CONSTRAINT matches_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.members
    ADD CONSTRAINT members_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.notes
    ADD CONSTRAINT notes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.store_changes
    ADD CONSTRAINT store_changes_pkey PRIMARY KEY (session_id, seq);

ALTER TABLE ONLY public.store_note_versions
    ADD CONSTRAINT store_note_versions_pkey PRIMARY KEY (note_id, version);

ALTER TABLE ONLY public.store_participants
    ADD CONSTRAINT store_participants_pkey PRIMARY KEY (token_hash);

ALTER TABLE ONLY public.store_sessions
    ADD CONSTRAINT store_sessions_join_code_key UNIQUE (join_code);

ALTER TABLE ONLY public.store_sessions
    ADD CONSTRAINT store_sessions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.store_sessions
    ADD CONSTRAINT store_sessions_token_hash_key UNIQUE (token_hash);

ALTER TABLE ONLY public.thanks
    ADD CONSTRAINT thanks_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.turns
    ADD CONSTRAINT turns_pkey PRIMARY KEY (id);

CREATE INDEX ix_attendances_member_id ON public.attendances USING btree (member_id);

CREATE INDEX ix_attendances_session_id ON public.attendances USING btree (session_id);

CREATE INDEX ix_circles_name ON public.circles USING btree (name);

CREATE INDEX ix_follow_ups_circle_id ON public.follow_ups USING btree (circle_id);

CREATE INDEX ix_follow_ups_owner_id ON public.follow_ups USING btree (owner_id);

CREATE INDEX ix_follow_ups_session_id ON public.follow_ups USING btree (session_id);

CREATE INDEX ix_items_circle_id ON public.items USING btree (circle_id);

CREATE INDEX ix_items_member_id ON public.items USING btree (member_id);

CREATE INDEX ix_items_session_id ON public.items USING btree (session_id);

CREATE INDEX ix_matches_ask_id ON public.matches USING btree (ask_id);

CREATE INDEX ix_matches_offer_id ON public.matches USING btree (offer_id);

CREATE INDEX ix_matches_session_id ON public.matches USING btree (session_id);

CREATE INDEX ix_members_circle_id ON public.members USING btree (circle_id);

CREATE INDEX ix_notes_session_id ON public.notes USING btree (session_id);

CREATE INDEX ix_notes_turn_id ON public.notes USING btree (turn_id);

CREATE INDEX ix_sessions_circle_id ON public.sessions USING btree (circle_id);

CREATE INDEX ix_store_participants_member ON public.store_participants USING btree (session_id, member_id);

CREATE INDEX ix_store_sessions_circle_id ON public.store_sessions USING btree (circle_id);

CREATE INDEX ix_thanks_from_member_id ON public.thanks USING btree (from_member_id);

CREATE INDEX ix_thanks_session_id ON public.thanks USING btree (session_id);

CREATE INDEX ix_thanks_to_member_id ON public.thanks USING btree (to_member_id);

CREATE INDEX ix_turns_member_id ON public.turns USING btree (member_id);

CREATE INDEX ix_turns_session_id ON public.turns USING btree (session_id);

CREATE UNIQUE INDEX ux_store_changes_record ON public.store_changes USING btree (session_id, record_id);
