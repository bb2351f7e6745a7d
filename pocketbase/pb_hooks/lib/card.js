// Card validation on the server: the device is never trusted. Mirrors src/lib/domain/card.ts
// (the same table of cases runs against both in the tests).
const LINK_KINDS = ['linkedin', 'website', 'email', 'phone', 'other'];
const MAX_LINKS = 10;
const MAX_LABEL = 40;
const MAX_URL = 300;
const SAFE_URL = /^(https?:\/\/[^\s<>"]+|mailto:[^\s<>"]+|tel:\+?[0-9 ()./-]{3,30})$/i;

/**
 * Returns a message describing what is wrong with a card's links, or "" when they are valid.
 * @param {unknown} links the field's parsed JSON, untyped as it came from the device
 * @returns {string}
 */
function linksProblem(links) {
	if (links === null || links === undefined || links === '') return '';
	if (!Array.isArray(links)) return 'Links must be a list.';
	if (links.length > MAX_LINKS) return 'At most ' + MAX_LINKS + ' links.';
	for (let i = 0; i < links.length; i++) {
		const link = links[i];
		if (!link || typeof link !== 'object' || Array.isArray(link))
			return 'Link ' + (i + 1) + ' is malformed.';
		for (const key of Object.keys(link)) {
			if (key !== 'kind' && key !== 'label' && key !== 'url')
				return 'Link ' + (i + 1) + ' has an unknown field.';
		}
		if (LINK_KINDS.indexOf(link.kind) < 0) return 'Link ' + (i + 1) + ' has an unknown kind.';
		if (
			link.label !== undefined &&
			(typeof link.label !== 'string' || link.label.length > MAX_LABEL)
		) {
			return 'Link ' + (i + 1) + ' label is too long.';
		}
		if (typeof link.url !== 'string' || link.url.length > MAX_URL || !SAFE_URL.test(link.url)) {
			return 'Link ' + (i + 1) + ' must be an http(s), mailto: or tel: address.';
		}
	}
	return '';
}

/**
 * onRecordValidate (cards): links and share levels are checked on every save, whoever saves.
 * @param {core.RecordEvent} e
 */
function validateCard(e) {
	const { eventFieldsProblem, jsonOf } = require(`${__hooks}/lib/levels.js`);
	const problem = linksProblem(
		JSON.parse(toString(/** @type {core.Record} */ (e.record).get('links')) || 'null')
	);
	if (problem) {
		throw new BadRequestError('Invalid card.', {
			links: new ValidationError('validation_invalid_link', problem)
		});
	}
	const levelProblem = eventFieldsProblem(jsonOf(e.record, 'eventFields'));
	if (levelProblem) {
		throw new BadRequestError('Invalid card.', {
			eventFields: new ValidationError('validation_invalid_event_fields', levelProblem)
		});
	}
	e.next();
}

module.exports = { linksProblem, validateCard, LINK_KINDS, MAX_LINKS, MAX_URL };
