// Share levels hold by construction: nobody but the owner has a query path (list, view, filter,
// sort, relation, back-relation, live updates) to a card field beyond their level, nor to anyone's
// private notes. Each probe asks a true and a false question about alice's hidden data; an actor
// who could tell the answers apart would have an oracle (one character at a time). As the
// superuser the same questions DO differ, so each probe is a real one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { call, newPerson, pbUrl, rid, superuser, swap, type Person } from '../support/pb-harness';
import { openLive, type LiveClient } from '../support/realtime';

const r = rid().slice(0, 6);
const SECRET = {
	headline: `hq-${r}`,
	canHelpWith: `cq-${r}`,
	lookingFor: `lq-${r}`,
	linkHost: `uq${r}.example`,
	note: `mq-${r}`
};

/** A true and a false version of one question about alice's data. */
interface Question {
	name: string;
	truth: string;
	lie: string;
}

let alice: Person;
let bob: Person; // event-level holder (alice's event fields: company only)
let dan: Person; // full-level holder, who wrote a private note about alice
let erin: Person; // revoked holder
let carol: Person; // stranger (a member of the same event)
let eventId = '';
let admin: PocketBase;
const ownConnection: Record<string, string> = {};

beforeAll(async () => {
	alice = await newPerson('alice', {
		headline: SECRET.headline,
		canHelpWith: SECRET.canHelpWith,
		lookingFor: SECRET.lookingFor,
		links: [{ kind: 'website', url: `https://${SECRET.linkHost}` }],
		eventFields: ['company']
	});
	[bob, dan, erin, carol] = await Promise.all([
		newPerson('bob'),
		newPerson('dan'),
		newPerson('erin'),
		newPerson('carol')
	]);
	const event = await alice.pb.collection('events').create({ name: 'Probe conf' });
	eventId = event.id;
	for (const p of [bob, dan, erin, carol]) {
		await call(p, 'POST', '/api/tend/events/join', { code: event.joinCode });
	}
	for (const p of [bob, dan, erin]) {
		const reply = await swap(p, alice, { event: eventId });
		ownConnection[p.id] = (reply.body as { connection: { id: string } }).connection.id;
	}
	ownConnection[carol.id] = (
		await carol.pb.collection('connections').create({ memoryNote: 'my own' })
	).id;
	await call(alice, 'POST', `/api/tend/holders/${ownConnection[dan.id]}`, { level: 'full' });
	await dan.pb
		.collection('connections')
		.update(ownConnection[dan.id]!, { memoryNote: SECRET.note });
	await call(alice, 'POST', `/api/tend/holders/${ownConnection[erin.id]}`, { revoked: true });
	// a change of hidden fields after everyone holds the card
	await alice.pb
		.collection('cards')
		.update(alice.cardId, { lookingFor: `${SECRET.lookingFor}-v2`, company: 'alice co 2' });
	admin = await superuser();
});

/** Questions about alice's card, phrased as `<prefix><field> …` (and that card's id). */
function cardQuestions(prefix: string, withOwnerOnly: boolean): Question[] {
	const about = (text: string) => `(${prefix}id ?= '${alice.cardId}' && ${text})`;
	return questionsOf(prefix, withOwnerOnly).map((q) => ({
		...q,
		truth: about(q.truth),
		lie: about(q.lie)
	}));
}

function questionsOf(prefix: string, withOwnerOnly: boolean): Question[] {
	const q: Question[] = [
		{
			name: 'headline',
			truth: `${prefix}headline ~ '${SECRET.headline}'`,
			lie: `${prefix}headline ~ 'zz${r}'`
		},
		{
			name: 'canHelpWith',
			truth: `${prefix}canHelpWith ~ '${SECRET.canHelpWith}'`,
			lie: `${prefix}canHelpWith ~ 'zz${r}'`
		},
		{
			name: 'lookingFor',
			truth: `${prefix}lookingFor ~ '${SECRET.lookingFor}'`,
			lie: `${prefix}lookingFor ~ 'zz${r}'`
		},
		{
			name: 'links',
			truth: `${prefix}links ~ '${SECRET.linkHost}'`,
			lie: `${prefix}links ~ 'zz${r}'`
		},
		{ name: 'photo', truth: `${prefix}photo = ''`, lie: `${prefix}photo != ''` }
	];
	if (withOwnerOnly) {
		q.push(
			{
				name: 'owner',
				truth: `${prefix}owner = '${alice.id}'`,
				lie: `${prefix}owner = 'zzzzzzzzzzzzzzz'`
			},
			{ name: 'keyVersion', truth: `${prefix}keyVersion = 1`, lie: `${prefix}keyVersion = 99` },
			{
				name: 'eventFields',
				truth: `${prefix}eventFields ~ 'company'`,
				lie: `${prefix}eventFields ~ 'zz${r}'`
			}
		);
	}
	return q;
}

const noteQuestions = (path: string): Question[] => [
	{
		name: `someone's note via ${path}`,
		truth: `${path}.memoryNote ?~ '${SECRET.note}'`,
		lie: `${path}.memoryNote ?~ 'zz${r}'`
	}
];

/** Where a question can be asked from: a collection the actor can list and a path into alice. */
const ROUTES: { collection: string; questions: () => Question[]; fullMaySee?: boolean }[] = [
	{ collection: 'cards', questions: () => cardQuestions('', true) },
	{ collection: 'connections', questions: () => cardQuestions('card.', true) },
	{ collection: 'swaps', questions: () => cardQuestions('card.', true) },
	{ collection: 'card_changes', questions: () => cardQuestions('connection.card.', true) },
	{ collection: 'interactions', questions: () => cardQuestions('people.card.', true) },
	{ collection: 'events', questions: () => cardQuestions('organiser.cards_via_owner.', true) },
	{ collection: 'users', questions: () => cardQuestions('cards_via_owner.', true) },
	{ collection: 'connections', questions: () => noteQuestions('card.connections_via_card') },
	{ collection: 'events', questions: () => noteQuestions('connections_via_event') },
	{
		collection: 'events',
		questions: () => noteQuestions('event_members_via_event.user.connections_via_owner')
	},
	{
		collection: 'card_changes',
		fullMaySee: true,
		questions: () => [
			{
				name: 'that a hidden field changed',
				truth: `changes ~ 'lookingFor'`,
				lie: `changes ~ 'zz${r}'`
			}
		]
	}
];

/** Every character percent-encoded: the server must not care how a question is spelled. */
function encodeAll(text: string): string {
	return [...new TextEncoder().encode(text)]
		.map((b) => '%' + b.toString(16).padStart(2, '0').toUpperCase())
		.join('');
}

/** The answer an actor gets: status and the ids listed, by SDK or raw HTTP. */
async function ask(who: Person, collection: string, filter: string, raw: boolean) {
	if (!raw) {
		try {
			const page = await who.pb.collection(collection).getList(1, 50, { filter });
			return { status: 200, ids: page.items.map((i) => i.id).sort() };
		} catch (error) {
			return { status: (error as { status?: number }).status ?? -1, ids: [] };
		}
	}
	const res = await fetch(
		`${pbUrl()}/api/collections/${collection}/records?filter=${encodeAll(filter)}&sort=${encodeAll('-' + filter.split(/[ .]/)[0])}`,
		{ headers: { authorization: who.pb.authStore.token } }
	);
	const body = (await res.json()) as { items?: { id: string }[] };
	return { status: res.status, ids: (body.items ?? []).map((i) => i.id).sort() };
}

const ACTORS = [
	{ name: 'an event-level holder', who: () => bob },
	{ name: 'a full-level holder', who: () => dan },
	{ name: 'a revoked holder', who: () => erin },
	{ name: 'a stranger at the same event', who: () => carol }
];

describe.each(ROUTES.map((route, i) => ({ ...route, label: `${route.collection} #${i}` })))(
	'questions asked from $label',
	(route) => {
		it('are real questions: the superuser gets different answers', async () => {
			for (const q of route.questions()) {
				const truth = await admin.collection(route.collection).getList(1, 50, { filter: q.truth });
				const lie = await admin.collection(route.collection).getList(1, 50, { filter: q.lie });
				expect(truth.totalItems, `${q.name}: ${q.truth}`).toBeGreaterThan(0);
				expect(lie.totalItems, `${q.name}: ${q.lie}`).toBe(0);
			}
		});

		// A full-level holder's level shows every field: for him that is not a probe.
		const actors = route.fullMaySee
			? ACTORS.filter((a) => a.name !== 'a full-level holder')
			: ACTORS;
		it.each(actors)('tell $name nothing (SDK and percent-encoded raw HTTP)', async (actor) => {
			const who = actor.who();
			for (const q of route.questions()) {
				for (const raw of [false, true]) {
					const truth = await ask(who, route.collection, q.truth, raw);
					const lie = await ask(who, route.collection, q.lie, raw);
					expect(truth, `${q.name} (${raw ? 'raw' : 'sdk'}): ${q.truth}`).toEqual(lie);
				}
			}
		});
	}
);

describe('live updates', () => {
	const streams: LiveClient[] = [];
	afterAll(() => streams.forEach((c) => c.close()));

	it('PocketBase’s realtime takes no subscription from anyone (no filter can be asked through it)', async () => {
		for (const token of [null, ...ACTORS.map((a) => a.who().pb.authStore.token)]) {
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (token) headers.authorization = token;
			const connect = await fetch(`${pbUrl()}/api/realtime`, { headers });
			expect(connect.status).toBe(410);
			expect(((await connect.json()) as { data: { reason: string } }).data.reason).toBe(
				'realtime_moved'
			);
			const subscribe = await fetch(`${pbUrl()}/api/realtime`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ clientId: 'x', subscriptions: [`connections/*`] })
			});
			expect(subscribe.status).toBe(410);
		}
	});

	it.each(ACTORS)(
		'$name hears of changes to their own records only, by collection name alone',
		async (actor) => {
			const who = actor.who();
			const others = [alice, ...ACTORS.map((a) => a.who())].filter((p) => p.id !== who.id);
			const mine = await openLive(who.pb.authStore.token);
			const theirs = await Promise.all(others.map((p) => openLive(p.pb.authStore.token)));
			streams.push(mine, ...theirs);
			const since = new Date(Date.now() - 1000).toISOString().replace('T', ' ');
			// everyone else changes their own records: alice her card and event, the others a note
			await alice.pb.collection('cards').update(alice.cardId, { company: `alice co ${rid()}` });
			await alice.pb.collection('events').update(eventId, { place: `Hall ${rid()}` });
			for (const p of others.filter((o) => o !== alice)) {
				await p.pb.collection('connections').update(ownConnection[p.id]!, { memoryNote: rid() });
			}
			// then mine changes
			await who.pb.collection('connections').update(ownConnection[who.id]!, { memoryNote: rid() });
			await expect.poll(() => mine.changed()).toContain('connections');
			await expect.poll(() => theirs[0]!.changed()).toContain('cards');
			await new Promise((r) => setTimeout(r, 300));
			for (const event of [...mine.events(), ...theirs.flatMap((t) => t.events())]) {
				if (event.event === 'change') {
					expect(event.data).toMatch(/^\{"collections":\["[a-z_]+"(,"[a-z_]+")*\]\}$/);
				}
			}
			// a notice names only collections in which something of that person's changed
			for (const [i, stream] of [mine, ...theirs].entries()) {
				const person = [who, ...others][i]!;
				for (const collection of stream.changed()) {
					const changed = await person.pb.collection(collection).getList(1, 1, {
						filter: person.pb.filter('updated >= {:since}', { since })
					});
					expect(changed.items.length, `${person.email}: ${collection}`).toBeGreaterThan(0);
				}
			}
			expect(theirs[0]!.changed()).toEqual(expect.arrayContaining(['cards', 'events']));
		}
	);
});

describe('the schema', () => {
	it('has no visible relation to someone else’s records (the construction the above relies on)', async () => {
		// Visible relations that only ever point at the record owner's own records.
		const SAME_OWNER = new Set([
			'cards.owner',
			'connections.owner',
			'interactions.owner',
			'interactions.people', // own connections only (checked by a hook)
			'decisions.owner',
			'settings.owner',
			'swaps.owner',
			'swaps.connection',
			'card_changes.owner',
			'card_changes.connection',
			'share_backs.card' // read by the card's owner only
		]);
		const collections = await admin.collections.getFullList();
		const visible: string[] = [];
		for (const c of collections) {
			if (c.system || c.name.startsWith('_')) continue;
			for (const f of c.fields as { name: string; type: string; hidden: boolean }[]) {
				if (f.type === 'relation' && !f.hidden) visible.push(`${c.name}.${f.name}`);
			}
		}
		expect(visible.filter((v) => !SAME_OWNER.has(v))).toEqual([]);
		expect(visible.length).toBeGreaterThan(5);
	});
});
