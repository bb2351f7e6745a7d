import { describe, expect, it } from 'vitest';
import { buildExport, exportToJson, parseExport, type TendExport } from './export-json';
import {
	RESTORE_LIMITS,
	remappedPromptId,
	restorePlan,
	restoredId,
	type RestorePlan
} from './export-restore';
import { decisionId } from './follow-ups/decision-id';
import { plan } from './follow-ups/plan';
import { decision, event, interaction, network, person } from './follow-ups/testing/network';
import type { PlanInput, Prompt } from './follow-ups/types';
import { parseConnection, type Connection } from './records';
import { NOW, OWNER, randomNetwork } from './testing/random-network';

const NEW_OWNER = 'newusernewuser1';

/** A network exported to a file and read back, as a restore gets it. */
function exportedFile(seed: number, size = 30): TendExport {
	const { input, card, settings, shareBacks } = randomNetwork(seed, size);
	const built = buildExport(
		{
			account: { id: OWNER, email: 'mia@example.org', name: 'Mia', created: '' },
			card,
			settings,
			connections: input.connections,
			interactions: input.interactions,
			cardChanges: input.cardChanges,
			events: input.events,
			decisions: input.decisions,
			shareBacks
		},
		Date.parse(NOW)
	);
	const parsed = parseExport(exportToJson(built));
	if (!parsed.ok) throw new Error(parsed.message);
	return parsed.export;
}

/** A minimal export holding just these records. */
function fileOf(fields: Partial<TendExport>): TendExport {
	return {
		format: 'tend-export',
		version: 1,
		exportedAt: NOW,
		me: { account: { id: OWNER, email: '', name: '', created: '' }, card: null, settings: null },
		connections: [],
		interactions: [],
		cardChanges: [],
		events: [],
		decisions: [],
		shareBacks: [],
		...fields
	};
}

/** The engine's input for the restored account, as it will read it after the restore. */
function restoredInput(restored: RestorePlan, original: PlanInput): PlanInput {
	return {
		...original,
		connections: restored.connections,
		interactions: restored.interactions,
		decisions: restored.decisions,
		cardChanges: [],
		events: []
	};
}

const idMap = (restored: RestorePlan) => restored.ids;

describe('restorePlan', () => {
	it.each([1, 2, 3, 4])(
		'brings back every person I have not forgotten, as a contact of the new account (seed %i)',
		(seed) => {
			const file = exportedFile(seed);
			const restored = restorePlan(file, NEW_OWNER);
			const live = file.connections.filter((c) => !c.deleted);
			expect(restored.connections).toHaveLength(live.length);
			expect(restored.counts.people).toBe(live.length);
			expect(restored.counts.forgotten).toBe(file.connections.length - live.length);
			const events = new Map(file.events.map((e) => [e.id, e.name]));
			for (const old of live) {
				const id = idMap(restored).get(old.id);
				const c = restored.connections.find((r) => r.id === id);
				if (!c) throw new Error(`${old.id} was not restored`);
				expect(c.id).not.toBe(old.id);
				expect(c.id).toMatch(/^[a-z0-9]{15}$/);
				expect(c).toMatchObject({
					owner: NEW_OWNER,
					card: '',
					event: '',
					revoked: false,
					level: '',
					deleted: '',
					metAt: old.metAt,
					channel: old.channel,
					cadence: old.cadence,
					memoryNote: old.memoryNote,
					howICanHelp: old.howICanHelp,
					promise: old.promise,
					archived: old.archived,
					needsNote: old.needsNote
				});
				const { photoUrl, links, ...card } = old.snapshot;
				expect(photoUrl === '' || c.snapshot.photoUrl === '').toBe(true);
				expect(c.snapshot).toMatchObject(card);
				expect(c.snapshot.links).toEqual(links.filter((l) => !l.url.startsWith('javascript:')));
				const eventName = events.get(old.event);
				expect(c.tags).toEqual(
					eventName ? [eventName, ...old.tags.filter((t) => t !== eventName)] : old.tags
				);
				// What a restored record must be to pass the parser the app reads it with.
				expect(parseConnection({ ...c })).toEqual(c);
			}
		}
	);

	it('brings back the timeline: interactions name the new ids of the same people', () => {
		const file = exportedFile(5);
		const restored = restorePlan(file, NEW_OWNER);
		const newIds = new Set(restored.connections.map((c) => c.id));
		const byNewId = new Map(restored.interactions.map((i) => [i.id, i]));
		let kept = 0;
		for (const old of file.interactions) {
			const people = old.people.flatMap((p) => restored.ids.get(p) ?? []);
			const restoredOne = byNewId.get(restoredId(NEW_OWNER, 'interactions', old.id));
			if (old.deleted || people.length === 0) {
				expect(restoredOne).toBeUndefined();
				continue;
			}
			kept++;
			expect(restoredOne).toMatchObject({
				owner: NEW_OWNER,
				kind: old.kind,
				mode: old.mode,
				text: old.text,
				at: old.at,
				people,
				deleted: ''
			});
		}
		expect(kept).toBeGreaterThan(0);
		expect(restored.interactions).toHaveLength(kept);
		expect(restored.counts.interactions).toBe(kept);
		expect(restored.counts.interactionsLeftOut).toBe(file.interactions.length - kept);
		for (const i of restored.interactions)
			for (const p of i.people) expect(newIds.has(p)).toBe(true);
	});

	it.each([1, 2, 3, 4, 5, 6])(
		'keeps my follow-ups where they were: the same prompts are open and decided (seed %i)',
		(seed) => {
			const { input } = randomNetwork(seed);
			const file = exportedFile(seed);
			const restored = restorePlan(file, NEW_OWNER);
			// Card changes do not come back, and neither do the prompts about them. Introductions are
			// compared apart: among equally good matches the engine picks the smallest id, and the
			// restore renames everyone, so it may suggest another, equally good, introduction.
			const isCompared = (p: Prompt) => p.kind !== 'card_changed' && p.kind !== 'introduce';
			const before = plan(input)
				.all.filter(isCompared)
				.map((p) => remappedPromptId(p.id, restored.ids))
				.sort();
			const after = plan(restoredInput(restored, input))
				.all.filter(isCompared)
				.map((p) => p.id)
				.sort();
			expect(after).toEqual(before);
			expect(restored.decisions.length).toBeGreaterThan(0);
			for (const d of restored.decisions) {
				expect(d.id).toBe(decisionId(NEW_OWNER, d.promptId));
				expect(d.owner).toBe(NEW_OWNER);
			}
		}
	);

	it('leaves out undone, deleted and card-change decisions, and those it cannot name', () => {
		const ann = person('annannannann001');
		const file = fileOf({
			connections: [ann],
			decisions: [
				decision('thank_you:annannannann001:2026-05-01', 'done', { id: 'dec1' }),
				decision('check_in:annannannann001:2026-05-01', 'open', { id: 'dec2' }),
				decision('needs_note:annannannann001:2026-05-01', 'done', {
					id: 'dec3',
					deleted: '2026-05-03T00:00:00.000Z'
				}),
				decision('card_changed:annannannann001:2026-05-02:chg1', 'done', { id: 'dec4' }),
				decision('thank_you:someoneelse0001:2026-05-01', 'done', { id: 'dec5' }),
				decision('introduce:annannannann001:someoneelse0001', 'done', { id: 'dec6' }),
				decision('thank_you:1a2b3c:260', 'done', { id: 'dec7' }),
				decision('gibberish', 'done', { id: 'dec8' })
			]
		});
		const restored = restorePlan(file, NEW_OWNER);
		const newAnn = restored.ids.get(ann.id);
		expect(restored.decisions.map((d) => d.promptId)).toEqual([`thank_you:${newAnn}:2026-05-01`]);
		expect(restored.counts).toMatchObject({ decisions: 1, decisionsLeftOut: 7 });
	});

	it('renames both people of an introduction, in the order the engine names them', () => {
		const ids = new Map([
			['aaa', 'zzz'],
			['bbb', 'mmm']
		]);
		expect(remappedPromptId('introduce:aaa:bbb', ids)).toBe('introduce:mmm:zzz');
		expect(remappedPromptId('give:aaa:2026-05-01', ids)).toBe('give:zzz:2026-05-01');
		expect(remappedPromptId('promise:bbb:1t609ri', ids)).toBe('promise:mmm:1t609ri');
		expect(remappedPromptId('anniversary:aaa:2027', ids)).toBe('anniversary:zzz:2027');
		expect(remappedPromptId('introduce:aaa:ccc', ids)).toBeNull();
		expect(remappedPromptId('', ids)).toBeNull();
	});

	it('writes the same ids every time, and nothing when the account already holds them', () => {
		const file = exportedFile(7);
		const first = restorePlan(file, NEW_OWNER);
		expect(restorePlan(file, NEW_OWNER)).toEqual(first);
		const again = restorePlan(file, NEW_OWNER, {
			connections: first.connections,
			interactions: first.interactions,
			decisions: first.decisions
		});
		expect(again.connections).toEqual([]);
		expect(again.interactions).toEqual([]);
		expect(again.decisions).toEqual([]);
		expect(again.connectionUpdates).toEqual([]);
		expect(again.counts.alreadyRestored).toBe(first.connections.length + first.interactions.length);
		expect(again.ids).toEqual(first.ids);
	});

	it('gives another account other ids', () => {
		const file = exportedFile(7);
		const mine = restorePlan(file, NEW_OWNER).connections.map((c) => c.id);
		const theirs = restorePlan(file, 'otheruserother1').connections.map((c) => c.id);
		expect(mine.filter((id) => theirs.includes(id))).toEqual([]);
	});

	it('does not make twice a person the account already has, and fills their empty notes', () => {
		const old = person('annannannann001', {
			card: 'cardofann000001',
			memoryNote: 'Gardens',
			promise: 'Send the paper',
			tags: ['robotics']
		});
		const byEmail = person('bobbobbobbob001', {
			snapshot: { links: [{ kind: 'email', url: 'mailto:Bo@Example.org' }] }
		});
		const byPhone = person('cycycycycycy001', {
			snapshot: { links: [{ kind: 'phone', url: 'tel:+49 (30) 123-4567' }] }
		});
		const byLinkedIn = person('deedeedeedee001', {
			snapshot: { links: [{ kind: 'linkedin', url: 'https://linkedin.com/in/dee/' }] }
		});
		const bySiteOnly = person('eveeveeveeve001', {
			snapshot: { links: [{ kind: 'website', url: 'https://acme.example.org' }] }
		});
		const here = [
			person('swappedann00001', { card: 'cardofann000001', memoryNote: '', needsNote: true }),
			person('bo0000000000001', {
				snapshot: { links: [{ kind: 'email', url: 'mailto:bo@example.org' }] },
				memoryNote: 'Mine'
			}),
			person('cy0000000000001', {
				snapshot: { links: [{ kind: 'phone', url: 'tel:+4930 1234567' }] }
			}),
			person('dee000000000001', {
				snapshot: { links: [{ kind: 'linkedin', url: 'https://www.linkedin.com/in/dee' }] }
			}),
			person('eve000000000001', {
				snapshot: { links: [{ kind: 'website', url: 'https://acme.example.org' }] }
			})
		];
		const file = fileOf({
			connections: [old, byEmail, byPhone, byLinkedIn, bySiteOnly],
			interactions: [interaction([old.id, byEmail.id], '2026-05-02T09:00:00.000Z')]
		});
		const restored = restorePlan(file, NEW_OWNER, { connections: here });
		expect(restored.ids.get(old.id)).toBe('swappedann00001');
		expect(restored.ids.get(byEmail.id)).toBe('bo0000000000001');
		expect(restored.ids.get(byPhone.id)).toBe('cy0000000000001');
		expect(restored.ids.get(byLinkedIn.id)).toBe('dee000000000001');
		// A shared website is not a person: Eve comes back as a contact of her own.
		expect(restored.connections.map((c) => c.snapshot.name)).toEqual(['Eveeveeveeve001 Example']);
		expect(restored.counts).toMatchObject({ people: 1, merged: 4 });
		expect(restored.interactions[0]?.people).toEqual(['swappedann00001', 'bo0000000000001']);
		expect(restored.connectionUpdates).toContainEqual({
			id: 'swappedann00001',
			patch: {
				memoryNote: 'Gardens',
				promise: 'Send the paper',
				tags: ['robotics'],
				needsNote: false
			}
		});
		// Bo's memory note is mine already: the file's empty one changes nothing.
		expect(restored.connectionUpdates.map((u) => u.id)).not.toContain('bo0000000000001');
	});

	it('keeps a restored person I forgot since forgotten', () => {
		const ann = person('annannannann001');
		const file = fileOf({
			connections: [ann],
			interactions: [interaction([ann.id], '2026-05-02T09:00:00.000Z')]
		});
		const gone = {
			...person(restoredId(NEW_OWNER, 'connections', ann.id)),
			deleted: '2026-06-01T00:00:00.000Z'
		};
		const restored = restorePlan(file, NEW_OWNER, { connections: [gone] });
		expect(restored.connections).toEqual([]);
		expect(restored.interactions).toEqual([]);
		expect(restored.counts).toMatchObject({ alreadyRestored: 1, interactionsLeftOut: 1 });
	});

	it('plans nothing for the account the file was exported from', () => {
		const file = exportedFile(8);
		const restored = restorePlan(file, OWNER);
		expect(restored.isSameAccount).toBe(true);
		expect(restored.connections).toEqual([]);
		expect(restored.interactions).toEqual([]);
		expect(restorePlan(file, NEW_OWNER).isSameAccount).toBe(false);
	});

	it('leaves out card changes, events and share-backs, and counts them', () => {
		const file = exportedFile(9);
		const { counts } = restorePlan(file, NEW_OWNER);
		expect(counts.cardChangesLeftOut).toBe(file.cardChanges.length);
		expect(counts.eventsLeftOut).toBe(file.events.length);
		expect(counts.shareBacksLeftOut).toBe(1);
	});

	it('restores my settings onto my new settings record, and offers my old card’s words', () => {
		const file = exportedFile(10);
		const restored = restorePlan(file, NEW_OWNER);
		expect(restored.settings).toEqual({
			id: NEW_OWNER,
			owner: NEW_OWNER,
			dailyCap: 7,
			defaultCadence: 'regular',
			created: '',
			updated: ''
		});
		expect(restored.myCard).toMatchObject({
			name: 'Mia Me',
			links: [{ kind: 'email', url: 'mailto:mia@example.org' }]
		});
		expect(restorePlan(fileOf({}), NEW_OWNER)).toMatchObject({ settings: null, myCard: null });
	});

	it('cuts what the server would refuse to its limits', () => {
		const long = '😀'.repeat(3000);
		const tags = Array.from({ length: 30 }, (_, n) => `${'🏷'.repeat(30)}${n}`);
		const ann = parseConnection({
			id: 'annannannann001',
			owner: OWNER,
			event: 'evt',
			memoryNote: long,
			howICanHelp: long,
			promise: long,
			tags,
			snapshot: {
				name: long,
				headline: long,
				company: long,
				canHelpWith: long,
				lookingFor: long,
				note: long,
				photoUrl: '/api/tend/photos/cardofann000001/a.jpg',
				links: Array.from({ length: 15 }, (_, n) => ({
					kind: 'website',
					label: long,
					url: `https://example.org/${'é'.repeat(250)}${n}`
				}))
			}
		});
		const file = fileOf({
			connections: [ann],
			events: [event('evt', `Conf ${long}`)],
			interactions: [interaction([ann.id], '2026-05-02T09:00:00.000Z', { text: long })]
		});
		const restored = restorePlan(file, NEW_OWNER);
		const [c] = restored.connections;
		if (!c) throw new Error('restored');
		const points = (text: string) => Array.from(text).length;
		const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
		expect(points(c.memoryNote)).toBe(RESTORE_LIMITS.memoryNote);
		expect(points(c.howICanHelp)).toBe(RESTORE_LIMITS.howICanHelp);
		expect(points(c.promise)).toBe(RESTORE_LIMITS.promise);
		expect(points(c.snapshot.name)).toBe(80);
		expect(c.snapshot.photoUrl).toBe('');
		expect(bytes(c.snapshot)).toBeLessThanOrEqual(RESTORE_LIMITS.snapshotBytes);
		expect(c.tags.length).toBeLessThanOrEqual(RESTORE_LIMITS.tags);
		expect(c.tags[0]).toBe(`Conf ${'😀'.repeat(35)}`);
		expect(bytes(c.tags)).toBeLessThanOrEqual(RESTORE_LIMITS.tagsBytes);
		expect(points(restored.interactions[0]?.text ?? '')).toBe(RESTORE_LIMITS.interactionText);
	});

	it('names at most 50 people in an interaction, and leaves out an undated one', () => {
		const people = Array.from({ length: 60 }, (_, n) => person(`p${String(n).padStart(14, '0')}`));
		const file = fileOf({
			connections: people,
			interactions: [
				interaction(
					people.map((p) => p.id),
					'2026-05-02T09:00:00.000Z'
				),
				{ ...interaction([people[0]?.id ?? ''], ''), at: '' }
			]
		});
		const restored = restorePlan(file, NEW_OWNER);
		expect(restored.interactions).toHaveLength(1);
		expect(restored.interactions[0]?.people).toHaveLength(50);
		expect(restored.counts.interactionsLeftOut).toBe(1);
	});

	it('restores an empty export into nothing', () => {
		const restored = restorePlan(fileOf({}), NEW_OWNER);
		expect(restored.connections).toEqual([]);
		expect(restored.counts.people).toBe(0);
	});
});

describe('network used', () => {
	it('has the shapes the restore specs rely on', () => {
		const { input } = randomNetwork(1);
		const kinds = new Set(plan(input).all.map((p) => p.kind));
		expect(input.connections.some((c: Connection) => c.deleted)).toBe(true);
		expect(input.decisions.length).toBeGreaterThan(0);
		expect(kinds.size).toBeGreaterThan(2);
		expect(network({ now: NOW }).connections).toEqual([]);
	});
});
