/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Card photos are served only to those who may see them (pb_hooks/photos.pb.js): the file field
// is protected, so /api/files/… needs a file token and the card's view rule, and the snapshots'
// photoUrl moves from that public path to /api/tend/photos/<cardId>/<file>. The rewritten
// connections get a new `updated`, so devices pull the new path like any server change.

const NOW = "strftime('%Y-%m-%d %H:%M:%fZ', 'now')";

/**
 * Rewrites every snapshot photoUrl that starts with `from` so that it starts with `to`.
 * @param {CoreApp} app
 * @param {string} from
 * @param {string} to
 */
function movePhotoUrls(app, from, to) {
	app
		.db()
		.newQuery(
			`UPDATE connections
			SET snapshot = json_set(snapshot, '$.photoUrl',
					{:to} || substr(json_extract(snapshot, '$.photoUrl'), length({:from}) + 1)),
				updated = ${NOW}
			WHERE json_valid(snapshot)
				AND json_type(snapshot, '$.photoUrl') = 'text'
				AND substr(json_extract(snapshot, '$.photoUrl'), 1, length({:from})) = {:from}`
		)
		.bind({ from, to })
		.execute();
}

/**
 * Sets the cards photo field's `protected` flag.
 * @param {CoreApp} app
 * @param {boolean} isProtected
 */
function protectPhotos(app, isProtected) {
	const cards = app.findCollectionByNameOrId('cards');
	/** @type {core.FileField} */ (cards.fields.getByName('photo')).protected = isProtected;
	app.save(cards);
	return cards;
}

migrate(
	(app) => {
		const cards = protectPhotos(app, true);
		movePhotoUrls(app, `/api/files/${cards.id}/`, '/api/tend/photos/');
	},
	(app) => {
		const cards = protectPhotos(app, false);
		movePhotoUrls(app, '/api/tend/photos/', `/api/files/${cards.id}/`);
	}
);
