import { describe, expect, it } from 'vitest';
import { cardChangeLines, changeWords, relativeTime } from './card-change-words';

describe('changeWords', () => {
	it.each([
		{
			rule: 'a text field changed says old → new',
			change: { field: 'headline', from: 'Engineer', to: 'CTO' },
			words: 'Headline: Engineer → CTO'
		},
		{
			rule: 'a field filled in for the first time says what was added',
			change: { field: 'company', from: '', to: 'Acme' },
			words: 'Company: added Acme'
		},
		{
			rule: 'a field emptied says what it was',
			change: { field: 'lookingFor', from: 'A co-founder', to: null },
			words: 'Looking for: removed (was A co-founder)'
		},
		{
			rule: 'a new photo is said in words, never as a path',
			change: {
				field: 'photoUrl',
				from: '/api/tend/photos/abc/old.jpg',
				to: '/api/tend/photos/abc/new.jpg'
			},
			words: 'Photo: a new photo'
		},
		{
			rule: 'a first photo is "added"',
			change: { field: 'photoUrl', from: '', to: '/api/tend/photos/abc/new.jpg' },
			words: 'Photo: added'
		},
		{
			rule: 'a photo taken away is "removed"',
			change: { field: 'photoUrl', from: '/api/tend/photos/abc/old.jpg', to: '' },
			words: 'Photo: removed'
		},
		{
			rule: 'links added and removed are named by kind and address',
			change: {
				field: 'links',
				from: [{ kind: 'website', url: 'https://old.example' }],
				to: [
					{ kind: 'linkedin', url: 'https://www.linkedin.com/in/ann' },
					{ kind: 'email', url: 'mailto:ann@example.org' }
				]
			},
			words:
				'Links: added LinkedIn (linkedin.com/in/ann) and email (ann@example.org); removed website (old.example)'
		},
		{
			rule: 'links with the same addresses were only reordered or renamed',
			change: {
				field: 'links',
				from: [{ kind: 'website', url: 'https://a.example' }],
				to: [{ kind: 'website', label: 'Blog', url: 'https://a.example' }]
			},
			words: 'Links: reordered or renamed'
		},
		{
			rule: 'a long value is shortened with an ellipsis',
			change: { field: 'canHelpWith', from: 'x', to: 'y'.repeat(100) },
			words: `Can help with: x → ${'y'.repeat(59)}…`
		},
		{
			rule: 'an unknown field is named as it came',
			change: { field: 'pronouns', from: 'she', to: 'they' },
			words: 'pronouns: she → they'
		}
	])('$rule', ({ change, words }) => {
		expect(changeWords(change)).toBe(words);
	});
});

describe('cardChangeLines', () => {
	it('says every field of one change, in order', () => {
		expect(
			cardChangeLines({
				changes: [
					{ field: 'headline', from: 'Engineer', to: 'CTO' },
					{ field: 'company', from: 'Acme', to: 'Beta' }
				]
			})
		).toEqual(['Headline: Engineer → CTO', 'Company: Acme → Beta']);
	});

	it('says "Card updated" for a change that lists no field', () => {
		expect(cardChangeLines({ changes: [] })).toEqual(['Card updated']);
	});
});

describe('relativeTime', () => {
	const now = Date.parse('2026-05-10T12:00:00.000Z');
	it.each([
		{ at: '2026-05-10T11:59:30.000Z', words: 'just now' },
		{ at: '2026-05-10T11:55:00.000Z', words: '5 minutes ago' },
		{ at: '2026-05-10T09:00:00.000Z', words: '3 hours ago' },
		{ at: '2026-05-09T10:00:00.000Z', words: 'yesterday' },
		{ at: '2026-05-07T12:00:00.000Z', words: '3 days ago' },
		{ at: '2026-04-26T12:00:00.000Z', words: '2 weeks ago' },
		{ at: '2026-02-01T12:00:00.000Z', words: '3 months ago' },
		{ at: '2024-05-01T12:00:00.000Z', words: '2 years ago' },
		{ at: '2026-05-12T12:00:00.000Z', words: 'in 2 days' },
		{ at: 'not a date', words: '' }
	])('$at is "$words"', ({ at, words }) => {
		expect(relativeTime(at, now)).toBe(words);
	});
});
