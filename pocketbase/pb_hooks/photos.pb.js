/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Card photos. Invariant: an upload is stored under the extension of the type its bytes are
// (JPEG, PNG or WebP; anything else is refused), and a photo is served only to whoever may see it
// (see lib/photos.js): the owner, a live holder whose level includes it, or a valid public code
// whose event card includes it. Everyone else gets the same 404 as for a photo that does not exist.
// The file field is protected (migration 1764720000), so /api/files/… needs a file token too.

/**
 * A route's request and its URL, which PocketBase always sets (see router.Event).
 * @typedef {http.Request & { url: url.URL }} RouteRequest
 */

// New photo uploads are renamed to their detected type before PocketBase validates and stores them.
onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/photos.js`).checkPhotoUpload(e);
}, 'cards');
onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/photos.js`).checkPhotoUpload(e);
}, 'cards');

routerAdd('GET', '/api/tend/photos/{card}/{file}', (e) => {
	const { failure, sendFailure, userOf } = require(`${__hooks}/lib/http.js`);
	const photos = require(`${__hooks}/lib/photos.js`);
	const thumb = /** @type {RouteRequest} */ (e.request).url.query().get('thumb');
	if (!photos.isThumb(thumb)) {
		return sendFailure(e, failure(400, 'invalid', 'The thumb is 128x128 or 400x400.'));
	}
	const notFound = failure(404, 'not_found', 'No such photo.');
	const user = userOf(e);
	const card = photos.cardWithPhoto(
		e.app,
		/** @type {RouteRequest} */ (e.request).pathValue('card'),
		/** @type {RouteRequest} */ (e.request).pathValue('file')
	);
	if (!user || !card || !photos.maySeePhoto(e.app, user.id, card)) return sendFailure(e, notFound);
	if (!photos.servePhoto(e, card, thumb)) return sendFailure(e, notFound);
});

routerAdd(
	'POST',
	'/api/tend/public/photo',
	(e) => {
		const { failure, sendFailure, objectBody, unknownKeys } = require(`${__hooks}/lib/http.js`);
		const { cardForPublicToken } = require(`${__hooks}/lib/public.js`);
		const photos = require(`${__hooks}/lib/photos.js`);
		const body = objectBody(e);
		const thumb = body && body.thumb !== undefined ? body.thumb : '';
		if (
			!body ||
			unknownKeys(body, ['token', 'thumb']).length ||
			typeof body.token !== 'string' ||
			typeof thumb !== 'string' ||
			!photos.isThumb(thumb)
		) {
			return sendFailure(e, failure(400, 'invalid', 'Send { token, thumb? }.'));
		}
		// Whatever is wrong with the code, the answer is the same: no photo.
		const notFound = failure(404, 'not_found', 'No such photo.');
		const found = cardForPublicToken(e.app, body.token);
		if (found.failure || !photos.isPublicPhoto(found.card)) return sendFailure(e, notFound);
		if (!photos.servePhoto(e, found.card, thumb)) return sendFailure(e, notFound);
	},
	$apis.bodyLimit(1024)
);

// PocketBase's own file route: the view rule lets any live holder through with a file token, so
// the level is checked here too (superusers keep the admin UI's access).
onFileDownloadRequest((e) => {
	const { maySeePhoto } = require(`${__hooks}/lib/photos.js`);
	let who = null;
	try {
		// (this event exposes its request through requestInfo, not e.request)
		who = e.app.findAuthRecordByToken(e.requestInfo().query.token || '', 'file');
	} catch (_) {
		who = null;
	}
	const isAllowed =
		who &&
		(who.isSuperuser() ||
			(who.collection().name === 'users' && maySeePhoto(e.app, who.id, e.record)));
	if (!isAllowed) throw new NotFoundError();
	e.next();
}, 'cards');
