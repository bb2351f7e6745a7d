import { describe, expect, it, vi } from 'vitest';
import type { DraftFacts } from './types';

// The drafts are the drafts module's to word; here only what they were made of is read.
const facts = vi.hoisted(() => new Map<string, DraftFacts>());
vi.mock('./drafts', async (importOriginal) => {
	const real = await importOriginal<typeof import('./drafts')>();
	return {
		draftFor: (f: DraftFacts) => {
			facts.set(f.promptId, f);
			return real.draftFor(f);
		}
	};
});

const { PLAN_CASES } = await import('./plan-cases');
const { eventFollowUps, plan } = await import('./plan');
const { decision, event, interaction, network, person } = await import('./testing/network');

describe('plan: the rules', () => {
	it.each(PLAN_CASES)('$rule', (c) => {
		facts.clear();
		const result = plan(c.input);
		const kinds = c.kinds;
		const shown = result.all.filter((p) => !kinds || kinds.includes(p.kind));
		expect(shown.map((p) => p.id)).toEqual(c.prompts.map((p) => p.id));
		c.prompts.forEach((expected, i) => expect(shown[i]).toMatchObject(expected));
		if (c.todays) expect(result.todays.map((p) => p.id)).toEqual(c.todays);
		if (c.comingUp) expect(result.comingUp.map((p) => p.id)).toEqual(c.comingUp);
		for (const [id, expected] of Object.entries(c.facts ?? {})) {
			expect(facts.get(id)).toMatchObject(expected);
		}
		for (const [personId, promptId] of Object.entries(c.nextFor ?? {})) {
			expect(result.nextFor.get(personId)?.id).toBe(promptId);
		}
		for (const p of result.all) {
			expect(p.draft.subject).toMatch(/\S/);
			expect(p.draft.body).toMatch(/\S/);
			expect(`${p.draft.subject} ${p.draft.body} ${p.why}`).not.toMatch(/undefined|null|‘’/);
		}
	});
});

describe('plan: determinism', () => {
	it('the same input twice gives byte-for-byte the same plan', () => {
		for (const c of PLAN_CASES) {
			const once = plan(c.input);
			const twice = plan(c.input);
			expect(JSON.stringify(twice)).toBe(JSON.stringify(once));
			expect([...twice.nextFor.entries()]).toEqual([...once.nextFor.entries()]);
		}
	});

	it('fills every draft fact: first name, event, note, promise, my name', () => {
		facts.clear();
		plan(
			network({
				now: '2026-05-03T10:00:00.000Z',
				me: { name: 'Mia Me', lookingFor: 'investors' },
				events: [event('devconf', 'DevConf')],
				connections: [person('ann', { event: 'devconf', promise: 'send a book' })]
			})
		);
		expect(facts.get('thank_you:ann:2026-05-01')).toEqual({
			kind: 'thank_you',
			promptId: 'thank_you:ann:2026-05-01',
			myName: 'Mia Me',
			firstName: 'Ann',
			eventName: 'DevConf',
			memoryNote: 'Talked about gardens',
			promise: 'send a book',
			need: '',
			offer: '',
			otherName: '',
			change: null,
			years: 0,
			leansOnThem: false,
			myLookingFor: 'investors'
		} satisfies DraftFacts);
	});
});

describe('eventFollowUps', () => {
	const NOW = '2026-05-03T10:00:00.000Z';
	const input = network({
		now: NOW,
		events: [
			event('older', 'Older Conf', '2026-03-01T08:00:00.000Z'),
			event('devconf', 'DevConf', '2026-05-01T08:00:00.000Z'),
			event('empty', 'Nobody Met', '2026-05-02T08:00:00.000Z')
		],
		connections: [
			person('ann', { event: 'devconf', metAt: '2026-05-01T11:00:00.000Z' }),
			person('bob', { event: 'devconf', metAt: '2026-05-01T10:00:00.000Z', memoryNote: '' }),
			person('cat', { event: 'devconf', metAt: '2026-05-01T12:00:00.000Z' }),
			person('dan', { event: 'devconf', metAt: '2026-05-01T13:00:00.000Z', cadence: 'none' }),
			person('eve', { event: 'devconf', metAt: '2026-05-01T14:00:00.000Z' }),
			person('fay', { event: 'devconf', deleted: NOW }),
			person('gus', { event: 'older', metAt: '2026-03-01T10:00:00.000Z' })
		],
		interactions: [
			interaction(['cat'], '2026-05-02T10:00:00.000Z', { kind: 'followed_up' }),
			interaction(['ann'], '2026-05-02T10:00:00.000Z', { kind: 'note' }),
			interaction(['ann'], '2026-05-02T10:00:00.000Z', { deleted: NOW }),
			interaction(['gus'], '2026-02-01T10:00:00.000Z')
		],
		decisions: [decision('thank_you:eve:2026-05-01', 'done')]
	});
	const lists = eventFollowUps(input, plan(input));

	it('lists the events I met people at, newest first', () => {
		expect(lists.map((l) => l.event.id)).toEqual(['devconf', 'older']);
	});

	it('has a row per person met there (forgotten ones left out), in order of meeting', () => {
		const devconf = lists[0];
		expect(devconf?.rows.map((r) => [r.connection.id, r.state])).toEqual([
			['bob', 'needs_note'],
			['ann', 'ready'],
			['cat', 'done'],
			['dan', 'resting'],
			['eve', 'done']
		]);
		expect(devconf).toMatchObject({ done: 2, total: 4 });
	});

	it('a touch before the meeting is not a follow-up; resting rows have no prompt', () => {
		expect(lists[1]?.rows[0]?.state).toBe('ready');
		const rows = lists[0]?.rows ?? [];
		expect(rows.find((r) => r.connection.id === 'dan')?.prompt).toBeNull();
		expect(rows.find((r) => r.connection.id === 'bob')?.prompt?.id).toBe(
			'needs_note:bob:2026-05-01'
		);
	});
});
