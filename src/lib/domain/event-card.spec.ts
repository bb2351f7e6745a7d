import { describe, expect, it } from 'vitest';
import type { CardFields } from './card';
import {
	DEFAULT_EVENT_FIELDS,
	contactChoiceOf,
	contactKindShown,
	contactKindsOf,
	eventCardOf,
	eventFieldsFor,
	eventFieldsOf,
	type EventField
} from './event-card';
import { EVENT_CARD_CASES } from './event-card-cases';

describe('the event card a new holder gets (the table the server runs too)', () => {
	it.each(EVENT_CARD_CASES)('$rule', ({ card, eventFields, expected }) => {
		expect(eventCardOf({ ...card, photoUrl: '' }, eventFieldsOf(eventFields))).toEqual(expected);
	});
});

describe('eventFieldsOf', () => {
	it('keeps only fields that can be shared, in a stable order, and one way to reach me', () => {
		expect(
			eventFieldsOf(['links', 'owner', 'contact:phone', 'headline', 'contact:email', 'keyVersion'])
		).toEqual(['headline', 'links', 'contact:phone']);
	});

	it('drops a contact entry of a kind that cannot be one', () => {
		expect(eventFieldsOf(['contact:website', 'company'])).toEqual(['company']);
	});

	it('falls back to the server default when the card has no choice yet', () => {
		expect(eventFieldsOf(null)).toEqual([...DEFAULT_EVENT_FIELDS]);
		expect(eventFieldsOf('headline')).toEqual([...DEFAULT_EVENT_FIELDS]);
	});

	it('keeps an empty choice empty (name only)', () => {
		expect(eventFieldsOf([])).toEqual([]);
	});
});

describe('the preview', () => {
	const card: CardFields & { photoUrl: string } = {
		name: 'Bo',
		headline: 'Nurse',
		company: '',
		canHelpWith: 'Night shifts',
		lookingFor: 'A mentor',
		links: [{ kind: 'email', url: 'mailto:bo@example.org' }],
		photoUrl: 'blob:preview'
	};

	it('shows the photo I am about to save when the photo is shared', () => {
		expect(eventCardOf(card, ['photo']).photoUrl).toBe('blob:preview');
		expect(eventCardOf(card, ['headline'])).not.toHaveProperty('photoUrl');
	});

	it('holds what I can help with and what I am looking for by default', () => {
		expect(eventCardOf(card, DEFAULT_EVENT_FIELDS)).toMatchObject({
			canHelpWith: 'Night shifts',
			lookingFor: 'A mentor',
			links: [{ kind: 'email', url: 'mailto:bo@example.org' }]
		});
	});

	it('leaves out every field I untick', () => {
		const none: EventField[] = [];
		expect(eventCardOf(card, none)).toEqual({ name: 'Bo' });
	});
});

describe('contactKindsOf', () => {
	it('lists only the kinds of link I have filled, email first', () => {
		expect(
			contactKindsOf([
				{ kind: 'website', url: 'https://a.example' },
				{ kind: 'phone', url: 'tel:123' },
				{ kind: 'email', url: 'mailto:a@b.example' }
			])
		).toEqual(['email', 'phone']);
	});
});

describe('the way to reach me chosen in the editor', () => {
	it('reads back the choice a stored list stands for', () => {
		expect(contactChoiceOf(eventFieldsOf(null))).toBe('auto');
		expect(contactChoiceOf(['headline', 'contact:phone'])).toBe('phone');
		expect(contactChoiceOf(['headline'])).toBe('none');
	});

	it('shows the chosen kind, or the first one I have when none is chosen or it is gone', () => {
		expect(contactKindShown('phone', ['email', 'phone'])).toBe('phone');
		expect(contactKindShown('auto', ['linkedin', 'phone'])).toBe('linkedin');
		expect(contactKindShown('phone', ['email'])).toBe('email');
		expect(contactKindShown('none', ['email'])).toBeNull();
		expect(contactKindShown('auto', [])).toBeNull();
	});

	it('saves a chosen kind I have, "contact" otherwise, nothing for none', () => {
		expect(eventFieldsFor(['photo', 'headline'], 'phone', ['email', 'phone'])).toEqual([
			'headline',
			'photo',
			'contact:phone'
		]);
		expect(eventFieldsFor([], 'auto', [])).toEqual(['contact']);
		expect(eventFieldsFor([], 'phone', ['email'])).toEqual(['contact']);
		expect(eventFieldsFor(['company'], 'none', ['email'])).toEqual(['company']);
	});

	it('previews what is saved: the preview of the saved list shares the kind shown', () => {
		const links = [
			{ kind: 'phone', url: 'tel:123' },
			{ kind: 'email', url: 'mailto:a@b.example' }
		] as const;
		const card = {
			name: 'A',
			headline: '',
			company: '',
			canHelpWith: '',
			lookingFor: '',
			links: [...links],
			photoUrl: ''
		};
		const filled = contactKindsOf(card.links);
		for (const choice of ['auto', 'email', 'phone', 'linkedin', 'none'] as const) {
			const shown = contactKindShown(choice, filled);
			const saved = eventCardOf(card, eventFieldsOf(eventFieldsFor([], choice, filled)));
			expect(saved.links?.map((l) => l.kind) ?? [], choice).toEqual(shown ? [shown] : []);
		}
	});
});
