import { describe, expect, it } from 'vitest';
import { leansOn, ledgerOf, ledgerSentence } from './ledger';
import { anInteraction } from './testing/records';

const ADA = 'conn00000000ada';
const BOB = 'conn00000000bob';

describe('ledgerOf', () => {
	it('counts gives and asks naming the person', () => {
		const ledger = ledgerOf(
			[
				anInteraction({ kind: 'gave', people: [ADA] }),
				anInteraction({ kind: 'gave', people: [ADA] }),
				anInteraction({ kind: 'asked', people: [ADA] })
			],
			ADA
		);
		expect(ledger).toEqual({ gave: 2, asked: 1 });
	});

	it('counts an introduction as a give to both people it names', () => {
		const intro = anInteraction({ kind: 'introduced', people: [ADA, BOB] });
		expect(ledgerOf([intro], ADA)).toEqual({ gave: 1, asked: 0 });
		expect(ledgerOf([intro], BOB)).toEqual({ gave: 1, asked: 0 });
	});

	it('counts neither notes, meetings, conversations nor follow-ups', () => {
		const kinds = ['note', 'met', 'conversation', 'followed_up'] as const;
		expect(
			ledgerOf(
				kinds.map((kind) => anInteraction({ kind, people: [ADA] })),
				ADA
			)
		).toEqual({ gave: 0, asked: 0 });
	});

	it('does not count deleted entries', () => {
		const ledger = ledgerOf(
			[
				anInteraction({ kind: 'gave', people: [ADA], deleted: '2026-05-03T00:00:00.000Z' }),
				anInteraction({ kind: 'asked', people: [ADA], deleted: '2026-05-03T00:00:00.000Z' }),
				anInteraction({ kind: 'asked', people: [ADA] })
			],
			ADA
		);
		expect(ledger).toEqual({ gave: 0, asked: 1 });
	});

	it('counts only what names that person', () => {
		const ledger = ledgerOf(
			[
				anInteraction({ kind: 'gave', people: [BOB] }),
				anInteraction({ kind: 'asked', people: [BOB] }),
				anInteraction({ kind: 'asked', people: [BOB, ADA] })
			],
			ADA
		);
		expect(ledger).toEqual({ gave: 0, asked: 1 });
	});
});

describe('ledgerSentence', () => {
	it.each([
		[0, 0, 'Nothing given or asked yet.'],
		[1, 0, 'You have given once and asked nothing yet.'],
		[2, 0, 'You have given twice and asked nothing yet.'],
		[0, 1, 'You have asked once and not given yet.'],
		[0, 5, 'You have asked 5 times and not given yet.'],
		[3, 1, 'You have given 3 times and asked once.'],
		[1, 2, 'You have given once and asked twice.'],
		[12, 7, 'You have given 12 times and asked 7 times.']
	])('gave %i, asked %i: "%s"', (gave, asked, sentence) => {
		expect(ledgerSentence({ gave, asked })).toBe(sentence);
	});
});

describe('leansOn', () => {
	it('is true only when I have asked more than I have given', () => {
		expect(leansOn({ gave: 0, asked: 1 })).toBe(true);
		expect(leansOn({ gave: 2, asked: 3 })).toBe(true);
		expect(leansOn({ gave: 1, asked: 1 })).toBe(false);
		expect(leansOn({ gave: 0, asked: 0 })).toBe(false);
		expect(leansOn({ gave: 3, asked: 1 })).toBe(false);
	});
});
