import { describe, expect, it } from 'vitest';
import { dayLabel, daysFrom, dueWords, progressSentence, promptTitle } from './follow-up-words';

describe('follow-up words', () => {
	it('names each kind of prompt for its person', () => {
		expect(promptTitle('thank_you', 'Ann Lee')).toBe('Thank Ann Lee');
		expect(promptTitle('introduce', 'Ann Lee', 'Bo Kim')).toBe('Introduce Ann Lee to Bo Kim');
		expect(promptTitle('introduce', 'Ann Lee')).toBe('Make an introduction for Ann Lee');
		expect(promptTitle('needs_note', 'Ann Lee')).toBe('Add a note about Ann Lee');
	});

	it('counts days between local dates across daylight-saving changes and years', () => {
		expect(daysFrom('2026-03-28', '2026-03-30')).toBe(2);
		expect(daysFrom('2026-12-31', '2027-01-01')).toBe(1);
		expect(daysFrom('2026-12-03', '2026-12-01')).toBe(-2);
	});

	it('says when a prompt is due, and when the cap moved it on', () => {
		const today = '2026-12-01';
		const at = (due: string, day = due, isLate = false) => dueWords({ due, day, isLate }, today);
		expect(at('2026-12-01')).toBe('due today');
		expect(at('2026-12-02')).toBe('due tomorrow');
		expect(at('2026-12-05')).toBe('due in 4 days');
		expect(at('2026-11-30', today)).toBe('due since yesterday');
		expect(at('2026-11-27', today)).toBe('due for 4 days');
		expect(at('2026-11-20', today, true)).toBe('late');
		expect(at('2026-12-01', '2026-12-02')).toBe('moved on: today was full');
	});

	it('labels days and progress', () => {
		expect(dayLabel('2026-12-01', '2026-12-01')).toBe('Today');
		expect(dayLabel('2026-12-02', '2026-12-01')).toBe('Tomorrow');
		expect(dayLabel('2026-12-03', '2026-12-01', 'en-GB')).toBe('Thursday 3 December');
		expect(progressSentence(7, 12)).toBe('7 of 12 followed up');
	});
});
