// A conference on a PocketBase of its own, seeded with 10,010 people the old way (members in the
// `events.members` array, scripts/lib/seed-conference.js): the membership migration moves them
// into event_members, the last hundred join through the route (a count check: the speed is in
// `npm run bench`, scripts/bench-events.js), and the migration runs down and up again, losing no
// one. Seeded people have no password: the superuser impersonates them.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PocketBase from 'pocketbase';
import {
	dirArgs,
	ensurePocketBase,
	freePort,
	migrationsFolder,
	ROOT,
	servePocketBase,
	startThrowawayPocketBase,
	waitForHealth,
	type Throwaway
} from '../../scripts/lib/pocketbase.js';
import { SEED_MIGRATION, conferenceSeed, seededUserId } from '../../scripts/lib/seed-conference.js';
import { openLive, type LiveClient } from '../support/realtime';

const MEMBERSHIP_MIGRATION = '1765152000_updated_events_membership.js';
/** The migrations made after it: reverted with it, and left out while it is reverted. */
const LATER_MIGRATIONS = readdirSync(joinPath(ROOT, 'pocketbase/pb_migrations'))
	.filter((name) => name.endsWith('.js') && name > MEMBERSHIP_MIGRATION)
	.sort();
const PEOPLE = 10_010;
const BIG = { id: 'bigconference01', name: 'Big conference', joinCode: 'CNFRNC26' };
const SEEDED_MEMBERS = 9_900; // users 1 … 9,900; 9,901 … 10,000 join through the route
const JOINERS = 100;
// an old event whose members array held its organiser too (the old route let them join)
const OLD = { id: 'oldmeetup000001', name: 'Old meetup', joinCode: 'MTP23456' };

const seed = conferenceSeed({
	users: PEOPLE,
	events: [
		{ ...BIG, organiser: 0, members: [1, SEEDED_MEMBERS + 1] },
		{ ...OLD, organiser: 10_005, members: [10_005, 10_008] }
	]
});

let migrations = '';
let server: Throwaway;
let admin: PocketBase;

/** A client of the conference server; signed in as the superuser when asked. */
async function client(asSuperuser = false, url = server.url): Promise<PocketBase> {
	const pb = new PocketBase(url);
	pb.autoCancellation(false);
	if (asSuperuser) {
		await pb
			.collection('_superusers')
			.authWithPassword(server.superuser.email, server.superuser.password);
	}
	return pb;
}

/** A client acting as seeded user `i`. */
async function as(i: number): Promise<PocketBase> {
	const pb = await admin.collection('users').impersonate(seededUserId(i), 3600);
	pb.autoCancellation(false);
	return pb;
}

/** POST /api/tend/events/join as `pb`; status and body. */
async function join(pb: PocketBase, code: string) {
	const res = await fetch(`${server.url}/api/tend/events/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: pb.authStore.token },
		body: JSON.stringify({ code })
	});
	return { status: res.status, body: (await res.json()) as { isNew?: boolean } };
}

/** How many event_members rows an event has. */
async function memberCount(pb: PocketBase, eventId: string): Promise<number> {
	return (await pb.collection('event_members').getList(1, 1, { filter: `event = "${eventId}"` }))
		.totalItems;
}

/**
 * The user ids of an event's event_members rows, sorted. Slow for thousands (the records API
 * runs the JS enrich hook per row, about a millisecond each), so read in full sparingly.
 */
async function memberIds(pb: PocketBase, eventId: string): Promise<string[]> {
	const rows = await pb
		.collection('event_members')
		.getFullList({ filter: `event = "${eventId}"`, batch: 1000, fields: 'user' });
	return rows.map((r) => r.user as string).sort();
}

/** Seeded ids of users [from, to), sorted. */
function ids(from: number, to: number): string[] {
	return Array.from({ length: to - from }, (_, k) => seededUserId(from + k)).sort();
}

/** Field names of a collection, as the superuser sees its schema. */
async function fieldNames(pb: PocketBase, collection: string): Promise<string[]> {
	const c = await pb.collections.getOne(collection);
	return (c.fields as { name: string }[]).map((f) => f.name);
}

beforeAll(async () => {
	migrations = migrationsFolder({ extra: { [SEED_MIGRATION]: seed } });
	server = await startThrowawayPocketBase({ migrationsDir: migrations });
	admin = await client(true);
}, 120_000);

afterAll(async () => {
	await server?.dispose();
	if (migrations) rmSync(migrations, { recursive: true, force: true });
});

describe('a conference of 10,000', () => {
	it('the migration moved every member of the old array into event_members', async () => {
		expect(await memberCount(admin, BIG.id)).toBe(SEEDED_MEMBERS);
		// the organiser's own id is dropped: they see their event as its organiser
		expect(await memberIds(admin, OLD.id)).toEqual(ids(10_006, 10_008));
		expect(await fieldNames(admin, 'events')).not.toContain('members');
	});

	it('10,000 people join one event: each is a member, exactly once', async () => {
		for (let i = SEEDED_MEMBERS + 1; i <= SEEDED_MEMBERS + JOINERS; i += 10) {
			const replies = await Promise.all(
				Array.from({ length: 10 }, async (_, k) => join(await as(i + k), BIG.joinCode))
			);
			expect(replies.map((r) => [r.status, r.body.isNew])).toEqual(Array(10).fill([200, true]));
		}
		// a seeded member joining again changes nothing
		expect((await join(await as(42), BIG.joinCode)).body.isNew).toBe(false);
		const members = await memberIds(admin, BIG.id);
		expect(members).toHaveLength(10_000);
		expect(new Set(members).size).toBe(10_000);
		expect(members).toEqual(ids(1, 10_001));
		// and the event is theirs to see, and no one else's
		expect((await (await as(10_000)).collection('events').getOne(BIG.id)).name).toBe(BIG.name);
		const stranger = await as(10_001);
		expect(await stranger.collection('events').getFullList()).toEqual([]);
	}, 120_000);

	it('an edit of the 10,000-person event asks its members to spread their pulls; a small one does not', async () => {
		const spreadsOf = (live: LiveClient) =>
			live
				.events()
				.filter((e) => e.event === 'change')
				.map((e) => JSON.parse(e.data) as { collections: string[]; spreadMs?: number });
		const member = await openLive((await as(42)).authStore.token, server.url);
		const smallMember = await openLive((await as(10_006)).authStore.token, server.url);
		try {
			await (await as(0)).collection('events').update(BIG.id, { place: 'Hall 1' });
			await (await as(10_005)).collection('events').update(OLD.id, { place: 'Room 2' });
			// 10,000 members and the organiser, at 2 ms each
			await expect
				.poll(() => spreadsOf(member))
				.toEqual([{ collections: ['events'], spreadMs: 20_002 }]);
			await expect.poll(() => spreadsOf(smallMember)).toEqual([{ collections: ['events'] }]);
		} finally {
			member.close();
			smallMember.close();
		}
	});
});

describe('the members migration, down and up again', () => {
	/** Serves the conference's data without the membership migration (its reverted state). */
	async function serveReverted(): Promise<{ url: string; stop: () => Promise<void> }> {
		const folder = migrationsFolder({
			without: [MEMBERSHIP_MIGRATION, ...LATER_MIGRATIONS],
			extra: { [SEED_MIGRATION]: seed }
		});
		const url = `http://127.0.0.1:${await freePort()}`;
		const child: ChildProcess = servePocketBase(ensurePocketBase({ quiet: true }), {
			dataDir: server.dataDir,
			http: url.slice('http://'.length),
			migrationsDir: folder,
			stdio: 'ignore'
		});
		const stop = async () => {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await exited;
			}
			rmSync(folder, { recursive: true, force: true });
		};
		try {
			await waitForHealth(url);
		} catch (error) {
			await stop();
			throw error;
		}
		return { url, stop };
	}

	it('puts members back into the array and takes them out again, losing no one', async () => {
		const [organiser, bob, carol, dan] = [10_001, 10_002, 10_003, 10_004];
		const small = await (await as(organiser)).collection('events').create({ name: 'Small' });
		const empty = await (await as(organiser)).collection('events').create({ name: 'Empty' });
		for (const i of [bob, carol])
			expect((await join(await as(i), small.joinCode)).status).toBe(200);

		await server.stop();
		const down = spawnSync(
			ensurePocketBase({ quiet: true }),
			[
				'migrate',
				'down',
				String(LATER_MIGRATIONS.length + 1),
				...dirArgs(server.dataDir, migrations)
			],
			{ encoding: 'utf8', input: 'y\n' }
		);
		expect(down.status, down.stdout + down.stderr).toBe(0);
		expect(down.stdout).toContain(`Reverted ${MEMBERSHIP_MIGRATION}`);

		const reverted = await serveReverted();
		try {
			const old = await client(true, reverted.url);
			expect(await fieldNames(old, 'events')).toContain('members');
			expect(await fieldNames(old, 'events')).not.toContain('timeZone');
			expect(await fieldNames(old, 'events')).not.toContain('joiningClosed');
			expect((await old.collections.getFullList()).map((c) => c.name)).not.toContain(
				'event_members'
			);
			const membersOf = async (id: string) =>
				(await old.collection('events').getOne(id)).members as string[];
			const big = await membersOf(BIG.id);
			expect(big).toHaveLength(10_000);
			expect([...big].sort()).toEqual(ids(1, 10_001));
			expect(await membersOf(small.id)).toEqual([seededUserId(bob), seededUserId(carol)]);
			expect(await membersOf(empty.id)).toEqual([]);
			// a change made while reverted (the organiser among the members, as the old route did)
			await old.collection('events').update(small.id, {
				members: [bob, carol, organiser, dan].map(seededUserId)
			});
		} finally {
			await reverted.stop();
		}

		await server.start(); // serve applies the membership migration again
		admin = await client(true);
		expect(await memberIds(admin, BIG.id)).toEqual(ids(1, 10_001));
		expect(await memberIds(admin, small.id)).toEqual([bob, carol, dan].map(seededUserId).sort());
		expect(await memberIds(admin, empty.id)).toEqual([]);
		expect(await fieldNames(admin, 'events')).toEqual(
			expect.arrayContaining(['timeZone', 'joiningClosed'])
		);
		expect(await fieldNames(admin, 'events')).not.toContain('members');
		// and the rules read the new rows
		expect((await (await as(dan)).collection('events').getOne(small.id)).name).toBe('Small');
		const stranger = await as(10_009);
		expect(await stranger.collection('events').getFullList()).toEqual([]);
	}, 120_000);
});
