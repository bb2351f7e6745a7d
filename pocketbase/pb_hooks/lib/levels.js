// Share levels: a card's owner decides which fields make up the "event card" (what a new
// contact and the public card page see); "full" is every field. Invariant: whatever leaves the
// server for someone other than the owner goes through visibleFields/snapshotOf. The rules are
// src/lib/domain/event-card.ts's, case for case: the table in event-card-cases.ts runs on both.

const CARD_FIELDS = ['name', 'headline', 'company', 'canHelpWith', 'lookingFor', 'links', 'photo'];
const SHAREABLE = ['headline', 'company', 'canHelpWith', 'lookingFor', 'links', 'photo'];
/** Link kinds a way to reach me may be, in the order `contact` (my choice not made) tries them. */
const CONTACT_KINDS = ['email', 'linkedin', 'phone'];
/** One way to reach me: `contact` (the first of CONTACT_KINDS I have) or `contact:<kind>`. */
const CONTACT_ENTRIES = ['contact'].concat(CONTACT_KINDS.map((k) => 'contact:' + k));
const DEFAULT_EVENT_FIELDS = [
	'headline',
	'company',
	'canHelpWith',
	'lookingFor',
	'photo',
	'contact'
];
/** Never shown to anyone but the owner. */
const OWNER_ONLY_FIELDS = ['owner', 'keyVersion', 'eventFields'];

/**
 * One of a card's links, as lib/card.js (linksProblem) lets it be stored.
 * @typedef {{ kind: string, label?: string, url: string }} Link
 */

/**
 * What a holder sees of a card (see snapshotOf): its string fields by name, `photoUrl` for the
 * photo, and `links` as a list of Link.
 * @typedef {{ [field: string]: string | Link[] }} Snapshot
 */

/**
 * Returns a message describing what is wrong with eventFields, or "" when valid.
 * @param {unknown} value the field's parsed JSON, untyped as it came from the device
 * @returns {string}
 */
function eventFieldsProblem(value) {
	if (value === null || value === undefined || value === '') return '';
	if (!Array.isArray(value)) return 'Event fields must be a list.';
	if (value.length > SHAREABLE.length + 1) return 'Too many event fields.';
	let contacts = 0;
	for (const f of value) {
		if (CONTACT_ENTRIES.indexOf(f) >= 0) contacts++;
		else if (SHAREABLE.indexOf(f) < 0) return 'Unknown event field.';
	}
	if (contacts > 1) return 'Choose one way to reach you.';
	return '';
}

/**
 * Parses a JSON field of a record; null when empty.
 * @param {core.Record} record
 * @param {string} field
 * @returns {unknown} untyped JSON, for the caller to narrow
 */
function jsonOf(record, field) {
	const raw = toString(record.get(field));
	if (!raw) return null;
	try {
		return JSON.parse(raw);
	} catch (_) {
		return null;
	}
}

/**
 * The fields in a card's event level (name is always in), with at most one contact entry (the
 * first): a card without a choice (null) gets DEFAULT_EVENT_FIELDS.
 * @param {core.Record} card
 * @returns {string[]}
 */
function eventFieldsOf(card) {
	const chosen = jsonOf(card, 'eventFields');
	if (!Array.isArray(chosen)) return ['name'].concat(DEFAULT_EVENT_FIELDS);
	const list = chosen.filter((f) => SHAREABLE.indexOf(f) >= 0);
	const contact = chosen.filter((f) => CONTACT_ENTRIES.indexOf(f) >= 0)[0];
	return ['name'].concat(list, contact ? [contact] : []);
}

/**
 * The one link a contact entry shares, as a list of zero or one (the first of its kind).
 * @param {Link[]} links
 * @param {string} entry `contact` or `contact:<kind>`
 * @returns {Link[]}
 */
function contactLinks(links, entry) {
	const kinds = entry === 'contact' ? CONTACT_KINDS : [entry.slice('contact:'.length)];
	for (const kind of kinds) {
		for (const link of links) {
			if (link && link.kind === kind) return [link];
		}
	}
	return [];
}

/**
 * The card fields a holder of `level` may see.
 * @param {core.Record} card
 * @param {string} level
 * @returns {string[]}
 */
function visibleFields(card, level) {
	return level === 'full' ? CARD_FIELDS.slice() : eventFieldsOf(card);
}

/**
 * The path of a card's photo, or "". The same for every holder: /api/tend/photos decides on each
 * request who may see it, and the path changes with the photo, so an old one stops working.
 * @param {core.Record} card
 * @returns {string}
 */
function photoUrl(card) {
	const file = card.getString('photo');
	if (!file) return '';
	return '/api/tend/photos/' + card.id + '/' + file;
}

/**
 * A plain object of the card's fields at `level`: what a holder sees and keeps as a snapshot.
 * @param {core.Record} card
 * @param {string} level
 * @returns {Snapshot}
 */
function snapshotOf(card, level) {
	/** @type {Snapshot} */
	const out = {};
	const fields = visibleFields(card, level);
	const links = jsonOf(card, 'links');
	const allLinks = Array.isArray(links) ? links : [];
	for (const f of fields) {
		if (f === 'photo') out.photoUrl = photoUrl(card);
		else if (f === 'links') out.links = allLinks;
		else if (CONTACT_ENTRIES.indexOf(f) >= 0) {
			// `links` in the level means every link; a contact entry alone, one of them.
			if (fields.indexOf('links') < 0) out.links = contactLinks(allLinks, f);
		} else out[f] = card.getString(f);
	}
	return out;
}

/**
 * The content fields whose value differs between two versions of a card.
 * @param {core.Record} before
 * @param {core.Record} after
 * @returns {string[]}
 */
function changedFields(before, after) {
	const changed = [];
	for (const f of CARD_FIELDS) {
		const a = f === 'links' ? canonicalJson(jsonOf(before, f)) : before.getString(f);
		const b = f === 'links' ? canonicalJson(jsonOf(after, f)) : after.getString(f);
		if (a !== b) changed.push(f);
	}
	return changed;
}

/**
 * JSON with object keys sorted (stored JSON comes back with its keys in another order).
 * @param {unknown} value untyped JSON
 * @returns {string}
 */
function canonicalJson(value) {
	if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
	if (value && typeof value === 'object') {
		return (
			'{' +
			Object.keys(value)
				.sort()
				.map(
					(k) =>
						JSON.stringify(k) +
						':' +
						canonicalJson(/** @type {{ [key: string]: unknown }} */ (value)[k])
				)
				.join(',') +
			'}'
		);
	}
	return JSON.stringify(value === undefined ? null : value);
}

module.exports = {
	canonicalJson,
	CARD_FIELDS,
	SHAREABLE,
	CONTACT_KINDS,
	DEFAULT_EVENT_FIELDS,
	OWNER_ONLY_FIELDS,
	eventFieldsProblem,
	eventFieldsOf,
	visibleFields,
	snapshotOf,
	changedFields,
	jsonOf,
	photoUrl
};
