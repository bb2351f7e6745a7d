/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Card photos. Invariant: an upload is stored under the extension of the type its bytes are
// (JPEG, PNG or WebP; anything else is refused), and a photo is served only to whoever may see it
// (see lib/photos.js): the owner, a live holder whose level includes it, or a valid public code
// whose event card includes it. Everyone else gets the same 404 as for a photo that does not exist.
// The file field is protected (migration 1764720000), so /api/files/… needs a file token too.

// New photo uploads are renamed to their detected type before PocketBase validates and stores them.
onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/photos.js`).checkPhotoUpload(e);
}, 'cards');
onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/photos.js`).checkPhotoUpload(e);
}, 'cards');

routerAdd('GET', '/api/tend/photos/{card}/{file}', (e) =>
	require(`${__hooks}/lib/photos.js`).photoRoute(e)
);

routerAdd(
	'POST',
	'/api/tend/public/photo',
	(e) => require(`${__hooks}/lib/photos.js`).publicPhotoRoute(e),
	$apis.bodyLimit(1024)
);

onFileDownloadRequest((e) => {
	require(`${__hooks}/lib/photos.js`).checkFileDownload(e);
}, 'cards');
