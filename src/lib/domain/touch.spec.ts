import { describe, expect, it } from 'vitest';
import type { Cadence } from './records';
import { anInteraction, aPerson } from './testing/records';
import { CADENCE_DAYS, DEFAULT_CADENCE, cadenceOf, isLosingTouch, lastTouchedAt } from './touch';

const DAY_MS = 86_400_000;
const MET = '2026-05-01T09:00:00.000Z';

describe('lastTouchedAt', () => {
	it('is when I met them while nothing has happened since', () => {
		expect(lastTouchedAt(aPerson({ metAt: MET }), [])).toBe(MET);
	});

	it('is the latest interaction that is a touch, whatever the order', () => {
		const person = aPerson({ metAt: MET });
		const interactions = [
			anInteraction({ kind: 'gave', at: '2026-05-10T00:00:00.000Z' }),
			anInteraction({ kind: 'conversation', at: '2026-06-01T00:00:00.000Z' }),
			anInteraction({ kind: 'asked', at: '2026-05-20T00:00:00.000Z' })
		];
		expect(lastTouchedAt(person, interactions)).toBe('2026-06-01T00:00:00.000Z');
	});

	it('does not count a note I wrote for myself', () => {
		const person = aPerson({ metAt: MET });
		const interactions = [
			anInteraction({ kind: 'followed_up', at: '2026-05-10T00:00:00.000Z' }),
			anInteraction({ kind: 'note', at: '2026-07-01T00:00:00.000Z' })
		];
		expect(lastTouchedAt(person, interactions)).toBe('2026-05-10T00:00:00.000Z');
	});

	it('does not count a deleted entry', () => {
		const person = aPerson({ metAt: MET });
		const deleted = anInteraction({
			at: '2026-07-01T00:00:00.000Z',
			deleted: '2026-07-02T00:00:00.000Z'
		});
		expect(lastTouchedAt(person, [deleted])).toBe(MET);
	});

	it('keeps metAt when every interaction is older (logged after the fact)', () => {
		const older = anInteraction({ kind: 'gave', at: '2026-04-01T00:00:00.000Z' });
		expect(lastTouchedAt(aPerson({ metAt: MET }), [older])).toBe(MET);
	});

	it('finds a touch when the meeting time is unknown', () => {
		const person = { metAt: '' };
		expect(lastTouchedAt(person, [anInteraction({ at: '2026-05-10T00:00:00.000Z' })])).toBe(
			'2026-05-10T00:00:00.000Z'
		);
		expect(lastTouchedAt(person, [])).toBe('');
	});
});

describe('isLosingTouch', () => {
	const touched = Date.parse(MET);
	const after = (days: number) => touched + days * DAY_MS;

	it.each([
		['close', 30],
		['regular', 90],
		['occasional', 180]
	] as const)('%s: losing touch after %i days of silence, not at exactly that', (cadence, days) => {
		const person = aPerson({ cadence });
		expect(CADENCE_DAYS[cadence]).toBe(days);
		expect(isLosingTouch(person, MET, after(days - 1))).toBe(false);
		expect(isLosingTouch(person, MET, after(days))).toBe(false);
		expect(isLosingTouch(person, MET, after(days) + 1)).toBe(true);
	});

	it('a person whose cadence I never chose is kept in touch occasionally', () => {
		const person = aPerson({ cadence: '' });
		expect(DEFAULT_CADENCE).toBe('occasional');
		expect(cadenceOf(person)).toBe('occasional');
		expect(isLosingTouch(person, MET, after(180))).toBe(false);
		expect(isLosingTouch(person, MET, after(181))).toBe(true);
	});

	it('"let it rest" never loses touch', () => {
		expect(isLosingTouch(aPerson({ cadence: 'none' }), MET, after(10_000))).toBe(false);
	});

	it('an archived person never loses touch', () => {
		for (const cadence of ['close', 'regular', 'occasional', ''] as Cadence[]) {
			expect(isLosingTouch(aPerson({ cadence, archived: true }), MET, after(1000))).toBe(false);
		}
	});

	it('says nothing when the last touch is unknown', () => {
		expect(isLosingTouch(aPerson({ cadence: 'close' }), '', after(1000))).toBe(false);
		expect(isLosingTouch(aPerson({ cadence: 'close' }), 'garbage', after(1000))).toBe(false);
	});
});
