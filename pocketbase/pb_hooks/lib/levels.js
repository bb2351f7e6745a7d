// Share levels: a card's owner decides which fields make up the "event card" (what a new
// contact and the public card page see); "full" is every field. Invariant: whatever leaves the
// server for someone other than the owner goes through visibleFields/snapshotOf.

const CARD_FIELDS = ['name', 'headline', 'company', 'canHelpWith', 'lookingFor', 'links', 'photo'];
const SHAREABLE = ['headline', 'company', 'canHelpWith', 'lookingFor', 'links', 'photo'];
const DEFAULT_EVENT_FIELDS = ['headline', 'company', 'photo'];
/** Never shown to anyone but the owner. */
const OWNER_ONLY_FIELDS = ['owner', 'keyVersion', 'eventFields'];

/** Returns a message describing what is wrong with eventFields, or "" when valid. */
function eventFieldsProblem(value) {
	if (value === null || value === undefined || value === '') return '';
	if (!Array.isArray(value)) return 'Event fields must be a list.';
	if (value.length > SHAREABLE.length) return 'Too many event fields.';
	for (const f of value) {
		if (SHAREABLE.indexOf(f) < 0) return 'Unknown event field.';
	}
	return '';
}

/** Parses a JSON field of a record; null when empty. */
function jsonOf(record, field) {
	const raw = toString(record.get(field));
	if (!raw) return null;
	try {
		return JSON.parse(raw);
	} catch (_) {
		return null;
	}
}

/** The fields in a card's event level (name is always in). */
function eventFieldsOf(card) {
	const chosen = jsonOf(card, 'eventFields');
	const list = Array.isArray(chosen)
		? chosen.filter((f) => SHAREABLE.indexOf(f) >= 0)
		: DEFAULT_EVENT_FIELDS;
	return ['name'].concat(list);
}

/** The card fields a holder of `level` may see. */
function visibleFields(card, level) {
	return level === 'full' ? CARD_FIELDS.slice() : eventFieldsOf(card);
}

/**
 * The path of a card's photo, or "". The same for every holder: /api/tend/photos decides on each
 * request who may see it, and the path changes with the photo, so an old one stops working.
 */
function photoUrl(card) {
	const file = card.getString('photo');
	if (!file) return '';
	return '/api/tend/photos/' + card.id + '/' + file;
}

/** A plain object of the card's fields at `level`: what a holder sees and keeps as a snapshot. */
function snapshotOf(card, level) {
	const out = {};
	for (const f of visibleFields(card, level)) {
		if (f === 'photo') out.photoUrl = photoUrl(card);
		else if (f === 'links') out.links = jsonOf(card, 'links') || [];
		else out[f] = card.getString(f);
	}
	return out;
}

/** The content fields whose value differs between two versions of a card. */
function changedFields(before, after) {
	const changed = [];
	for (const f of CARD_FIELDS) {
		const a = f === 'links' ? canonicalJson(jsonOf(before, f)) : before.getString(f);
		const b = f === 'links' ? canonicalJson(jsonOf(after, f)) : after.getString(f);
		if (a !== b) changed.push(f);
	}
	return changed;
}

/** JSON with object keys sorted (stored JSON comes back with its keys in another order). */
function canonicalJson(value) {
	if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
	if (value && typeof value === 'object') {
		return (
			'{' +
			Object.keys(value)
				.sort()
				.map((k) => JSON.stringify(k) + ':' + canonicalJson(value[k]))
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
