import { describe, expect, it } from 'vitest';
import type { CardFields } from './card';
import { cardOfDraft, draftLinks, draftOf, mergeDraft } from './card-draft';

const EMPTY: CardFields = {
	name: '',
	headline: '',
	company: '',
	canHelpWith: '',
	lookingFor: '',
	links: []
};

const SERVER_CARD: CardFields = {
	name: 'Ann Lee',
	headline: 'Designer',
	company: 'Acme',
	canHelpWith: 'Reviews',
	lookingFor: 'A mentor',
	links: [
		{ kind: 'email', url: 'mailto:ann@example.org' },
		{ kind: 'other', label: 'Blog', url: 'https://blog.example' }
	]
};

describe('the card draft', () => {
	it('round-trips a card through its inputs', () => {
		const draft = draftOf(SERVER_CARD);
		expect(draft.main.email).toBe('ann@example.org');
		const { links, problems, inputIds } = draftLinks(draft);
		expect(problems).toEqual({});
		expect(inputIds).toEqual(['link-email', 'other-url-0']);
		expect(cardOfDraft(draft, links)).toEqual(SERVER_CARD);
	});

	it('names the input of a link that is not one', () => {
		const draft = draftOf(EMPTY);
		draft.main.linkedin = 'javascript:alert(1)';
		expect(Object.keys(draftLinks(draft).problems)).toEqual(['link-linkedin']);
	});
});

describe('a card arriving while the editor is open', () => {
	it('fills every input the person has not touched and keeps every one they typed in', () => {
		const before = draftOf(EMPTY);
		const typed = draftOf(EMPTY);
		typed.text.headline = 'Typed while loading';
		typed.main.phone = '+44 20 7946 0000';
		const merged = mergeDraft(typed, before, draftOf(SERVER_CARD));
		expect(merged.text).toEqual({
			name: 'Ann Lee',
			headline: 'Typed while loading',
			company: 'Acme',
			canHelpWith: 'Reviews',
			lookingFor: 'A mentor'
		});
		expect(merged.main).toMatchObject({ phone: '+44 20 7946 0000', email: 'ann@example.org' });
		expect(merged.others).toEqual([{ label: 'Blog', url: 'https://blog.example' }]);
	});

	it('keeps the other links the person changed', () => {
		const typed = draftOf(EMPTY);
		typed.others.push({ label: 'Mine', url: 'https://mine.example' });
		const merged = mergeDraft(typed, draftOf(EMPTY), draftOf(SERVER_CARD));
		expect(merged.others).toEqual([{ label: 'Mine', url: 'https://mine.example' }]);
	});
});
