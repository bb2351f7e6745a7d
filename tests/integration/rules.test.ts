// The rule matrix: every collection x list/view/create/update/delete x anonymous / another user /
// connected holder / revoked holder / owner. Each row names the rule it checks; a denied row also
// proves the data did not change.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordModel } from 'pocketbase';
import { rid, statusOf, superuser } from '../support/pb-harness';
import { buildWorld, type Actor, type World } from './world';

type Action = 'list' | 'view' | 'create' | 'update' | 'delete';
const ACTIONS: Action[] = ['list', 'view', 'create', 'update', 'delete'];
const ACTORS: Actor[] = ['anonymous', 'other', 'holder', 'revoked', 'owner'];

interface Spec {
	collection: string;
	allowed: Record<Action, Actor[]>;
	rules: Record<Action, string>;
	createBody(w: World): Record<string, unknown>;
	updateBody: Record<string, unknown>;
}

const OWNER_RULE = 'owner = @request.auth.id';
const CREATE_OWNER = 'owner is the signed-in user, never someone else (create rule + hook)';
const SERVER_ONLY = 'null rule: only the server writes it';
const now = (): string => new Date().toISOString();

/** A private collection: everything owner-only; deleting is a tombstone (an update), never DELETE. */
function privateSpec(
	collection: string,
	create: Spec['createBody'],
	update: Record<string, unknown>
): Spec {
	const only: Actor[] = ['owner'];
	return {
		collection,
		allowed: { list: only, view: only, create: only, update: only, delete: [] },
		rules: {
			list: OWNER_RULE,
			view: OWNER_RULE,
			create: CREATE_OWNER,
			update: OWNER_RULE,
			delete: 'null rule: a tombstone (update with `deleted`) is the only delete'
		},
		createBody: create,
		updateBody: update
	};
}

// Collections in run order: deletes cascade (a connection takes its card changes, the card takes
// the rest), so card changes come before connections and the card comes last of all.
const SPECS: Spec[] = [
	{
		collection: 'events',
		allowed: {
			list: ['holder', 'owner'],
			view: ['holder', 'owner'],
			create: ['other', 'holder', 'revoked', 'owner'],
			update: ['owner'],
			delete: ['owner']
		},
		rules: {
			list: 'organiser = me, or a member (my event_members row)',
			view: 'organiser = me, or a member (my event_members row)',
			create:
				'anyone signed in organises their own; organiser and joinCode in the body are ignored',
			update: 'organiser = me, organiser and joinCode unchanged',
			delete: 'organiser = me'
		},
		createBody: (w) => ({ name: 'New', organiser: w.alice.id, joinCode: 'AAAAAAAA' }),
		updateBody: { place: 'Lisbon', joiningClosed: true }
	},
	{
		collection: 'event_members',
		allowed: { list: ['owner'], view: ['owner'], create: [], update: [], delete: [] },
		rules: {
			list: 'user = me (not even the organiser sees a member)',
			view: 'user = me (not even the organiser sees a member)',
			create: 'null rule: only POST /api/tend/events/join',
			update: SERVER_ONLY,
			delete: 'null rule: only POST /api/tend/events/leave'
		},
		createBody: (w) => ({ event: w.target.events, user: w.alice.id }),
		updateBody: { event: 'aaaaaaaaaaaaaaa' }
	},
	{
		collection: 'card_changes',
		allowed: { list: ['owner'], view: ['owner'], create: [], update: [], delete: [] },
		rules: {
			list: `${OWNER_RULE} (the holder; never the card's owner)`,
			view: `${OWNER_RULE} (the holder; never the card's owner)`,
			create: SERVER_ONLY,
			update: SERVER_ONLY,
			delete: SERVER_ONLY
		},
		createBody: (w) => ({
			owner: w.alice.id,
			connection: w.target.connections,
			changes: [{ field: 'name', from: 'a', to: 'b' }]
		}),
		updateBody: { changes: [] }
	},
	privateSpec('connections', (w) => ({ owner: w.alice.id, memoryNote: 'met at lunch' }), {
		memoryNote: 'changed'
	}),
	privateSpec('interactions', (w) => ({ owner: w.alice.id, kind: 'note', at: now() }), {
		text: 'changed'
	}),
	privateSpec('decisions', (w) => ({ owner: w.alice.id, promptId: 'p2', state: 'done' }), {
		state: 'dismissed'
	}),
	{
		collection: 'settings',
		allowed: { list: ['owner'], view: ['owner'], create: [], update: ['owner'], delete: [] },
		rules: {
			list: OWNER_RULE,
			view: OWNER_RULE,
			create: 'null rule: the server makes them with the account',
			update: `${OWNER_RULE}, owner unchanged`,
			delete: 'null rule: they go with the account'
		},
		createBody: (w) => ({ owner: w.alice.id, dailyCap: 3, defaultCadence: 'close' }),
		updateBody: { dailyCap: 7 }
	},
	{
		collection: 'swaps',
		allowed: { list: ['owner'], view: ['owner'], create: [], update: [], delete: [] },
		rules: {
			list: OWNER_RULE,
			view: OWNER_RULE,
			create: 'null rule: only POST /api/tend/swaps',
			update: SERVER_ONLY,
			delete: SERVER_ONLY
		},
		createBody: (w) => ({ owner: w.alice.id, scannedAt: now() }),
		updateBody: { scannedAt: now() }
	},
	{
		collection: 'share_backs',
		allowed: { list: ['owner'], view: ['owner'], create: [], update: [], delete: ['owner'] },
		rules: {
			list: 'card.owner = me',
			view: 'card.owner = me',
			create: 'null rule: only POST /api/tend/public/share-back',
			update: SERVER_ONLY,
			delete: 'card.owner = me (turned into a contact)'
		},
		createBody: (w) => ({ card: w.alice.cardId, name: 'Mallory', email: 'm@example.org' }),
		updateBody: { note: 'changed' }
	},
	{
		collection: 'cards',
		allowed: {
			list: ['owner'],
			view: ['owner'],
			create: [],
			update: ['owner'],
			delete: ['owner']
		},
		rules: {
			list: `${OWNER_RULE} (holders read the snapshot on their connection)`,
			view: `${OWNER_RULE} (holders read the snapshot on their connection)`,
			create: 'one card per user (unique owner); owner never someone else',
			update: 'owner = me, keyVersion unchanged',
			delete: 'owner = me'
		},
		createBody: (w) => ({ owner: w.alice.id, name: 'Impostor' }),
		updateBody: { company: 'Changed Co' }
	}
];

let w: World;
beforeAll(async () => {
	w = await buildWorld();
});

/** The record as the superuser sees it, or null when gone. */
async function stored(collection: string, id: string): Promise<RecordModel | null> {
	const admin = await superuser();
	return admin
		.collection(collection)
		.getOne(id)
		.catch(() => null);
}

describe.each(SPECS)('$collection', (spec) => {
	for (const action of ACTIONS) {
		for (const actor of ACTORS) {
			const isAllowed = spec.allowed[action].includes(actor);
			const name = `${action} by ${actor}: ${isAllowed ? 'allowed' : 'denied'} (${spec.rules[action]})`;
			it(name, async () => {
				const pb = w.clientOf(actor);
				const id = w.target[spec.collection] as string;
				const col = pb.collection(spec.collection);
				if (action === 'list') {
					const items = await col.getFullList({ filter: `id = "${id}"` });
					expect(items.map((r) => r.id)).toEqual(isAllowed ? [id] : []);
				} else if (action === 'view') {
					const status = await statusOf(() => col.getOne(id));
					if (isAllowed) expect(status).toBe(200);
					else expect([403, 404]).toContain(status);
				} else if (action === 'create') {
					const body = { id: rid(), ...spec.createBody(w) };
					const status = await statusOf(() => col.create(body));
					const created = await stored(spec.collection, body.id);
					if (isAllowed) {
						expect(status).toBe(200);
						expect(created?.owner ?? created?.organiser).toBe(w.personOf(actor)?.id);
						if (spec.collection === 'events') {
							expect(created?.joinCode).not.toBe('AAAAAAAA');
							const admin = await superuser();
							const rows = await admin
								.collection('event_members')
								.getFullList({ filter: `event = "${body.id}"` });
							expect(rows).toEqual([]);
						}
						await (await superuser()).collection(spec.collection).delete(body.id);
					} else {
						expect([400, 403, 404]).toContain(status);
						expect(created).toBeNull();
					}
				} else if (action === 'update') {
					const before = await stored(spec.collection, id);
					const status = await statusOf(() => col.update(id, spec.updateBody));
					const after = await stored(spec.collection, id);
					if (isAllowed) {
						expect(status).toBe(200);
						expect(after).toMatchObject(spec.updateBody.scannedAt ? {} : spec.updateBody);
					} else {
						expect([400, 403, 404]).toContain(status);
						expect(after).toEqual(before);
					}
				} else {
					const status = await statusOf(() => col.delete(id));
					const after = await stored(spec.collection, id);
					if (isAllowed) {
						expect(status).toBe(200);
						expect(after).toBeNull();
					} else {
						expect([400, 403, 404]).toContain(status);
						expect(after).not.toBeNull();
					}
				}
			});
		}
	}
});

// Soft deletes: a tombstone is an ordinary update (or create) that sets `deleted`; only the owner
// makes one, only the owner sees one, and nobody (the owner included) brings it back.
interface SoftSpec {
	collection: string;
	createBody(): Record<string, unknown>;
}
const SOFT_SPECS: SoftSpec[] = [
	{ collection: 'connections', createBody: () => ({ memoryNote: 'soft', cadence: 'close' }) },
	{ collection: 'interactions', createBody: () => ({ kind: 'note', text: 'soft', at: now() }) },
	{
		collection: 'decisions',
		createBody: () => ({ promptId: `soft-${rid()}`, state: 'snoozed', until: now() })
	}
];

describe.each(SOFT_SPECS)('$collection soft deletes', (spec) => {
	/** A fresh record of alice's, a tombstone when asked. */
	async function alicesRecord(isTombstone: boolean): Promise<string> {
		const col = w.alice.pb.collection(spec.collection);
		const { id } = await col.create(spec.createBody());
		if (isTombstone) await col.update(id, { deleted: now() });
		return id;
	}

	for (const actor of ACTORS) {
		const isOwner = actor === 'owner';
		it(`tombstoning by ${actor}: ${isOwner ? 'allowed' : 'denied'} (${OWNER_RULE})`, async () => {
			const id = await alicesRecord(false);
			const before = await stored(spec.collection, id);
			const status = await statusOf(() =>
				w.clientOf(actor).collection(spec.collection).update(id, { deleted: now() })
			);
			const after = await stored(spec.collection, id);
			if (isOwner) {
				expect(status).toBe(200);
				expect(after?.deleted).not.toBe('');
			} else {
				expect([400, 403, 404]).toContain(status);
				expect(after).toEqual(before);
			}
		});

		it(`a tombstone, to ${actor}: ${isOwner ? 'listed, viewed, never revived' : 'invisible, unchangeable'}`, async () => {
			const id = await alicesRecord(true);
			const before = await stored(spec.collection, id);
			const col = w.clientOf(actor).collection(spec.collection);
			const listed = await col.getFullList({ filter: `deleted != "" && id = "${id}"` });
			expect(listed.map((r) => r.id)).toEqual(isOwner ? [id] : []);
			expect(await statusOf(() => col.getOne(id))).toBe(isOwner ? 200 : 404);
			for (const change of [{ deleted: '' }, { ...spec.createBody(), deleted: null }]) {
				const status = await statusOf(() => col.update(id, change));
				expect(status).toBe(isOwner ? 200 : 404);
				expect(await stored(spec.collection, id)).toEqual(before);
			}
		});
	}

	it('neither the owner nor the deletion time can be forged through the body', async () => {
		const col = w.alice.pb.collection(spec.collection);
		const forged = { id: rid(), ...spec.createBody(), owner: w.bob.id, deleted: now() };
		expect([400, 403]).toContain(await statusOf(() => col.create(forged)));
		expect(await stored(spec.collection, forged.id)).toBeNull();
		const early = await col.create({ ...spec.createBody(), deleted: '2000-01-01 00:00:00.000Z' });
		const deletedAt = Date.parse(
			String((await stored(spec.collection, early.id))?.deleted).replace(' ', 'T')
		);
		expect(Math.abs(deletedAt - Date.now())).toBeLessThan(60_000);
		const late = await col.create(spec.createBody());
		await col.update(late.id, { deleted: '2999-01-01 00:00:00.000Z' });
		const lateAt = Date.parse(
			String((await stored(spec.collection, late.id))?.deleted).replace(' ', 'T')
		);
		expect(Math.abs(lateAt - Date.now())).toBeLessThan(60_000);
	});
});

describe('interactions name live connections of their owner only', () => {
	it.each(ACTORS.filter((a) => a !== 'anonymous'))(
		'%s cannot name alice’s connections, nor alice her forgotten one',
		async (actor) => {
			const forgotten = (
				await w.alice.pb.collection('connections').create({ memoryNote: 'to forget' })
			).id;
			await w.alice.pb.collection('connections').update(forgotten, { deleted: now() });
			const live = (await w.alice.pb.collection('connections').create({ memoryNote: 'live' })).id;
			const people = actor === 'owner' ? [forgotten] : [live];
			const body = { id: rid(), kind: 'note', at: now(), people };
			const status = await statusOf(() =>
				w.clientOf(actor).collection('interactions').create(body)
			);
			expect(status).toBe(400);
			expect(await stored('interactions', body.id)).toBeNull();
		}
	);
});
