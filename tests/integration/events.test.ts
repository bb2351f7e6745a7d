// Events (issue 12), through the real server: the organiser creates, edits and closes an event;
// people join by its code (normalised, rate-limited per user and per IP for wrong codes only) and
// leave; membership is a row of event_members that only its member can read, and no filter,
// relation path or live notice tells anyone else who is a member; the organiser's totals are
// counts, never below 5; swaps file each side's connection under that side's own event; an owner
// may change a connection's event to one of theirs. The 10,000-member conference and the members
// migration both ways run on a seeded server of their own (events-conference.test.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import {
	anonymous,
	call,
	newPerson,
	newUser,
	pbUrl,
	reasonOf,
	rid,
	statusOf,
	superuser,
	swap,
	type Person,
	type Reply
} from '../support/pb-harness';
import { openLive, type LiveClient } from '../support/realtime';

const CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/;
const JOIN = '/api/tend/events/join';
const LEAVE = '/api/tend/events/leave';
const totalsOf = (id: string) => `/api/tend/events/${id}/totals`;

/** Per-user and per-IP budgets of wrong codes an hour (pb_hooks/lib/rate.js). */
const WRONG_CODES_PER_USER = 20;
const WRONG_CODES_PER_IP = 1000;

interface JoinReply extends Reply {
	retryAfter: string | null;
}

/** Joins with `code` as `who`, from `ip` (forged X-Forwarded-For) when given. */
async function join(who: Person, code: unknown, ip?: string): Promise<JoinReply> {
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		authorization: who.pb.authStore.token
	};
	if (ip) headers['x-forwarded-for'] = ip;
	const res = await fetch(`${pbUrl()}${JOIN}`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ code })
	});
	const text = await res.text();
	return {
		status: res.status,
		body: text ? (JSON.parse(text) as Reply['body']) : {},
		retryAfter: res.headers.get('retry-after')
	};
}

/** A code that no event has (8 characters of the alphabet; a random one is never taken here). */
function unknownCode(): string {
	const abc = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
	let code = '';
	for (let i = 0; i < 8; i++) code += abc[Math.floor(Math.random() * abc.length)];
	return code;
}

/** The user ids of an event's members, as the superuser reads them. */
async function memberIds(eventId: string): Promise<string[]> {
	const admin = await superuser();
	const rows = await admin
		.collection('event_members')
		.getFullList({ filter: `event = "${eventId}"` });
	return rows.map((r) => r.user as string).sort();
}

/** An event organised by `organiser`, joined by `members` through the route. */
async function eventWith(organiser: Person, members: Person[], name = 'Conf') {
	const event = await organiser.pb.collection('events').create({ name });
	for (const m of members) expect((await join(m, event.joinCode)).status).toBe(200);
	return event;
}

describe('creating and editing an event', () => {
	it('the server chooses the join code: 8 characters without look-alikes', async () => {
		const alice = await newPerson('alice');
		const event = await alice.pb
			.collection('events')
			.create({ name: 'Conf', joinCode: 'AAAAAAAA' });
		expect(event.joinCode).toMatch(CODE);
		expect(event.joinCode).not.toBe('AAAAAAAA');
		expect(event).toMatchObject({ organiser: alice.id, timeZone: '', joiningClosed: false });
		expect(event).not.toHaveProperty('members');
		const moved = await statusOf(() =>
			alice.pb.collection('events').update(event.id, { joinCode: 'BBBBBBBB' })
		);
		expect(moved).toBe(404);
	});

	it('creating with a code that exists tells nothing about it (no code oracle)', async () => {
		const alice = await newPerson('alice');
		const carol = await newPerson('carol');
		const taken = await alice.pb.collection('events').create({ name: 'Taken' });
		const probe = await carol.pb
			.collection('events')
			.create({ name: 'Probe', joinCode: taken.joinCode });
		expect(probe.joinCode).toMatch(CODE);
		expect(probe.joinCode).not.toBe(taken.joinCode);
	});

	it('keeps name, dates, place and time zone; the organiser edits them', async () => {
		const alice = await newPerson('alice');
		const event = await alice.pb.collection('events').create({
			name: 'DevConf',
			startsAt: '2026-06-01 07:00:00.000Z',
			endsAt: '2026-06-02 16:00:00.000Z',
			place: 'Lisbon',
			timeZone: 'Europe/Lisbon'
		});
		expect(event).toMatchObject({ place: 'Lisbon', timeZone: 'Europe/Lisbon' });
		const edited = await alice.pb.collection('events').update(event.id, {
			name: 'DevConf 2026',
			endsAt: '2026-06-03 16:00:00.000Z',
			timeZone: 'America/Argentina/Buenos_Aires'
		});
		expect(edited).toMatchObject({
			name: 'DevConf 2026',
			endsAt: '2026-06-03 16:00:00.000Z',
			timeZone: 'America/Argentina/Buenos_Aires',
			joinCode: event.joinCode
		});
	});

	it.each([
		['not a zone name', 'Berlin time!'],
		['too long', `Europe/${'x'.repeat(60)}`],
		['a path', '../etc/passwd']
	])('refuses a time zone that is %s', async (_name, timeZone) => {
		const alice = await newPerson('alice');
		expect(
			await statusOf(() => alice.pb.collection('events').create({ name: 'Conf', timeZone }))
		).toBe(400);
	});

	it('only the organiser closes and reopens joining; a closed event refuses new members', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const carol = await newPerson('carol');
		const event = await eventWith(alice, [bob]);
		expect(
			await statusOf(() => bob.pb.collection('events').update(event.id, { joiningClosed: true }))
		).toBe(404);
		await alice.pb.collection('events').update(event.id, { joiningClosed: true });
		const closed = await join(carol, event.joinCode);
		expect(closed.status).toBe(409);
		expect(reasonOf(closed)).toBe('closed');
		// already in: joining again still says so, closed or not
		expect((await join(bob, event.joinCode)).body).toMatchObject({ isNew: false });
		await alice.pb.collection('events').update(event.id, { joiningClosed: false });
		expect((await join(carol, event.joinCode)).body).toMatchObject({ isNew: true });
		expect(await memberIds(event.id)).toEqual([bob.id, carol.id].sort());
	});

	it('an event whose organiser deleted their account is shown to nobody', async () => {
		const gone = await newPerson('gone');
		const bob = await newPerson('bob');
		const event = await eventWith(gone, [bob], 'Orphan');
		await gone.pb.collection('users').delete(gone.id);
		expect((await (await superuser()).collection('events').getOne(event.id)).organiser).toBe('');
		const anon = anonymous().collection('events');
		expect(await anon.getFullList({ filter: `id = "${event.id}"` })).toEqual([]);
		expect(await statusOf(() => anon.getOne(event.id))).toBe(404);
		expect([403, 404]).toContain(await statusOf(() => anon.update(event.id, { name: 'Mine' })));
		expect([403, 404]).toContain(await statusOf(() => anon.delete(event.id)));
		// its members still see it
		expect((await bob.pb.collection('events').getOne(event.id)).name).toBe('Orphan');
	});
});

describe('joining by code', () => {
	it('takes the code typed any way (lower case, spaces, dashes) and makes me a member', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const event = await alice.pb.collection('events').create({ name: 'Typed' });
		const code = event.joinCode as string;
		const typed = ` ${code.slice(0, 4).toLowerCase()} - ${code.slice(4)}\t`;
		const reply = await join(bob, typed);
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ isNew: true, event: { id: event.id, name: 'Typed' } });
		// the event as the records API shows it to a member: no organiser
		const seen = await bob.pb.collection('events').getOne(event.id);
		expect(reply.body.event).toEqual(seen);
		expect(seen).not.toHaveProperty('organiser');
		expect(seen).not.toHaveProperty('members');
		expect(await memberIds(event.id)).toEqual([bob.id]);
	});

	it('a second join is harmless: isNew false, still one membership', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const event = await eventWith(alice, [bob]);
		const again = await join(bob, event.joinCode);
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ isNew: false, event: { id: event.id } });
		const racing = await Promise.all(Array.from({ length: 5 }, () => join(bob, event.joinCode)));
		expect(racing.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
		expect(await memberIds(event.id)).toEqual([bob.id]);
	});

	it('the same person racing to join a new event gets one membership', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const event = await alice.pb.collection('events').create({ name: 'Race' });
		const racing = await Promise.all(Array.from({ length: 6 }, () => join(bob, event.joinCode)));
		expect(racing.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
		expect(racing.filter((r) => r.body.isNew === true)).toHaveLength(1);
		expect(await memberIds(event.id)).toEqual([bob.id]);
	});

	it('the organiser joining their own event: isNew false, the organiser shown, no membership', async () => {
		const alice = await newPerson('alice');
		const event = await alice.pb.collection('events').create({ name: 'Own' });
		const reply = await join(alice, event.joinCode);
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({
			isNew: false,
			event: { id: event.id, organiser: alice.id }
		});
		expect(await memberIds(event.id)).toEqual([]);
	});

	it('an unknown code: 404 not_found', async () => {
		const bob = await newUser('bob');
		const reply = await join(bob, unknownCode());
		expect(reply.status).toBe(404);
		expect(reasonOf(reply)).toBe('not_found');
	});

	it.each([
		['empty', ''],
		['too short', 'ABC'],
		['too long', 'ABCDEFGHJKMNP'],
		['other characters', 'ABCD!EFG'],
		['not text', 12345678],
		['missing', undefined]
	])('a code that is %s: 400 invalid (and no lookup)', async (_name, code) => {
		const bob = await newUser('bob');
		const reply = await join(bob, code);
		expect(reply.status).toBe(400);
		expect(reasonOf(reply)).toBe('invalid');
	});

	it('a body with another key, or not JSON: 400 invalid; anonymous: 401', async () => {
		const bob = await newUser('bob');
		const alice = await newPerson('alice');
		const event = await alice.pb.collection('events').create({ name: 'Strict' });
		const extra = await call(bob, 'POST', JOIN, { code: event.joinCode, user: alice.id });
		expect([extra.status, reasonOf(extra)]).toEqual([400, 'invalid']);
		const text = await call(bob, 'POST', JOIN, 'code=ABCDEFGH');
		expect([text.status, reasonOf(text)]).toEqual([400, 'invalid']);
		const anon = await call(null, 'POST', JOIN, { code: event.joinCode });
		expect([anon.status, reasonOf(anon)]).toEqual([401, 'unauthorized']);
		expect(await memberIds(event.id)).toEqual([]);
	});
});

describe('guessing codes', () => {
	/** Settings the tests change, as they were before. */
	let saved: Record<string, unknown> | null = null;

	afterEach(async () => {
		if (saved) await (await superuser()).settings.update(saved);
		saved = null;
	});

	/** Trusts X-Forwarded-For for one test, so each forged address is a client IP of its own. */
	async function trustForwardedFor(): Promise<void> {
		const admin = await superuser();
		const all = (await admin.settings.getAll()) as Record<string, unknown>;
		saved = { trustedProxy: all.trustedProxy };
		await admin.settings.update({
			trustedProxy: { headers: ['X-Forwarded-For'], useLeftmostIP: false }
		});
	}

	it(`${WRONG_CODES_PER_USER} wrong codes an hour per person; then even the right one waits`, async () => {
		const alice = await newPerson('alice');
		const bob = await newUser('bob');
		const event = await alice.pb.collection('events').create({ name: 'Guarded' });
		for (let i = 0; i < WRONG_CODES_PER_USER; i++) {
			expect((await join(bob, unknownCode())).status).toBe(404);
		}
		const limited = await join(bob, unknownCode());
		expect(limited.status).toBe(429);
		expect(reasonOf(limited)).toBe('rate_limited');
		const retryAfter = limited.body.data?.retryAfter as number;
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(3600);
		expect(limited.retryAfter).toBe(String(retryAfter));
		// the spent budget is checked before the lookup: the right code cannot be told apart
		expect((await join(bob, event.joinCode)).status).toBe(429);
		expect(await memberIds(event.id)).toEqual([]);
		// malformed codes are refused before counting anything, as before
		expect((await join(bob, 'no')).status).toBe(400);
		// someone else is not held back
		const carol = await newUser('carol');
		expect((await join(carol, event.joinCode)).body).toMatchObject({ isNew: true });
	});

	it('right codes, joins again and closed events are not guesses: they never count', async () => {
		const alice = await newPerson('alice');
		const bob = await newUser('bob');
		const open = await alice.pb.collection('events').create({ name: 'Open' });
		const closed = await alice.pb
			.collection('events')
			.create({ name: 'Closed', joiningClosed: true });
		for (let i = 0; i < 15; i++) {
			expect((await join(bob, open.joinCode)).status).toBe(200);
			expect((await join(bob, closed.joinCode)).status).toBe(409);
		}
		for (let i = 0; i < WRONG_CODES_PER_USER; i++) {
			expect((await join(bob, unknownCode())).status).toBe(404);
		}
		expect((await join(bob, unknownCode())).status).toBe(429);
	});

	it('guesses sent all at once cannot slip past the budget', async () => {
		const bob = await newUser('bob');
		const replies = await Promise.all(
			Array.from({ length: WRONG_CODES_PER_USER + 10 }, () => join(bob, unknownCode()))
		);
		const statuses = replies.map((r) => r.status).sort();
		expect(statuses.filter((s) => s === 404)).toHaveLength(WRONG_CODES_PER_USER);
		expect(statuses.filter((s) => s === 429)).toHaveLength(10);
	});

	it(`${WRONG_CODES_PER_IP} wrong codes an hour per IP, whoever sends them; other IPs join as usual`, async () => {
		await trustForwardedFor();
		const alice = await newPerson('alice');
		const event = await alice.pb.collection('events').create({ name: 'Venue' });
		const ip = `198.51.100.${10 + Math.floor(Math.random() * 200)}`;
		const guessers = WRONG_CODES_PER_IP / WRONG_CODES_PER_USER;
		const people: Person[] = [];
		for (let i = 0; i < guessers; i += 10) {
			people.push(...(await Promise.all(Array.from({ length: 10 }, () => newUser('nat')))));
		}
		// a crowd joining with the right code from the same IP is never counted
		for (const p of people.slice(0, 10)) {
			expect((await join(p, event.joinCode, ip)).status).toBe(200);
		}
		for (const p of people) {
			const round = await Promise.all(
				Array.from({ length: WRONG_CODES_PER_USER }, () => join(p, unknownCode(), ip))
			);
			expect(round.map((r) => r.status)).toEqual(Array(WRONG_CODES_PER_USER).fill(404));
		}
		const fresh = await newUser('fresh');
		const limited = await join(fresh, unknownCode(), ip);
		expect(limited.status).toBe(429);
		expect(limited.body.data?.retryAfter).toEqual(expect.any(Number));
		// checked before the lookup: the right code from the spent IP waits too
		expect((await join(fresh, event.joinCode, ip)).status).toBe(429);
		// the IP's refusal did not cost the person: from another network they join at once
		expect((await join(fresh, event.joinCode, '198.51.100.250')).body).toMatchObject({
			isNew: true
		});
	}, 180_000);
});

describe('leaving', () => {
	it('a member leaves: the event is gone for them, and a second leave is 404', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const event = await eventWith(alice, [bob]);
		const left = await call(bob, 'POST', LEAVE, { event: event.id });
		expect(left).toEqual({ status: 200, body: { left: true } });
		expect(await statusOf(() => bob.pb.collection('events').getOne(event.id))).toBe(404);
		expect(await memberIds(event.id)).toEqual([]);
		const again = await call(bob, 'POST', LEAVE, { event: event.id });
		expect([again.status, reasonOf(again)]).toEqual([404, 'not_found']);
		// and may join again
		expect((await join(bob, event.joinCode)).body).toMatchObject({ isNew: true });
	});

	it('the organiser cannot leave (409 organiser); strangers and unknown events get 404', async () => {
		const alice = await newPerson('alice');
		const carol = await newPerson('carol');
		const event = await alice.pb.collection('events').create({ name: 'Mine' });
		const organiser = await call(alice, 'POST', LEAVE, { event: event.id });
		expect([organiser.status, reasonOf(organiser)]).toEqual([409, 'organiser']);
		const stranger = await call(carol, 'POST', LEAVE, { event: event.id });
		expect([stranger.status, reasonOf(stranger)]).toEqual([404, 'not_found']);
		const unknown = await call(carol, 'POST', LEAVE, { event: rid() });
		expect([unknown.status, reasonOf(unknown)]).toEqual([404, 'not_found']);
	});

	it.each([
		['a malformed id', { event: 'nope' }],
		['another key', { event: 'aaaaaaaaaaaaaaa', user: 'x' }],
		['no event', {}]
	])('%s: 400 invalid', async (_name, body) => {
		const bob = await newUser('bob');
		const reply = await call(bob, 'POST', LEAVE, body);
		expect([reply.status, reasonOf(reply)]).toEqual([400, 'invalid']);
		expect((await call(null, 'POST', LEAVE, { event: rid() })).status).toBe(401);
	});
});

describe('membership, from every side', () => {
	// alice organises; bob and dan are members; carol is not; anonymous is nobody.
	let alice: Person;
	let bob: Person;
	let carol: Person;
	let dan: Person;
	let eventId = '';
	let bobsRow = '';
	let dansRow = '';
	let admin: PocketBase;

	beforeAll(async () => {
		[alice, bob, carol, dan] = await Promise.all([
			newPerson('alice'),
			newPerson('bob'),
			newPerson('carol'),
			newPerson('dan')
		]);
		eventId = (await eventWith(alice, [bob, dan])).id;
		admin = await superuser();
		const rows = await admin.collection('event_members').getFullList({
			filter: `event = "${eventId}"`
		});
		bobsRow = rows.find((r) => r.user === bob.id)!.id;
		dansRow = rows.find((r) => r.user === dan.id)!.id;
	});

	const actors = () => ({
		anonymous: anonymous(),
		member: bob.pb,
		'non-member': carol.pb,
		organiser: alice.pb
	});
	type ActorName = 'anonymous' | 'member' | 'non-member' | 'organiser';
	const ACTORS: ActorName[] = ['anonymous', 'member', 'non-member', 'organiser'];

	it.each(ACTORS)('events: %s lists and views it only as member or organiser', async (actor) => {
		const pb = actors()[actor];
		const mayRead = actor === 'member' || actor === 'organiser';
		const listed = await pb.collection('events').getFullList({ filter: `id = "${eventId}"` });
		expect(listed.map((r) => r.id)).toEqual(mayRead ? [eventId] : []);
		expect(await statusOf(() => pb.collection('events').getOne(eventId))).toBe(mayRead ? 200 : 404);
		if (mayRead) {
			const seen = await pb.collection('events').getOne(eventId);
			expect('organiser' in seen).toBe(actor === 'organiser');
		}
	});

	it.each(ACTORS.filter((a) => a !== 'organiser'))(
		'events: %s neither edits nor deletes it',
		async (actor) => {
			const pb = actors()[actor];
			const before = await admin.collection('events').getOne(eventId);
			expect([403, 404]).toContain(
				await statusOf(() => pb.collection('events').update(eventId, { name: 'Taken over' }))
			);
			expect([403, 404]).toContain(await statusOf(() => pb.collection('events').delete(eventId)));
			expect(await admin.collection('events').getOne(eventId)).toEqual(before);
		}
	);

	it.each(ACTORS)('event_members: %s reads no one’s membership but their own', async (actor) => {
		const pb = actors()[actor];
		const rows = await pb.collection('event_members').getFullList();
		const own = actor === 'member' ? [bobsRow] : [];
		expect(rows.map((r) => r.id)).toEqual(own);
		if (actor === 'member') expect(rows[0]).toMatchObject({ event: eventId, user: bob.id });
		expect(await statusOf(() => pb.collection('event_members').getOne(dansRow))).toBe(404);
		expect(await statusOf(() => pb.collection('event_members').getOne(bobsRow))).toBe(
			actor === 'member' ? 200 : 404
		);
	});

	it.each(ACTORS)('event_members: %s creates, changes and deletes none', async (actor) => {
		const pb = actors()[actor];
		const col = pb.collection('event_members');
		const id = rid();
		expect(await statusOf(() => col.create({ id, event: eventId, user: carol.id }))).toBe(403);
		expect(await statusOf(() => admin.collection('event_members').getOne(id))).toBe(404);
		expect(await statusOf(() => col.update(bobsRow, { user: carol.id }))).toBe(403);
		expect(await statusOf(() => col.delete(bobsRow))).toBe(403);
		expect(await memberIds(eventId)).toEqual([bob.id, dan.id].sort());
	});

	/** Questions about who is a member, each with a true and a false version. */
	const questions = () => [
		{
			collection: 'events',
			truth: `event_members_via_event.user ?= "${dan.id}"`,
			lie: `event_members_via_event.user ?= "${carol.id}"`
		},
		{
			collection: 'events',
			truth: `event_members_via_event.user.email ?~ "dan-"`,
			lie: `event_members_via_event.user.email ?~ "zz-"`
		},
		{
			collection: 'events',
			truth: `event_members_via_event.created ?> "2000-01-01"`,
			lie: `event_members_via_event.created ?> "2999-01-01"`
		},
		{
			collection: 'events',
			truth: `@collection.event_members.user ?= "${dan.id}"`,
			lie: `@collection.event_members.user ?= "${carol.id}"`
		},
		{
			collection: 'event_members',
			truth: `event = "${eventId}"`,
			lie: `event = "${rid()}"`
		},
		{
			collection: 'event_members',
			truth: `event.name = "Conf" && user != ""`,
			lie: `event.name = "Nope" && user != ""`
		},
		{
			collection: 'users',
			truth: `event_members_via_user.event ?= "${eventId}"`,
			lie: `event_members_via_user.event ?= "${rid()}"`
		},
		{
			collection: 'connections',
			truth: `owner.event_members_via_user.event ?= "${eventId}"`,
			lie: `owner.event_members_via_user.event ?= "${rid()}"`
		}
	];

	/** What an actor gets back for a filter (and a sort on the same path), as status and ids. */
	async function ask(pb: PocketBase, collection: string, filter: string) {
		const path = filter.split(/[ .]/)[0]!;
		const sort = path.startsWith('@') ? '' : `&sort=${encodeURIComponent(path + '.id')}`;
		const res = await fetch(
			`${pbUrl()}/api/collections/${collection}/records?filter=${encodeURIComponent(filter)}${sort}`,
			{ headers: pb.authStore.token ? { authorization: pb.authStore.token } : {} }
		);
		const body = (await res.json()) as { items?: { id: string }[] };
		return { status: res.status, ids: (body.items ?? []).map((i) => i.id).sort() };
	}

	it('the probes are real questions: the superuser gets different answers', async () => {
		for (const q of questions()) {
			if (q.collection === 'connections') continue; // alice has none; the path is what is probed
			const truth = await admin.collection(q.collection).getList(1, 50, { filter: q.truth });
			const lie = await admin.collection(q.collection).getList(1, 50, { filter: q.lie });
			expect(truth.totalItems, q.truth).toBeGreaterThan(0);
			expect(lie.totalItems, q.lie).toBe(0);
		}
	});

	it.each(ACTORS)('no filter or sort tells %s who is a member', async (actor) => {
		const pb = actors()[actor];
		for (const q of questions()) {
			const truth = await ask(pb, q.collection, q.truth);
			const lie = await ask(pb, q.collection, q.lie);
			expect(truth, `${q.collection}: ${q.truth}`).toEqual(lie);
			expect(truth.ids, `${q.collection}: ${q.truth}`).toEqual([]);
		}
	});

	describe('live updates', () => {
		const streams: LiveClient[] = [];
		afterAll(() => streams.forEach((c) => c.close()));

		it('a join reaches the joiner only; the organiser and other members hear nothing of it', async () => {
			const listeners = { organiser: alice, member: bob, 'non-member': carol };
			const heard: Record<string, LiveClient> = {};
			for (const [name, who] of Object.entries(listeners)) {
				const stream = await openLive(who.pb.authStore.token);
				streams.push(stream);
				heard[name] = stream;
			}
			const erin = await newPerson('erin');
			const mine = await openLive(erin.pb.authStore.token);
			streams.push(mine);
			const event = await admin.collection('events').getOne(eventId);
			expect((await join(erin, event.joinCode)).body).toMatchObject({ isNew: true });
			await expect.poll(() => mine.changed()).toEqual(['events']);
			await new Promise((r) => setTimeout(r, 500));
			for (const [name, stream] of Object.entries(heard)) {
				expect(stream.changed(), name).toEqual([]);
			}
			// a change to the event itself reaches its organiser and every member
			await alice.pb.collection('events').update(eventId, { place: `Hall ${rid()}` });
			for (const stream of [heard.organiser!, heard.member!, mine]) {
				await expect.poll(() => stream.changed()).toEqual(['events']);
			}
			await call(erin, 'POST', LEAVE, { event: eventId });
			await new Promise((r) => setTimeout(r, 300));
			expect(heard['non-member']!.changed()).toEqual([]);
		});
	});
});

describe('the organiser’s totals', () => {
	it('are for the organiser only', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const carol = await newPerson('carol');
		const event = await eventWith(alice, [bob]);
		for (const who of [bob, carol]) {
			const reply = await call(who, 'GET', totalsOf(event.id));
			expect([reply.status, reasonOf(reply)]).toEqual([403, 'forbidden']);
		}
		expect((await call(null, 'GET', totalsOf(event.id))).status).toBe(401);
		for (const id of [rid(), 'not-an-id']) {
			const reply = await call(alice, 'GET', totalsOf(id));
			expect([reply.status, reasonOf(reply)]).toEqual([404, 'not_found']);
		}
		expect((await call(alice, 'GET', totalsOf(event.id))).status).toBe(200);
	});

	it('never count fewer than 5, and never name anyone', async () => {
		const alice = await newPerson('alice');
		const people = await Promise.all(Array.from({ length: 5 }, (_, i) => newPerson(`p${i}`)));
		const event = await eventWith(alice, people.slice(0, 4));
		// four members, each of whom swapped with the organiser at the event
		for (const p of people.slice(0, 4)) {
			expect((await swap(p, alice, { event: event.id })).status).toBe(200);
		}
		const four = await call(alice, 'GET', totalsOf(event.id));
		expect(four).toEqual({
			status: 200,
			body: { joined: null, swaps: null, notedShare: null, followedUpShare: null, threshold: 5 }
		});

		const fifth = people[4]!;
		expect((await join(fifth, event.joinCode)).status).toBe(200);
		const fifthSwap = await swap(fifth, alice, { event: event.id });
		const connections = await Promise.all(
			people.map(async (p) => (await p.pb.collection('connections').getFullList())[0]!)
		);
		expect(connections.every((c) => c.event === event.id)).toBe(true);
		expect(fifthSwap.status).toBe(200);
		// two memory notes; one follow-up after meeting, one "note" (not a follow-up) and one
		// follow-up dated before the meeting (not this one's)
		await people[0]!.pb
			.collection('connections')
			.update(connections[0]!.id, { memoryNote: 'bees' });
		await people[1]!.pb
			.collection('connections')
			.update(connections[1]!.id, { memoryNote: 'kites' });
		const later = new Date(Date.now() + 60_000).toISOString();
		const earlier = new Date(Date.now() - 86_400_000).toISOString();
		await people[2]!.pb
			.collection('interactions')
			.create({ kind: 'gave', at: later, people: [connections[2]!.id] });
		await people[3]!.pb
			.collection('interactions')
			.create({ kind: 'note', at: later, people: [connections[3]!.id] });
		await people[4]!.pb
			.collection('interactions')
			.create({ kind: 'followed_up', at: earlier, people: [connections[4]!.id] });

		const five = await call(alice, 'GET', totalsOf(event.id));
		expect(five).toEqual({
			status: 200,
			body: { joined: 5, swaps: 5, notedShare: 0.4, followedUpShare: 0.2, threshold: 5 }
		});
		const text = JSON.stringify(five.body);
		for (const p of people) {
			expect(text).not.toContain(p.id);
			expect(text).not.toContain(p.email);
		}
	});

	it('count the organiser’s own connections filed under the event, but not other events’', async () => {
		const alice = await newPerson('alice');
		const people = await Promise.all(Array.from({ length: 5 }, (_, i) => newPerson(`q${i}`)));
		const event = await eventWith(alice, people);
		const other = await eventWith(alice, people, 'Other');
		// alice scans five codes that carry no event: her side is filed under hers
		for (const p of people) expect((await swap(alice, p, { event: event.id })).status).toBe(200);
		const totals = (await call(alice, 'GET', totalsOf(event.id))).body;
		expect(totals).toMatchObject({ joined: 5, swaps: 5, notedShare: 0, followedUpShare: 0 });
		expect((await call(alice, 'GET', totalsOf(other.id))).body).toMatchObject({
			joined: 5,
			swaps: null,
			notedShare: null
		});
	});
});

describe('swaps at an event', () => {
	/** The only connection `who` has (a fresh person's side of one swap). */
	async function onlyConnection(who: Person) {
		const all = await who.pb.collection('connections').getFullList();
		expect(all).toHaveLength(1);
		return all[0]!;
	}

	it('file the scanned person’s connection under the event their code carried, if theirs', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const carol = await newPerson('carol');
		const event = await eventWith(alice, [bob, carol]);
		const reply = await swap(carol, bob, { event: event.id, peerEvent: event.id });
		expect(reply.status).toBe(200);
		expect((await onlyConnection(carol)).event).toBe(event.id);
		expect((await onlyConnection(bob)).event).toBe(event.id);
	});

	it('the organiser’s code carrying their event files their side too', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const event = await eventWith(alice, [bob]);
		expect((await swap(bob, alice, { event: event.id, peerEvent: event.id })).status).toBe(200);
		expect((await onlyConnection(alice)).event).toBe(event.id);
	});

	it('an event the scanned person does not belong to files nothing for them (never a failure)', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const carol = await newPerson('carol');
		const event = await eventWith(alice, [carol]);
		const reply = await swap(carol, bob, { event: event.id, peerEvent: event.id });
		expect(reply.status).toBe(200);
		expect((await onlyConnection(carol)).event).toBe(event.id);
		expect((await onlyConnection(bob)).event).toBe('');
		// nor does the scanner's event file theirs when the code carried none
		const dan = await newPerson('dan');
		expect((await join(dan, event.joinCode)).status).toBe(200);
		expect((await swap(carol, dan, { event: event.id })).status).toBe(200);
		expect((await onlyConnection(dan)).event).toBe('');
	});

	it.each([
		['short', 'abc'],
		['a number', 42],
		['upper case', 'AAAAAAAAAAAAAAA']
	])('a peerEvent that is %s: 400 invalid, nothing written', async (_name, peerEvent) => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const reply = await swap(bob, alice, { peerEvent });
		expect([reply.status, reasonOf(reply)]).toEqual([400, 'invalid']);
		expect(await bob.pb.collection('connections').getFullList()).toEqual([]);
	});
});

describe('changing a connection’s event', () => {
	let alice: Person;
	let bob: Person;
	let mine = ''; // an event bob joined
	let organised = ''; // an event bob organises
	let theirs = ''; // an event bob does not belong to
	let connection = '';

	beforeAll(async () => {
		[alice, bob] = await Promise.all([newPerson('alice'), newPerson('bob')]);
		mine = (await eventWith(alice, [bob], 'Joined')).id;
		organised = (await bob.pb.collection('events').create({ name: 'Organised' })).id;
		theirs = (await alice.pb.collection('events').create({ name: 'Theirs' })).id;
		connection = (await bob.pb.collection('connections').create({ memoryNote: 'met' })).id;
	});

	const eventOf = async () => (await bob.pb.collection('connections').getOne(connection)).event;

	it('files it under an event I joined, one I organise, or none', async () => {
		for (const event of [mine, organised, '', mine]) {
			const updated = await bob.pb.collection('connections').update(connection, { event });
			expect(updated.event).toBe(event);
			expect(await eventOf()).toBe(event);
		}
	});

	it.each([
		['someone else’s event', () => theirs],
		['an event that does not exist', () => rid()],
		['a malformed id', () => 'nope'],
		['not text', () => 7]
	])('refuses %s: 400 event validation_not_your_event, nothing changed', async (_n, value) => {
		await bob.pb.collection('connections').update(connection, { event: mine });
		try {
			await bob.pb.collection('connections').update(connection, { event: value(), promise: 'x' });
			expect.unreachable();
		} catch (error) {
			const { status, response } = error as { status: number; response: Reply['body'] };
			expect(status).toBe(400);
			expect(response.data).toMatchObject({ event: { code: 'validation_not_your_event' } });
		}
		const stored = await bob.pb.collection('connections').getOne(connection);
		expect(stored).toMatchObject({ event: mine, promise: '' });
	});

	it('a whole-record resend of the same event passes, even after leaving that event', async () => {
		const other = await eventWith(alice, [bob], 'Left later');
		const record = await bob.pb.collection('connections').update(connection, { event: other.id });
		expect((await call(bob, 'POST', LEAVE, { event: other.id })).status).toBe(200);
		const resent = await bob.pb
			.collection('connections')
			.update(connection, { ...record, memoryNote: 'resent' });
		expect(resent).toMatchObject({ event: other.id, memoryNote: 'resent' });
		// …but it cannot be moved back once changed
		await bob.pb.collection('connections').update(connection, { event: '' });
		expect(
			await statusOf(() => bob.pb.collection('connections').update(connection, { event: other.id }))
		).toBe(400);
	});

	it('through the batch API too, as the outbox sends it', async () => {
		const batch = bob.pb.createBatch();
		batch.collection('connections').update(connection, { event: organised });
		await batch.send();
		expect(await eventOf()).toBe(organised);
		const refused = bob.pb.createBatch();
		refused.collection('connections').update(connection, { event: theirs });
		expect(await statusOf(() => refused.send())).toBe(400);
		expect(await eventOf()).toBe(organised);
	});

	it('nobody else can move it, and a tombstone stays blank whatever the body says', async () => {
		expect(
			await statusOf(() => alice.pb.collection('connections').update(connection, { event: mine }))
		).toBe(404);
		const gone = await bob.pb.collection('connections').create({ memoryNote: 'to forget' });
		const tombstone = await bob.pb
			.collection('connections')
			.update(gone.id, { deleted: new Date().toISOString(), event: theirs });
		expect(tombstone).toMatchObject({ event: '', memoryNote: '' });
		const again = await bob.pb.collection('connections').update(gone.id, { event: mine });
		expect(again.event).toBe('');
	});
});
