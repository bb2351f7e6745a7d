/// <reference path="../../.cache/pocketbase/types.d.ts" />
// The public card page's two anonymous routes. Invariant: a valid, unexpired, current token
// (always in a body, never in a URL) reveals that card's event-card fields and nothing else;
// share-backs are validated, limited per IP by the settings' rate-limit rules and per card here.

// The token travels in the body: a query string would land in PocketBase's request logs.
routerAdd(
	'POST',
	'/api/tend/public/card',
	(e) => {
		const { sendFailure, objectBody } = require(`${__hooks}/lib/http.js`);
		const { publicCard } = require(`${__hooks}/lib/public.js`);
		const result = publicCard(e.app, objectBody(e));
		if (result.failure) return sendFailure(e, result.failure);
		return e.json(200, { card: result.card });
	},
	$apis.bodyLimit(4096)
);

// The old way (GET ?t=) never reads its query and is kept out of the request logs: an app
// version from before the POST gets a clear answer and its token is not written down.
routerAdd(
	'GET',
	'/api/tend/public/card',
	(e) => {
		const { sendFailure, failure } = require(`${__hooks}/lib/http.js`);
		return sendFailure(
			e,
			failure(400, 'invalid', 'Send the code as { token } in a POST body: reload the app.')
		);
	},
	$apis.skipSuccessActivityLog()
);

routerAdd(
	'POST',
	'/api/tend/public/share-back',
	(e) => {
		const { sendFailure, objectBody } = require(`${__hooks}/lib/http.js`);
		const { shareBack } = require(`${__hooks}/lib/public.js`);
		const result = shareBack(e.app, objectBody(e));
		if (result.failure) return sendFailure(e, result.failure);
		return e.json(200, { ok: true });
	},
	$apis.bodyLimit(4096)
);
