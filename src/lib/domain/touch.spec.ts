import { describe, expect, it } from 'vitest';
import type { Cadence } from './records';
import { anInteraction, aPerson } from './testing/records';
import { CADENCE_GAPS, DEFAULT_CADENCE, cadenceOf, isLosingTouch, lastTouchedAt } from './touch';

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

	// MET is 09:00 UTC: the last minute of a day is still that day.
	const endOfDay = (days: number) => Date.parse('2026-05-01T23:59:59.999Z') + days * DAY_MS;

	it.each([
		['close', 45],
		['regular', 120],
		['occasional', 240]
	] as const)(
		'%s: losing touch once more than %i calendar days have passed, not on the last one',
		(cadence, days) => {
			const person = aPerson({ cadence });
			expect(CADENCE_GAPS[cadence].latest).toBe(days);
			expect(isLosingTouch(person, MET, after(days - 1))).toBe(false);
			expect(isLosingTouch(person, MET, endOfDay(days))).toBe(false);
			expect(isLosingTouch(person, MET, endOfDay(days) + 1)).toBe(true);
		}
	);

	it('a person whose cadence I never chose is kept in touch occasionally', () => {
		const person = aPerson({ cadence: '' });
		expect(DEFAULT_CADENCE).toBe('occasional');
		expect(cadenceOf(person)).toBe('occasional');
		expect(isLosingTouch(person, MET, endOfDay(240))).toBe(false);
		expect(isLosingTouch(person, MET, endOfDay(240) + 1)).toBe(true);
	});

	it('a person whose cadence I never chose follows my default cadence when given', () => {
		const person = aPerson({ cadence: '' });
		expect(cadenceOf(person, 'close')).toBe('close');
		expect(isLosingTouch(person, MET, endOfDay(46), { defaultCadence: 'close' })).toBe(true);
		expect(isLosingTouch(person, MET, endOfDay(46), { defaultCadence: 'none' })).toBe(false);
	});

	it('counts calendar days in my time zone', () => {
		// 23:30 UTC on 1 May is already 2 May in Berlin: a day later there.
		const late = '2026-05-01T23:30:00.000Z';
		const person = aPerson({ cadence: 'close' });
		const now = Date.parse('2026-06-16T12:00:00.000Z'); // 46 UTC days after 1 May
		expect(isLosingTouch(person, late, now)).toBe(true);
		expect(isLosingTouch(person, late, now, { timeZone: 'Europe/Berlin' })).toBe(false);
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
