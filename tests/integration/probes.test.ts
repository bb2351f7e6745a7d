// Share levels hold by construction: nobody but the owner has a query path (list, view, filter,
// sort, relation, back-relation, realtime) to a card field beyond their level, nor to anyone's
// private notes. Each probe asks a true and a false question about alice's hidden data; an actor
// who could tell the answers apart would have an oracle (one character at a time). As the
// superuser the same questions DO differ, so each probe is a real one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { call, newPerson, pbUrl, rid, superuser, swap, type Person } from '../support/pb-harness';
import { openRealtime, type RealtimeClient } from '../support/realtime';

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

describe('realtime', () => {
	const clients: RealtimeClient[] = [];
	afterAll(() => clients.forEach((c) => c.close()));

	type Spelling = 'plain' | 'escaped' | 'encoded';
	const SPELLINGS: Spelling[] = ['plain', 'escaped', 'encoded'];

	/**
	 * A topic with its options JSON: as is, with every letter of the filter a \\u escape, or
	 * URL-encoded as the SDK sends it (`%22card.lookingFor…`).
	 */
	function topic(base: string, filter: string, spelling: Spelling): string {
		let json = JSON.stringify({ query: { filter } });
		if (spelling === 'escaped') {
			json = json.replace(
				/[a-zA-Z]/g,
				(c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')
			);
		}
		return `${base}?options=${spelling === 'encoded' ? encodeURIComponent(json) : json}`;
	}

	it.each(ACTORS)(
		'a subscription with a hidden-field filter tells $name nothing',
		async (actor) => {
			const who = actor.who();
			const client = await openRealtime();
			clients.push(client);
			const connection = ownConnection[who.id]!;
			const questions = [
				...cardQuestions('card.', true).map((q) => ({ ...q, base: `connections/${connection}` })),
				...noteQuestions('card.connections_via_card').map((q) => ({
					...q,
					base: `connections/${connection}`
				})),
				...cardQuestions('organiser.cards_via_owner.', true).map((q) => ({
					...q,
					base: `events/${eventId}`
				})),
				...noteQuestions('connections_via_event').map((q) => ({ ...q, base: `events/${eventId}` }))
			];
			const topics = questions.flatMap((q) =>
				SPELLINGS.flatMap((spelling) => [
					topic(q.base, q.truth, spelling),
					topic(q.base, q.lie, spelling)
				])
			);
			// a control: the same record with no filter does hear its events
			const controls = [`connections/${connection}`, `events/${eventId}`];
			expect(await client.subscribe([...topics, ...controls], who.pb.authStore.token)).toBe(204);
			await who.pb.collection('connections').update(connection, { memoryNote: `poke ${rid()}` });
			await alice.pb.collection('events').update(eventId, { place: `Hall ${rid()}` });
			await expect.poll(() => controls.every((c) => client.heard().has(c))).toBe(true);
			// one change reaches each matching topic by its own message, in no set order: wait
			// until no more arrive before comparing what each question heard
			let size = -1;
			await expect
				.poll(
					() => {
						const settled = client.heard().size === size;
						size = client.heard().size;
						return settled;
					},
					{ interval: 300, timeout: 10_000 }
				)
				.toBe(true);
			for (const q of questions) {
				for (const spelling of SPELLINGS) {
					const truth = client.heard().has(topic(q.base, q.truth, spelling));
					const lie = client.heard().has(topic(q.base, q.lie, spelling));
					expect(truth, `${q.name} (${spelling}): ${q.truth}`).toBe(lie);
				}
			}
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
