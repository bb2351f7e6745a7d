// Filter probes: a holder sees some card fields and not others, so a list filter or sort that
// mentions a hidden-capable field (or reaches other records through back-relations or
// @collection) could reveal through the result count what the response hides. Those are refused
// for everyone but superusers; the device filters locally and never needs them.
const SENSITIVE = '(headline|company|canHelpWith|lookingFor|links|photo|eventFields|keyVersion)';
const ON_CARDS = new RegExp('\\b' + SENSITIVE + '\\b');
const THROUGH_RELATION = new RegExp('\\bcard\\s*\\.\\s*' + SENSITIVE + '\\b');
const REACHING_OUT = /(_via_|@collection)/;

/** Returns a message when a filter/sort text on `collection` could probe hidden card fields, else "". */
function probeProblem(collection, text) {
	if (!text || !text.trim()) return '';
	if (REACHING_OUT.test(text)) return 'Filters may not reach other collections.';
	const isCards =
		collection === 'cards' || collection === $app.findCachedCollectionByNameOrId('cards').id;
	if ((isCards && ON_CARDS.test(text)) || THROUGH_RELATION.test(text)) {
		return 'Filters may not use card fields other than id, name and dates.';
	}
	return '';
}

module.exports = { probeProblem };
