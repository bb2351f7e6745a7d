// One pull for every synced collection (pocketbase/pull.go): for every actor it returns exactly
// what that actor's list request to each collection returns (same rules, same enrichment), pages
// by (updated, id) without a gap or a repeat, and refuses anything but the synced collections and
// well-formed cursors before a query runs.
import { beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { COLLECTIONS, type CollectionName } from '../../src/lib/offline/schema';
import { call, newPerson, newUser, pbUrl, superuser, type Person } from '../support/pb-harness';
import { buildWorld, type Actor, type World } from './world';

interface Page {
	items: { id: string; updated: string; [field: string]: unknown }[];
	more: boolean;
}
type Pull = { collections: Partial<Record<string, Page>> };
type Cursor = { updated: string; id: string };

async function pull(who: Person | null, collections: Record<string, Partial<Cursor>>) {
	return call(who, 'POST', '/api/tend/pull', { collections });
}

/** Everything a person can pull of one collection, following `more` page by page. */
async function pullAll(who: Person, collection: string): Promise<Page['items']> {
	const all: Page['items'] = [];
	let from: Cursor = { updated: '', id: '' };
	for (;;) {
		const reply = await pull(who, { [collection]: from });
		expect(reply.status, JSON.stringify(reply.body)).toBe(200);
		const page = (reply.body as unknown as Pull).collections[collection];
		if (!page) throw new Error(`no page for ${collection}`);
		all.push(...page.items);
		const last = page.items.at(-1);
		if (!page.more || !last) return all;
		from = { updated: last.updated, id: last.id };
	}
}

/** What the list API gives the same client, in the pull's order. */
async function listed(pb: PocketBase, collection: string) {
	return pb.collection(collection).getFullList({ sort: 'updated,id', requestKey: null });
}

const PEOPLE: Exclude<Actor, 'anonymous'>[] = ['owner', 'holder', 'revoked', 'other'];

describe('the combined pull', () => {
	let w: World;
	beforeAll(async () => {
		w = await buildWorld();
	});

	for (const actor of PEOPLE) {
		it(`gives ${actor} exactly what their list requests give, collection by collection`, async () => {
			const who = w.personOf(actor);
			if (!who) throw new Error(actor);
			const reply = await pull(
				who,
				Object.fromEntries(COLLECTIONS.map((c) => [c, { updated: '', id: '' }]))
			);
			expect(reply.status).toBe(200);
			const pages = (reply.body as unknown as Pull).collections;
			expect(Object.keys(pages).sort()).toEqual([...COLLECTIONS].sort());
			for (const collection of COLLECTIONS) {
				const page = pages[collection];
				expect(page?.more, collection).toBe(false);
				// same records, same fields (hidden ones hidden, enrich hooks applied)
				expect(page?.items, `${actor}: ${collection}`).toEqual(
					JSON.parse(JSON.stringify(await listed(who.pb, collection)))
				);
			}
			if (actor === 'owner') {
				// the world gave alice a record in each of these: the check above is not vacuous
				for (const collection of ['cards', 'connections', 'interactions', 'events'] as const) {
					expect(pages[collection]?.items.map((r) => r.id)).toContain(w.target[collection]);
				}
			}
		});
	}

	it('nobody else sees alice’s private records through it', async () => {
		const bob = w.personOf('holder');
		if (!bob) throw new Error('holder');
		const mine = (await pullAll(bob, 'interactions')).map((r) => r.id);
		expect(mine).not.toContain(w.target.interactions);
		const decisions = (await pullAll(bob, 'decisions')).map((r) => r.id);
		expect(decisions).not.toContain(w.target.decisions);
		const backs = (await pullAll(bob, 'share_backs')).map((r) => r.id);
		expect(backs).not.toContain(w.target.share_backs);
	});

	it('pages by (updated, id): 205 records come as 200 + 5, no gap, no repeat', async () => {
		const person = await newPerson('pager');
		const connection = await person.pb.collection('connections').create({ memoryNote: 'paged' });
		const at = new Date().toISOString();
		await Promise.all(
			Array.from({ length: 205 }, (_, i) =>
				person.pb
					.collection('interactions')
					.create(
						{ kind: 'note', text: `note ${i}`, at, people: [connection.id] },
						{ requestKey: null }
					)
			)
		);
		const first = await pull(person, { interactions: {} });
		const page = (first.body as unknown as Pull).collections.interactions;
		expect(page?.items).toHaveLength(200);
		expect(page?.more).toBe(true);
		const all = await pullAll(person, 'interactions');
		expect(all).toHaveLength(205);
		expect(new Set(all.map((r) => r.id)).size).toBe(205);
		expect(all.map((r) => r.id)).toEqual(
			(await listed(person.pb, 'interactions')).map((r) => r.id)
		);
		// from a moment alone (the device's first page after its cursor): everything at or after it
		const last = all.at(-1);
		if (!last) throw new Error('empty');
		const after = await pull(person, { interactions: { updated: last.updated } });
		expect(
			(after.body as unknown as Pull).collections.interactions?.items.map((r) => r.id)
		).toContain(last.id);
		const none = await pull(person, { interactions: { updated: last.updated, id: last.id } });
		expect((none.body as unknown as Pull).collections.interactions).toEqual({
			items: [],
			more: false
		});
	});

	it('needs a signed-in user: no token, a forged one, a superuser are 401', async () => {
		expect((await pull(null, { cards: {} })).status).toBe(401);
		const forged = await newUser('forged');
		forged.pb.authStore.save(`${forged.pb.authStore.token}x`, forged.pb.authStore.record);
		expect((await pull(forged, { cards: {} })).body).toMatchObject({
			status: 401,
			data: { reason: 'unauthorized' }
		});
		const admin = await superuser();
		const reply = await fetch(`${pbUrl()}/api/tend/pull`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: admin.authStore.token },
			body: JSON.stringify({ collections: { cards: {} } })
		});
		expect(reply.status).toBe(401);
	});

	it('refuses other collections, bad cursors and bad bodies with 400, before any query', async () => {
		const who = await newUser('bad');
		const bad: unknown[] = [
			{ collections: { users: {} } },
			{ collections: { _superusers: {} } },
			{ collections: { swaps: {} } },
			{ collections: { event_members: {} } },
			{ collections: {} },
			{},
			{ collections: { cards: {} }, filter: 'id != ""' },
			{ collections: { cards: { id: 'abc' } } },
			{ collections: { cards: { updated: 'yesterday' } } },
			{ collections: { cards: { updated: '2026-01-01 00:00:00.000Z" || 1=1 || "' } } },
			{ collections: { cards: { updated: '2026-01-01 00:00:00.000Z', id: '" || id != "' } } },
			{ collections: { cards: { updated: '2026-01-01 00:00:00.000Z', id: 'x'.repeat(65) } } },
			{ collections: { cards: { updated: 5 } } },
			{ collections: ['cards'] }
		];
		for (const body of bad) {
			const reply = await call(who, 'POST', '/api/tend/pull', body);
			expect(reply.status, JSON.stringify(body)).toBe(400);
			expect(reply.body.data?.reason).toBe('invalid');
		}
		expect((await call(who, 'POST', '/api/tend/pull', 'not json')).status).toBe(400);
		const huge = { collections: { cards: {} }, pad: 'x'.repeat(20_000) };
		expect((await call(who, 'POST', '/api/tend/pull', huge)).status).toBe(413);
	});

	it('a collection pulled with others or alone gives the same page', async () => {
		const who = w.personOf('owner');
		if (!who) throw new Error('owner');
		const together = (await pull(who, { cards: {}, connections: {} })).body as unknown as Pull;
		const alone = (await pull(who, { connections: {} })).body as unknown as Pull;
		expect(together.collections.connections).toEqual(alone.collections.connections);
		expect(Object.keys(together.collections).sort()).toEqual(['cards', 'connections']);
		const collections: CollectionName[] = ['connections'];
		expect(Object.keys(alone.collections)).toEqual(collections);
	});
});
