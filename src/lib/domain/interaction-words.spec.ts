import { describe, expect, it } from 'vitest';
import {
	askWarning,
	defaultMode,
	entryTitle,
	isEditable,
	missingWhat,
	modeFor,
	namesList
} from './interaction-words';
import { parseInteraction, type Interaction } from './records';

const ANN = 'ann000000000001';
const BO = 'bo0000000000001';
const CY = 'cy0000000000001';

function interaction(fields: Partial<Interaction>): Interaction {
	return { ...parseInteraction({ id: 'int000000000001' }), ...fields };
}

describe('entryTitle', () => {
	it('names the other person of an introduction, on either timeline', () => {
		const intro = interaction({ kind: 'introduced', people: [ANN, BO] });
		expect(entryTitle(intro, ANN, 'Ann')).toEqual({ lead: 'You introduced Ann to', others: [BO] });
		expect(entryTitle(intro, BO, 'Bo')).toEqual({ lead: 'You introduced Bo to', others: [ANN] });
	});

	it('says how a conversation happened and who else was in it', () => {
		const talk = interaction({ kind: 'conversation', mode: 'call', people: [ANN, BO, CY] });
		expect(entryTitle(talk, BO, 'Bo')).toEqual({
			lead: 'You talked by call, together with',
			others: [ANN, CY]
		});
	});

	it('says a conversation with one person without naming anyone else', () => {
		const talk = interaction({ kind: 'conversation', mode: 'in_person', people: [ANN] });
		expect(entryTitle(talk, ANN, 'Ann')).toEqual({ lead: 'You talked in person', others: [] });
	});

	it('says how I followed up', () => {
		const followUp = interaction({ kind: 'followed_up', mode: 'email', people: [ANN] });
		expect(entryTitle(followUp, ANN, 'Ann').lead).toBe('You followed up by email');
	});

	it('gives and asks name nobody else', () => {
		expect(entryTitle(interaction({ kind: 'gave', people: [ANN] }), ANN, 'Ann')).toEqual({
			lead: 'You gave',
			others: []
		});
		expect(entryTitle(interaction({ kind: 'asked', people: [ANN] }), ANN, 'Ann').lead).toBe(
			'You asked'
		);
	});
});

describe('modes', () => {
	it('a conversation starts in person and a follow-up by email; a give has no mode', () => {
		expect(defaultMode('conversation')).toBe('in_person');
		expect(defaultMode('followed_up')).toBe('email');
		expect(defaultMode('gave')).toBe('');
	});

	it('switching kinds keeps the mode when the new kind offers it', () => {
		expect(modeFor('followed_up', 'call')).toBe('call');
		expect(modeFor('conversation', 'email')).toBe('in_person');
		expect(modeFor('asked', 'call')).toBe('');
	});
});

describe('missingWhat', () => {
	it('asks what was given or asked for, and nothing of the other kinds', () => {
		expect(missingWhat('gave', '  ')).toMatch(/what you gave/);
		expect(missingWhat('asked', '')).toMatch(/what you asked for/);
		expect(missingWhat('gave', 'An article')).toBeNull();
		expect(missingWhat('conversation', '')).toBeNull();
	});
});

describe('askWarning', () => {
	it('is one kind sentence when I have asked more than I have given', () => {
		expect(askWarning('Ann', { gave: 0, asked: 1 })).toBe(
			'You have asked Ann more than you have given so far. Could you give something first?'
		);
	});

	it('says nothing while gives keep up with asks', () => {
		expect(askWarning('Ann', { gave: 1, asked: 1 })).toBeNull();
		expect(askWarning('Ann', { gave: 0, asked: 0 })).toBeNull();
	});
});

describe('isEditable and namesList', () => {
	it('keeps the swap\'s "met" entry as it is; my own entries can be edited', () => {
		expect(isEditable({ kind: 'met' })).toBe(false);
		expect(isEditable({ kind: 'gave' })).toBe(true);
	});

	it('lists names as a sentence does', () => {
		expect(namesList([])).toBe('');
		expect(namesList(['Ann'])).toBe('Ann');
		expect(namesList(['Ann', 'Bo', 'Cy'])).toBe('Ann, Bo and Cy');
	});
});
