// Card photos: what is stored and who may see it. Invariants: a stored photo is a JPEG, PNG or
// WebP by its bytes and its name ends with that type's extension (never the uploader's); a photo
// leaves the server only to the card's owner, to a live holder whose level includes the photo, or
// through a valid public code whose event card includes it, always labelled with the type its
// bytes are (never guessed from the name) and never sniffable as anything else.
const levels = require(`${__hooks}/lib/levels.js`);
const holders = require(`${__hooks}/lib/holders.js`);

/** The thumb sizes the cards collection declares; the routes serve these and the original only. */
const THUMBS = ['128x128', '400x400'];
/** Enough bytes to tell JPEG, PNG and WebP apart ("RIFF" + size + "WEBP"). */
const HEAD_BYTES = 12;
const RANDOM_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * True when `value` (a byte list) starts with `prefix` at `offset`.
 * @param {number[]} value
 * @param {number} offset
 * @param {number[]} prefix
 * @returns {boolean}
 */
function hasBytes(value, offset, prefix) {
	if (value.length < offset + prefix.length) return false;
	for (let i = 0; i < prefix.length; i++) {
		if (value[offset + i] !== prefix[i]) return false;
	}
	return true;
}

/** @typedef {{ ext: string, mime: string }} ImageType A stored photo's extension and MIME type. */

/**
 * The image type of a file's first bytes, { ext, mime }, or null when it is no JPEG, PNG or WebP.
 * @param {number[]} head
 * @returns {ImageType | null}
 */
function sniffImage(head) {
	const bytes = [];
	for (let i = 0; i < head.length && i < HEAD_BYTES; i++) bytes.push((head[i] ?? 0) & 0xff);
	if (hasBytes(bytes, 0, [0xff, 0xd8, 0xff])) return { ext: 'jpg', mime: 'image/jpeg' };
	if (hasBytes(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
		return { ext: 'png', mime: 'image/png' };
	}
	if (
		hasBytes(bytes, 0, [0x52, 0x49, 0x46, 0x46]) &&
		hasBytes(bytes, 8, [0x57, 0x45, 0x42, 0x50])
	) {
		return { ext: 'webp', mime: 'image/webp' };
	}
	return null;
}

/**
 * Reads the first bytes of an io.ReadCloser and closes it.
 * @param {io.ReadSeekCloser | blob.Reader} reader an upload's reader, or a stored file's
 * @returns {number[]}
 */
function headOf(reader) {
	try {
		return toBytes(reader, HEAD_BYTES);
	} finally {
		reader.close();
	}
}

/**
 * The name to store an upload under: PocketBase's normalised base and the detected extension.
 * @param {string} normalisedName
 * @param {string} ext
 * @returns {string}
 */
function storedName(normalisedName, ext) {
	const dot = normalisedName.lastIndexOf('.');
	let base = (dot > 0 ? normalisedName.slice(0, dot) : normalisedName)
		.replace(/[^A-Za-z0-9_-]/g, '')
		.slice(0, 100);
	if (base.length < 3) base = 'photo_' + $security.randomStringWithAlphabet(10, RANDOM_ALPHABET);
	return base + '.' + ext;
}

/**
 * Renames every new upload of a card's photo to the extension of its detected type.
 * Returns a message when an upload is no JPEG, PNG or WebP, else "".
 * @param {core.Record} record
 * @returns {string}
 */
function renamePhotoUploads(record) {
	// (the list holds no nil: PocketBase collects only the files it has)
	for (const file of /** @type {filesystem.File[]} */ (record.getUnsavedFiles('photo'))) {
		let type = null;
		try {
			type = sniffImage(headOf(file.reader.open()));
		} catch (_) {
			type = null; // an unreadable upload is refused like a wrong one
		}
		if (!type) return 'Choose a JPEG, PNG or WebP picture.';
		file.name = storedName(file.name, type.ext);
	}
	return '';
}

/**
 * True when `thumb` is empty (the original) or one of the declared thumb sizes.
 * @param {string} thumb
 * @returns {boolean}
 */
function isThumb(thumb) {
	return thumb === '' || THUMBS.indexOf(thumb) >= 0;
}

/**
 * The card `cardId` when `file` is its current photo, else null.
 * @param {core.App} app
 * @param {string} cardId
 * @param {string} file
 * @returns {core.Record | null}
 */
function cardWithPhoto(app, cardId, file) {
	if (!/^[a-z0-9]{15}$/.test(cardId || '') || !file) return null;
	let card;
	try {
		card = app.findRecordById('cards', cardId);
	} catch (_) {
		return null;
	}
	return card.getString('photo') === file ? card : null;
}

/**
 * True when `userId` may see the card's photo: its owner, or a live holder whose level has it.
 * @param {core.App} app
 * @param {string} userId
 * @param {core.Record} card
 * @returns {boolean}
 */
function maySeePhoto(app, userId, card) {
	if (!userId) return false;
	if (card.getString('owner') === userId) return true;
	const level = holders.levelOf(app, userId, card.id);
	return level !== '' && levels.visibleFields(card, level).indexOf('photo') >= 0;
}

/**
 * True when the card's event level (what a public code shows) includes its photo.
 * @param {core.Record} card
 * @returns {boolean}
 */
function isPublicPhoto(card) {
	return !!card.getString('photo') && levels.visibleFields(card, 'event').indexOf('photo') >= 0;
}

/**
 * Serves the card's current photo (or its thumb, made on first request like PocketBase's file
 * API does; the original when the thumb cannot be made). Returns false when there is nothing to
 * serve (missing file, or stored bytes that are no image), having written nothing.
 * @param {core.RequestEvent} e
 * @param {core.Record} card
 * @param {string} thumb
 * @returns {boolean}
 */
function servePhoto(e, card, thumb) {
	const file = card.getString('photo');
	const base = card.baseFilesPath();
	const original = base + '/' + file;
	const fsys = e.app.newFilesystem();
	try {
		let key = original;
		if (thumb) {
			const thumbKey = base + '/thumbs_' + file + '/' + thumb + '_' + file;
			try {
				if (!fsys.exists(thumbKey)) fsys.createThumb(original, thumbKey, thumb);
				key = thumbKey;
			} catch (_) {
				key = original; // e.g. an image the decoder cannot read: the device scales it
			}
		}
		let type = null;
		try {
			type = sniffImage(headOf(fsys.getReader(key)));
		} catch (_) {
			return false;
		}
		if (!type) return false;
		const header = e.response.header();
		header.set('Content-Type', type.mime);
		header.set('X-Content-Type-Options', 'nosniff');
		header.set('Content-Disposition', 'inline; filename="photo.' + type.ext + '"');
		header.set('Cache-Control', 'private, max-age=86400');
		// (a route's request is always set: see router.Event)
		fsys.serve(e.response, /** @type {http.Request} */ (e.request), key, 'photo.' + type.ext);
		return true;
	} finally {
		fsys.close();
	}
}

/**
 * Renames new photo uploads to their detected type before PocketBase validates and stores them
 * (the create and update request hooks of cards: their event always carries the record).
 * @param {core.RecordRequestEvent} e
 */
function checkPhotoUpload(e) {
	const problem = renamePhotoUploads(/** @type {core.Record} */ (e.record));
	if (problem) {
		throw new BadRequestError('Invalid card.', {
			photo: new ValidationError('validation_invalid_photo', problem)
		});
	}
	e.next();
}

/**
 * A route's request and its URL, which PocketBase always sets (see router.Event).
 * @typedef {http.Request & { url: url.URL }} RouteRequest
 */

/**
 * GET /api/tend/photos/{card}/{file}?thumb=: a card's photo to a signed-in user who may see it;
 * everyone else gets the 404 of a photo that does not exist.
 * @param {core.RequestEvent} e
 */
function photoRoute(e) {
	const { failure, sendFailure, userOf } = require(`${__hooks}/lib/http.js`);
	const request = /** @type {RouteRequest} */ (e.request);
	const thumb = request.url.query().get('thumb');
	if (!isThumb(thumb)) {
		return sendFailure(e, failure(400, 'invalid', 'The thumb is 128x128 or 400x400.'));
	}
	const notFound = failure(404, 'not_found', 'No such photo.');
	const user = userOf(e);
	const card = cardWithPhoto(e.app, request.pathValue('card'), request.pathValue('file'));
	if (!user || !card || !maySeePhoto(e.app, user.id, card)) return sendFailure(e, notFound);
	if (!servePhoto(e, card, thumb)) return sendFailure(e, notFound);
}

/**
 * POST /api/tend/public/photo { token, thumb? }: the photo of the card a public code shows, when
 * its event card includes it; whatever is wrong with the code, the answer is the same 404.
 * @param {core.RequestEvent} e
 */
function publicPhotoRoute(e) {
	const { failure, sendFailure, objectBody, unknownKeys } = require(`${__hooks}/lib/http.js`);
	const { cardForPublicToken } = require(`${__hooks}/lib/public.js`);
	const body = objectBody(e);
	const thumb = body && body.thumb !== undefined ? body.thumb : '';
	if (
		!body ||
		unknownKeys(body, ['token', 'thumb']).length ||
		typeof body.token !== 'string' ||
		typeof thumb !== 'string' ||
		!isThumb(thumb)
	) {
		return sendFailure(e, failure(400, 'invalid', 'Send { token, thumb? }.'));
	}
	const notFound = failure(404, 'not_found', 'No such photo.');
	const found = cardForPublicToken(e.app, body.token);
	if (found.failure || !isPublicPhoto(found.card)) return sendFailure(e, notFound);
	if (!servePhoto(e, found.card, thumb)) return sendFailure(e, notFound);
}

/**
 * onFileDownloadRequest (cards): PocketBase's own file route. Its view rule lets any live holder
 * through with a file token, so the level is checked here too (superusers keep the admin UI's
 * access); anyone else gets a 404.
 * @param {core.FileDownloadRequestEvent} e
 */
function checkFileDownload(e) {
	let who = null;
	try {
		// (this event exposes its request through requestInfo, not e.request)
		who = e.app.findAuthRecordByToken(e.requestInfo().query.token || '', 'file');
	} catch (_) {
		who = null;
	}
	const card = e.record;
	const isAllowed =
		who &&
		card &&
		(who.isSuperuser() || (who.collection().name === 'users' && maySeePhoto(e.app, who.id, card)));
	if (!isAllowed) throw new NotFoundError();
	e.next();
}

module.exports = {
	photoRoute,
	publicPhotoRoute,
	checkFileDownload,
	checkPhotoUpload,
	THUMBS,
	sniffImage,
	storedName,
	renamePhotoUploads,
	isThumb,
	cardWithPhoto,
	maySeePhoto,
	isPublicPhoto,
	servePhoto
};
