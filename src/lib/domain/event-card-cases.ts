// What a new holder gets of a card, by the card's share choice. The same table runs against
// src/lib/domain/event-card.ts (unit: the editor's preview) and against the server (integration:
// a real swap and the public card page), so the preview cannot promise what the server does not give.
import type { CardFields } from './card';
import type { EventCard } from './event-card';

export interface EventCardCase {
	/** The rule this row checks. */
	rule: string;
	card: CardFields;
	/** The stored choice (null: never chosen). */
	eventFields: unknown;
	/** The snapshot a new holder receives (the cards carry no photo, so photoUrl is ''). */
	expected: EventCard;
}

const EMAIL = { kind: 'email', url: 'mailto:ann@example.org' } as const;
const WORK_EMAIL = { kind: 'email', url: 'mailto:ann@work.example' } as const;
const LINKEDIN = { kind: 'linkedin', url: 'https://www.linkedin.com/in/ann-lee' } as const;
const PHONE = { kind: 'phone', url: 'tel:+49 30 1234567' } as const;
const WEBSITE = { kind: 'website', url: 'https://ann.example' } as const;

const ANN: CardFields = {
	name: 'Ann Lee',
	headline: 'Product designer',
	company: 'Acme',
	canHelpWith: 'Accessibility reviews',
	lookingFor: 'A co-founder',
	links: [WEBSITE, PHONE, LINKEDIN, EMAIL, WORK_EMAIL]
};

/** Every text field of the default event card. */
const ANN_DEFAULT_TEXT = {
	name: 'Ann Lee',
	headline: 'Product designer',
	company: 'Acme',
	canHelpWith: 'Accessibility reviews',
	lookingFor: 'A co-founder',
	photoUrl: ''
};

export const EVENT_CARD_CASES: readonly EventCardCase[] = [
	{
		rule: 'no choice yet: the default card with my first email as the way to reach me',
		card: ANN,
		eventFields: null,
		expected: { ...ANN_DEFAULT_TEXT, links: [EMAIL] }
	},
	{
		rule: 'no choice yet and no email: LinkedIn before phone',
		card: { ...ANN, links: [WEBSITE, PHONE, LINKEDIN] },
		eventFields: null,
		expected: { ...ANN_DEFAULT_TEXT, links: [LINKEDIN] }
	},
	{
		rule: 'no choice yet, only a phone',
		card: { ...ANN, links: [WEBSITE, PHONE] },
		eventFields: null,
		expected: { ...ANN_DEFAULT_TEXT, links: [PHONE] }
	},
	{
		rule: 'no choice yet and no email, LinkedIn or phone: no link at all',
		card: { ...ANN, links: [WEBSITE] },
		eventFields: null,
		expected: { ...ANN_DEFAULT_TEXT, links: [] }
	},
	{
		rule: 'phone chosen: only my phone, though I have an email',
		card: ANN,
		eventFields: ['headline', 'contact:phone'],
		expected: { name: 'Ann Lee', headline: 'Product designer', links: [PHONE] }
	},
	{
		rule: 'LinkedIn chosen',
		card: ANN,
		eventFields: ['contact:linkedin'],
		expected: { name: 'Ann Lee', links: [LINKEDIN] }
	},
	{
		rule: 'email chosen: the first of two emails',
		card: ANN,
		eventFields: ['contact:email', 'company'],
		expected: { name: 'Ann Lee', company: 'Acme', links: [EMAIL] }
	},
	{
		rule: 'a chosen kind I no longer have: no link',
		card: { ...ANN, links: [WEBSITE, EMAIL] },
		eventFields: ['contact:phone'],
		expected: { name: 'Ann Lee', links: [] }
	},
	{
		rule: 'all links chosen as well: every link, in my order',
		card: ANN,
		eventFields: ['contact:email', 'links'],
		expected: { name: 'Ann Lee', links: ANN.links }
	},
	{
		rule: 'all links, no contact entry',
		card: ANN,
		eventFields: ['links', 'lookingFor'],
		expected: { name: 'Ann Lee', lookingFor: 'A co-founder', links: ANN.links }
	},
	{
		rule: 'a choice without a way to reach me shares no link',
		card: ANN,
		eventFields: ['headline', 'company', 'photo'],
		expected: { name: 'Ann Lee', headline: 'Product designer', company: 'Acme', photoUrl: '' }
	},
	{
		rule: 'an empty choice: the name only',
		card: ANN,
		eventFields: [],
		expected: { name: 'Ann Lee' }
	},
	{
		rule: 'empty text fields are shared as empty',
		card: { ...ANN, headline: '', canHelpWith: '', links: [] },
		eventFields: ['headline', 'canHelpWith', 'contact'],
		expected: { name: 'Ann Lee', headline: '', canHelpWith: '', links: [] }
	}
];
