import { describe, expect, it } from 'vitest';
import {
	parseConnection,
	parseInteraction,
	type Connection,
	type Interaction,
	type ShareBack
} from '$lib/domain/records';
import { getRecord, listRecords } from '$lib/offline/local-store';
import { applyLocalChanges, putServerRecords } from '$lib/offline/local-writes';
import { listOutbox, markFailed } from '$lib/offline/outbox';
import { newRecordId } from '$lib/offline/record-id';
import type { OutboxEntry, StoredRecord, SyncError } from '$lib/offline/schema';
import { freshDb } from '$lib/offline/testing/factories';
import { deviceSession } from './testing/session';
import {
	INTERACTION_TEXT_MAX,
	MAX_PEOPLE,
	MAX_TAGS,
	acceptShareBack,
	deleteInteraction,
	draftProblem,
	editInteraction,
	forgetPerson,
	listPendingSwaps,
	listShareBacks,
	logInteraction,
	pickedDate,
	quickDate,
	updatePeople,
	updatePerson,
	verificationOf,
	type InteractionDraft
} from './people.service';
import { newConnection } from './swap.service';

const ID = 'conn00000000001';

/** An outbox entry as the store keeps it; a swap protecting connection ID unless told otherwise. */
function entry(fields: Partial<OutboxEntry> = {}): OutboxEntry {
	return {
		seq: 1,
		opId: 'op',
		collection: 'swaps',
		action: 'swap',
		recordId: 'swap00000000001',
		recordKey: `connections/${ID}`,
		body: {},
		createdAt: '2025-11-26T12:00:00.000Z',
		attempts: 0,
		status: 'pending',
		...fields
	};
}

const refusal = (code?: string): SyncError => ({
	reason: 'invalid',
	message: 'The server says no.',
	...(code ? { code } : {})
});

describe('verificationOf', () => {
	it('says "Not verified yet" while the swap waits in the outbox', () => {
		expect(verificationOf(ID, [entry()], [])).toEqual({
			state: 'waiting',
			label: 'Not verified yet'
		});
	});

	it.each([
		['token_forged', 'Refused: forged code'],
		['token_expired', 'Refused: expired code'],
		['token_rotated', 'Refused: replaced code'],
		['token_malformed', 'Refused: damaged code'],
		['card_missing', 'Refused: card deleted'],
		['self_swap', 'Refused: your own code'],
		['no_card', 'Refused: make your card first'],
		['something_new', 'Refused by the server'],
		[undefined, 'Refused by the server']
	])('names a refusal %s in plain words: %s', (code, label) => {
		const failed = entry({ status: 'failed', error: refusal(code) });
		expect(verificationOf(ID, [], [failed])).toEqual({ state: 'refused', label });
	});

	it('prefers the refusal when both lists mention the contact', () => {
		const failed = entry({ seq: 2, status: 'failed', error: refusal('token_forged') });
		expect(verificationOf(ID, [entry()], [failed])?.state).toBe('refused');
	});

	it('says nothing once the swap is accepted, or for entries of other contacts and kinds', () => {
		expect(verificationOf(ID, [], [])).toBeNull();
		const other = `connections/${'x'.repeat(15)}`;
		expect(
			verificationOf(
				ID,
				[
					entry({ recordKey: other }),
					entry({ action: 'update', collection: 'connections', recordId: ID })
				],
				[entry({ recordKey: other, status: 'failed', error: refusal('token_forged') })]
			)
		).toBeNull();
	});
});

describe('listPendingSwaps', () => {
	it('returns the swaps still waiting, not refused ones nor other changes', async () => {
		const db = await freshDb();
		const session = deviceSession(db);
		const scan = async () => {
			const connection = newConnection(session.userId, { card: 'cardcardcard001' });
			const swap = {
				id: newRecordId(),
				connectionId: connection.id,
				token: 't',
				scannedAt: '2025-11-26T12:00:00.000Z'
			};
			return session.write({ action: 'swap', swap, connection });
		};
		const waiting = await scan();
		const refused = await scan();
		await markFailed(db, refused.seq, refusal('token_forged'));
		await session.write({
			action: 'create',
			collection: 'connections',
			record: newConnection(session.userId, {})
		});

		const pending = await listPendingSwaps(session);
		expect(pending.map((e) => e.recordKey)).toEqual([waiting.recordKey]);
		const waitingId = waiting.recordKey.slice('connections/'.length);
		expect(verificationOf(waitingId, pending, [])?.label).toBe('Not verified yet');
	});
});

// ——— Tending and logging, against the real local store ———

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A session on a fresh store that records how many changes each writeAll was given. */
async function tending() {
	const db = await freshDb();
	const writeAlls: number[] = [];
	const session = deviceSession(db, {
		writeAll: (changes) => {
			writeAlls.push(changes.length);
			return applyLocalChanges(db, changes);
		}
	});
	/** A person in my network, as the server sent them (nothing in the outbox). */
	const seed = async (fields: Partial<StoredRecord> = {}): Promise<Connection> => {
		const record = newConnection(session.userId, {
			snapshot: { name: 'Ada' },
			created: '2026-05-01T09:00:00.000Z',
			...fields
		});
		await putServerRecords(db, 'connections', [record]);
		return parseConnection(record);
	};
	const seedInteraction = async (fields: Partial<StoredRecord>): Promise<Interaction> => {
		const record = {
			id: newRecordId(),
			owner: session.userId,
			kind: 'gave',
			text: 'a paper',
			...fields
		};
		await putServerRecords(db, 'interactions', [record]);
		return parseInteraction(record);
	};
	const stored = async (collection: 'connections' | 'interactions', id: string) =>
		getRecord(db, collection, id);
	return { db, session, writeAlls, seed, seedInteraction, stored };
}

describe('updatePeople', () => {
	it('changes several people in one transaction: one record and one entry each', async () => {
		const { db, session, writeAlls, seed, stored } = await tending();
		const people = [await seed(), await seed(), await seed()];
		expect(await updatePeople(session, people, { kind: 'channel', channel: 'online' })).toBe(3);
		expect(writeAlls).toEqual([3]);
		for (const person of people)
			expect((await stored('connections', person.id))?.channel).toBe('online');
		const outbox = await listOutbox(db);
		expect(outbox.map((e) => [e.action, e.recordId, e.body])).toEqual(
			people.map((p) => ['update', p.id, { channel: 'online' }])
		);
	});

	it.each([
		['channel', { kind: 'channel', channel: 'workplace' }, { channel: 'workplace' }],
		['cadence', { kind: 'cadence', cadence: 'close' }, { cadence: 'close' }],
		['archived', { kind: 'archived', archived: true }, { archived: true }]
	] as const)('sets the %s of everyone chosen', async (_what, change, body) => {
		const { db, session, seed, stored } = await tending();
		const person = await seed();
		await updatePeople(session, [person], change);
		expect(await stored('connections', person.id)).toMatchObject(body);
		expect((await listOutbox(db)).map((e) => e.body)).toEqual([body]);
	});

	it('writes no entry for a person already in that state', async () => {
		const { db, session, writeAlls, seed } = await tending();
		const archived = await seed({ archived: true });
		const active = await seed();
		const tagged = await seed({ tags: ['vc'] });
		expect(
			await updatePeople(session, [archived, active], { kind: 'archived', archived: true })
		).toBe(1);
		expect((await listOutbox(db)).map((e) => e.recordId)).toEqual([active.id]);
		expect(await updatePeople(session, [tagged], { kind: 'tag', add: [' vc '], remove: [] })).toBe(
			0
		);
		expect(await updatePeople(session, [archived], { kind: 'archived', archived: true })).toBe(0);
		expect(writeAlls).toEqual([1]);
		expect(await listOutbox(db)).toHaveLength(1);
	});

	it('adds tags cleaned and once, removes tags, keeps each person’s order', async () => {
		const { session, seed, stored } = await tending();
		const a = await seed({ tags: ['london', 'vc'] });
		const b = await seed({ tags: [] });
		await updatePeople(session, [a, b], {
			kind: 'tag',
			add: ['  machine   learning ', 'machine learning', '', '   ', 'vc'],
			remove: [' london']
		});
		expect((await stored('connections', a.id))?.tags).toEqual(['vc', 'machine learning']);
		expect((await stored('connections', b.id))?.tags).toEqual(['machine learning', 'vc']);
	});

	it(`keeps at most ${MAX_TAGS} tags on a person`, async () => {
		const { session, seed, stored } = await tending();
		const tags = Array.from({ length: MAX_TAGS - 1 }, (_, i) => `tag${i}`);
		const person = await seed({ tags });
		await updatePeople(session, [person], {
			kind: 'tag',
			add: ['one more', 'too many'],
			remove: []
		});
		expect((await stored('connections', person.id))?.tags).toEqual([...tags, 'one more']);
	});

	it('a tag longer than 40 characters is cut to 40', async () => {
		const { session, seed, stored } = await tending();
		const person = await seed();
		await updatePeople(session, [person], { kind: 'tag', add: ['x'.repeat(60)], remove: [] });
		expect((await stored('connections', person.id))?.tags).toEqual(['x'.repeat(40)]);
	});
});

describe('updatePerson', () => {
	it('a memory note clears "needs a note", and clearing every note sets it again', async () => {
		const { db, session, seed, stored } = await tending();
		const person = await seed({ needsNote: true });
		await updatePerson(session, person, { memoryNote: 'talked about looms' });
		expect(await stored('connections', person.id)).toMatchObject({
			memoryNote: 'talked about looms',
			needsNote: false
		});
		const noted = parseConnection((await stored('connections', person.id)) as StoredRecord);
		await updatePerson(session, noted, { memoryNote: '  ' });
		expect((await stored('connections', person.id))?.needsNote).toBe(true);
		expect((await listOutbox(db)).map((e) => e.body)).toEqual([
			{ memoryNote: 'talked about looms', needsNote: false },
			{ memoryNote: '  ', needsNote: true }
		]);
	});

	it('"how I can help" alone is a note too', async () => {
		const { session, seed, stored } = await tending();
		const person = await seed({ needsNote: true });
		await updatePerson(session, person, { howICanHelp: 'intro to Grace' });
		expect((await stored('connections', person.id))?.needsNote).toBe(false);
	});
});

describe('forgetPerson', () => {
	it('leaves a tombstone of my connection with nothing of my notes', async () => {
		const { db, session, seed, stored } = await tending();
		const person = await seed({ memoryNote: 'secret', tags: ['vc'], promise: 'call back' });
		await forgetPerson(session, person, []);
		const tombstone = await stored('connections', person.id);
		expect(tombstone).toEqual({
			id: person.id,
			owner: person.owner,
			deleted: expect.stringMatching(ISO_TIME)
		});
		const [entry] = await listOutbox(db);
		expect(entry).toMatchObject({ action: 'update', recordId: person.id });
		expect(entry?.body).toEqual({ deleted: tombstone?.deleted });
	});

	it('deletes what named only them, takes them out of what named others, in one transaction', async () => {
		const { db, session, writeAlls, seed, seedInteraction, stored } = await tending();
		const ada = await seed();
		const bob = await seed();
		const cy = await seed();
		const gave = await seedInteraction({ kind: 'gave', people: [ada.id], text: 'a paper' });
		const intro = await seedInteraction({
			kind: 'introduced',
			people: [ada.id, bob.id],
			text: 'Ada, Bob'
		});
		const group = await seedInteraction({ kind: 'conversation', people: [bob.id, ada.id, cy.id] });
		const bobs = await seedInteraction({ kind: 'asked', people: [bob.id] });

		await forgetPerson(session, ada, [gave, intro, group]);

		expect(writeAlls).toEqual([4]);
		expect(await stored('interactions', gave.id)).toEqual({
			id: gave.id,
			owner: gave.owner,
			deleted: expect.stringMatching(ISO_TIME)
		});
		expect(await stored('interactions', intro.id)).toMatchObject({
			kind: 'introduced',
			text: 'Ada, Bob',
			people: [bob.id],
			deleted: ''
		});
		expect((await stored('interactions', group.id))?.people).toEqual([bob.id, cy.id]);
		expect(await stored('interactions', bobs.id)).toMatchObject({ people: [bob.id] });
		expect((await listOutbox(db)).map((e) => [e.recordId, e.body])).toEqual([
			[ada.id, { deleted: expect.stringMatching(ISO_TIME) }],
			[gave.id, { deleted: expect.stringMatching(ISO_TIME) }],
			[intro.id, { people: [bob.id] }],
			[group.id, { people: [bob.id, cy.id] }]
		]);
	});
});

describe('draftProblem', () => {
	const draft = (fields: Partial<InteractionDraft> = {}): InteractionDraft => ({
		kind: 'gave',
		mode: '',
		text: 'a paper',
		at: '2026-05-02T09:00:00.000Z',
		people: ['conn00000000001'],
		...fields
	});

	it('accepts a complete draft', () => {
		expect(draftProblem(draft())).toBeNull();
		expect(draftProblem(draft({ text: '' }))).toBeNull();
	});

	it.each([
		['no one', { people: [] }, 'people'],
		['an introduction of one person', { kind: 'introduced', people: ['a'] }, 'people'],
		[
			'an introduction naming one person twice',
			{ kind: 'introduced', people: ['a', 'a'] },
			'people'
		],
		[
			'too many people',
			{ people: Array.from({ length: MAX_PEOPLE + 1 }, (_, i) => `p${i}`) },
			'people'
		],
		['too long a text', { text: 'x'.repeat(INTERACTION_TEXT_MAX + 1) }, 'text'],
		['no date', { at: '' }, 'at'],
		['a date that is none', { at: 'soon' }, 'at']
	] as const)('refuses %s', (_what, fields, field) => {
		expect(draftProblem(draft(fields as Partial<InteractionDraft>))?.field).toBe(field);
	});

	it('accepts the limits themselves', () => {
		expect(
			draftProblem(draft({ people: Array.from({ length: MAX_PEOPLE }, (_, i) => `p${i}`) }))
		).toBeNull();
		expect(draftProblem(draft({ text: '🌱'.repeat(INTERACTION_TEXT_MAX) }))).toBeNull();
		expect(draftProblem(draft({ kind: 'introduced', people: ['a', 'b'] }))).toBeNull();
	});
});

describe('logging what happened', () => {
	const AT = '2026-05-02T09:00:00.000Z';

	it('logInteraction stores the entry and queues exactly what it sent', async () => {
		const { db, session, stored } = await tending();
		const id = await logInteraction(session, {
			kind: 'introduced',
			mode: 'email',
			text: '  Ada, meet Bob  ',
			at: '2026-05-02T11:00:00+02:00',
			people: ['conn00000000ada', 'conn00000000bob', 'conn00000000ada']
		});
		const body = {
			kind: 'introduced',
			mode: 'email',
			text: 'Ada, meet Bob',
			at: AT,
			people: ['conn00000000ada', 'conn00000000bob']
		};
		expect(await stored('interactions', id)).toEqual({ id, owner: session.userId, ...body });
		const outbox = await listOutbox(db);
		expect(outbox.map((e) => [e.action, e.collection, e.body])).toEqual([
			['create', 'interactions', { ...body, id }]
		]);
	});

	it('logInteraction refuses a draft with a problem and writes nothing', async () => {
		const { db, session } = await tending();
		await expect(
			logInteraction(session, { kind: 'gave', mode: '', text: 'x', at: AT, people: [] })
		).rejects.toThrow('Choose who this was with.');
		expect(await listOutbox(db)).toEqual([]);
		expect(await listRecords(db, 'interactions')).toEqual([]);
	});

	it('editInteraction replaces what I wrote and sends the fields, not the id', async () => {
		const { db, session, seedInteraction, stored } = await tending();
		const gave = await seedInteraction({
			kind: 'gave',
			text: 'a paper',
			people: ['conn00000000ada'],
			at: AT
		});
		await editInteraction(session, gave, {
			kind: 'conversation',
			mode: 'call',
			text: 'a long call ',
			at: '2026-05-03T09:00:00.000Z',
			people: ['conn00000000ada', 'conn00000000bob']
		});
		const body = {
			kind: 'conversation',
			mode: 'call',
			text: 'a long call',
			at: '2026-05-03T09:00:00.000Z',
			people: ['conn00000000ada', 'conn00000000bob']
		};
		expect(await stored('interactions', gave.id)).toEqual({ ...gave, ...body });
		expect((await listOutbox(db)).map((e) => [e.action, e.recordId, e.body])).toEqual([
			['update', gave.id, body]
		]);
	});

	it('editInteraction refuses a draft with a problem and changes nothing', async () => {
		const { db, session, seedInteraction, stored } = await tending();
		const gave = await seedInteraction({ people: ['conn00000000ada'], at: AT });
		const before = await stored('interactions', gave.id);
		await expect(
			editInteraction(session, gave, {
				kind: 'gave',
				mode: '',
				text: '',
				at: 'never',
				people: ['x']
			})
		).rejects.toThrow();
		expect(await stored('interactions', gave.id)).toEqual(before);
		expect(await listOutbox(db)).toEqual([]);
	});

	it('deleteInteraction is a soft delete: a tombstone, sent as an update', async () => {
		const { db, session, seedInteraction, stored } = await tending();
		const gave = await seedInteraction({ people: ['conn00000000ada'], at: AT, text: 'private' });
		await deleteInteraction(session, gave);
		const tombstone = await stored('interactions', gave.id);
		expect(tombstone).toEqual({
			id: gave.id,
			owner: gave.owner,
			deleted: expect.stringMatching(ISO_TIME)
		});
		expect((await listOutbox(db)).map((e) => [e.action, e.recordId, e.body])).toEqual([
			['update', gave.id, { deleted: tombstone?.deleted }]
		]);
	});
});

describe('quick dates', () => {
	const now = new Date('2026-05-10T15:30:00.000Z');

	it.each([
		['today', '2026-05-10T15:30:00.000Z'],
		['yesterday', '2026-05-09T15:30:00.000Z'],
		['last_week', '2026-05-03T15:30:00.000Z']
	] as const)('%s', (choice, iso) => {
		expect(quickDate(choice, now)).toBe(iso);
	});

	it('a picked day is that local day at noon', () => {
		const picked = new Date(pickedDate('2026-02-28'));
		expect([picked.getFullYear(), picked.getMonth(), picked.getDate(), picked.getHours()]).toEqual([
			2026, 1, 28, 12
		]);
		expect(pickedDate('2024-02-29')).not.toBe('');
	});

	it.each([
		'',
		'yesterday',
		'2026-5-1',
		'2026-05-01T10:00',
		'2026-02-30',
		'2026-13-01',
		'2026-00-10',
		'2026-04-31',
		'0026-05-01'
	])('"%s" is not a day', (day) => {
		expect(pickedDate(day)).toBe('');
	});
});

describe('acceptShareBack', () => {
	const shareBack = (fields: Partial<ShareBack> = {}): ShareBack => ({
		id: 'shareback000001',
		card: 'cardcardcard001',
		name: 'Bo Jones',
		email: 'bo@example.org',
		note: 'Met at the coffee line',
		created: '2026-05-01T09:30:00.000Z',
		...fields
	});

	it('makes the contact and removes the share-back in one transaction', async () => {
		const { db, session, writeAlls, stored } = await tending();
		await putServerRecords(db, 'share_backs', [{ ...shareBack() }]);
		const id = await acceptShareBack(session, shareBack());

		expect(writeAlls).toEqual([2]);
		expect(await getRecord(db, 'share_backs', 'shareback000001')).toBeUndefined();
		const connection = parseConnection((await stored('connections', id)) as StoredRecord);
		expect(connection).toMatchObject({
			owner: session.userId,
			metAt: '2026-05-01T09:30:00.000Z',
			needsNote: true,
			snapshot: {
				name: 'Bo Jones',
				links: [{ kind: 'email', url: 'mailto:bo@example.org' }],
				note: 'Met at the coffee line'
			}
		});
		const [create, remove] = await listOutbox(db);
		expect(Object.keys(create?.body ?? {})).not.toEqual(expect.arrayContaining(['owner']));
		for (const serverField of ['owner', 'card', 'revoked']) {
			expect(create?.body, serverField).not.toHaveProperty(serverField);
		}
		expect(remove).toMatchObject({
			action: 'delete',
			collection: 'share_backs',
			recordId: 'shareback000001'
		});
	});

	it('leaves out an email that is not one, and a note that is empty', async () => {
		const { session, stored } = await tending();
		const id = await acceptShareBack(
			session,
			shareBack({ email: 'javascript:alert(1)', note: '' })
		);
		const connection = parseConnection((await stored('connections', id)) as StoredRecord);
		expect(connection.snapshot.links).toEqual([]);
		expect(connection.snapshot.note).toBe('');
	});

	it('lists share-backs newest first', async () => {
		const { db, session } = await tending();
		await putServerRecords(db, 'share_backs', [
			{ id: 'shareback000001', name: 'Old', created: '2026-05-01 09:30:00.000Z' },
			{ id: 'shareback000002', name: 'New', created: '2026-05-02 09:30:00.000Z' }
		]);
		expect((await listShareBacks(session)).map((s) => s.name)).toEqual(['New', 'Old']);
	});
});
