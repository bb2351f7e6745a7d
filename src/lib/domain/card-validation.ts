// Validating a card as the server will (pb_hooks/lib/card.js): per-field messages for a person.
// Apart from card.ts so the first screen, which only shows a card, does not carry it.
import {
	CARD_LIMITS,
	codePointLength,
	LINK_KINDS,
	SAFE_URL,
	type CardErrors,
	type CardFields,
	type CardLink,
	type CardTextField,
	type CardValidation
} from './card';

const TEXT_FIELDS: readonly CardTextField[] = [
	'name',
	'headline',
	'company',
	'canHelpWith',
	'lookingFor'
];

const FIELD_LABELS: Record<CardTextField, string> = {
	name: 'Name',
	headline: 'Headline',
	company: 'Company',
	canHelpWith: 'What you can help with',
	lookingFor: 'What you are looking for'
};

/** Checks one link; returns a message for a person, or '' when it is fine. */
export function linkProblem(link: CardLink): string {
	if (!(LINK_KINDS as readonly string[]).includes(link.kind))
		return 'Choose what kind of link this is.';
	if (link.label !== undefined && link.label.length > CARD_LIMITS.label) {
		return `Keep the label to ${CARD_LIMITS.label} characters.`;
	}
	if (link.url.length > CARD_LIMITS.url) return `Keep the link to ${CARD_LIMITS.url} characters.`;
	if (!SAFE_URL.test(link.url)) return 'Use a web address, an email address or a phone number.';
	return '';
}

/** Validates a card as the server will; returns per-field messages when something is wrong. */
export function validateCard(fields: CardFields): CardValidation {
	const errors: CardErrors = {};
	let hasError = false;
	if (fields.name.trim() === '') {
		errors.name = 'Add your name.';
		hasError = true;
	}
	for (const field of TEXT_FIELDS) {
		const max = CARD_LIMITS[field];
		if (errors[field] === undefined && codePointLength(fields[field]) > max) {
			errors[field] = `${FIELD_LABELS[field]} can be at most ${max} characters.`;
			hasError = true;
		}
	}
	if (fields.links.length > CARD_LIMITS.links) {
		errors.links = `At most ${CARD_LIMITS.links} links.`;
		hasError = true;
	}
	fields.links.forEach((link, index) => {
		const problem = linkProblem(link);
		if (problem === '') return;
		errors.linkErrors = { ...errors.linkErrors, [index]: problem };
		hasError = true;
	});
	return hasError ? { ok: false, errors } : { ok: true };
}
