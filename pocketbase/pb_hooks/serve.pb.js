/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Serving the app: the app's own files (their security headers, compressed copies and cache
// lifetimes) are served by pocketbase/serve.go, not here: a JS route holds one of the hooks' JS
// runtimes for every request it serves. This file hides the admin UI when asked, and applies the
// deployment's trusted-proxy settings.

{
	const { isAdminUiOn } = require(`${__hooks}/lib/serve.js`);

	// TEND_ADMIN_UI=off: these three patterns are each more specific than PocketBase's
	// `/_/{path...}`, so together they answer every path of the admin UI (/_ redirects to /_/).
	if (!isAdminUiOn()) {
		for (const path of ['/_/{$}', '/_/{file}', '/_/{dir}/{rest...}']) {
			routerAdd('GET', path, () => {
				throw new NotFoundError();
			});
		}
	}
}

onBootstrap((e) => {
	e.next();
	// A deployment behind a proxy: TEND_TRUSTED_PROXY_* say which header holds the guest's IP.
	require(`${__hooks}/lib/serve.js`).applyTrustedProxy(e.app);
});
