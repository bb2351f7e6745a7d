/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Accounts (users): every new password passes the password rule, whoever saves it (sign-up,
// password change, reset); password sign-in is limited per account whatever the IPs (superusers
// too); refused sign-ups are limited per IP per hour. The handlers are in lib/accounts.js.

onRecordValidate((e) => {
	require(`${__hooks}/lib/accounts.js`).checkNewPassword(e);
}, 'users');

// Superusers too: the per-IP rule alone (300 a minute, loose for venues) would let one machine
// guess an admin password five times faster than before.
onRecordAuthWithPasswordRequest(
	(e) => {
		require(`${__hooks}/lib/accounts.js`).limitPasswordSignIn(e);
	},
	'users',
	'_superusers'
);

onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/accounts.js`).limitSignUpRefusals(e);
}, 'users');

// Finished windows of every rate limit leave the in-memory store (identities and IPs an
// attacker invents would otherwise pile up until a restart).
cronAdd('tendPruneRateCounters', '*/10 * * * *', () => {
	const rate = require(`${__hooks}/lib/rate.js`);
	rate.pruneIn($app.store(), rate.ALL_LIMITS, Math.floor(Date.now() / 1000));
});
