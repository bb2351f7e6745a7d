// Accounts: the password rule on every new password, and the limits on password sign-in (per
// submitted identity) and refused sign-ups (per IP per hour). The per-IP, per-minute limits are in
// the settings (migration 1764806400_updated_auth_limits.js); the numbers here are in lib/rate.js.
const { failure, sendFailure } = require(`${__hooks}/lib/http.js`);
const rate = require(`${__hooks}/lib/rate.js`);

/**
 * "12 minutes", "1 minute": how long a wait of `seconds` is, rounded up.
 * @param {number} seconds
 * @returns {string}
 */
function minutesOf(seconds) {
	const minutes = Math.max(1, Math.ceil(seconds / 60));
	return minutes + (minutes === 1 ? ' minute' : ' minutes');
}

/**
 * A request event, or a record request event: PocketBase's JS runtime also exposes the latter's
 * embedded request event as `requestEvent` (types.d.ts flattens it away).
 * @typedef {core.RequestEvent & { requestEvent?: core.RequestEvent }} AnyRequestEvent
 */

/**
 * Answers 429 rate_limited with the wait in the body (data.retryAfter) and in Retry-After.
 * @param {AnyRequestEvent} e
 * @param {string} message
 * @param {number} retryAfter seconds
 */
function sendRateLimited(e, message, retryAfter) {
	// A record request event reaches the response through its embedded request event.
	const response = e.requestEvent ? e.requestEvent.response : e.response;
	response.header().set('Retry-After', String(retryAfter));
	return sendFailure(e, failure(429, 'rate_limited', message, { retryAfter }));
}

/**
 * onRecordValidate (users): a new password must pass the rule; throws a `password` field error.
 * @param {core.RecordEvent & { record: core.Record }} e (a record event always carries its record)
 */
function checkNewPassword(e) {
	const password = e.record.getString('password'); // the new password in plain text; '' if unchanged
	if (password) {
		const { passwordProblem } = require(`${__hooks}/lib/password.js`);
		const problem = passwordProblem(password, e.record.email());
		if (problem) {
			throw new BadRequestError('Choose a stronger password.', {
				password: new ValidationError(problem.code, problem.message)
			});
		}
	}
	e.next();
}

/**
 * onRecordAuthWithPasswordRequest (users): counts the attempt against the submitted identity before
 * the password is checked; past the limit the answer is 429 whatever the password (so a locked
 * account cannot be guessed on), and the same whether or not the account exists. A success forgets
 * the count; a wrong password throws from e.next() and stays counted.
 * @param {core.RecordAuthWithPasswordRequestEvent & { collection: core.Collection }} e (the
 *   event of an auth collection's route always carries that collection)
 */
function limitPasswordSignIn(e) {
	const store = e.app.store();
	const identity = e.collection.name + ':' + String(e.identity).toLowerCase();
	const retryAfter = rate.hitIn(store, identity, rate.SIGNIN_LIMITS, Math.floor(Date.now() / 1000));
	if (retryAfter > 0) {
		return sendRateLimited(
			e,
			'Too many sign-in attempts for this account: try again in ' + minutesOf(retryAfter) + '.',
			retryAfter
		);
	}
	e.next();
	rate.clearIn(store, identity, rate.SIGNIN_LIMITS);
}

/**
 * True when the settings' per-IP limits apply to this request (on, a guest, IP not excluded).
 * @param {core.RequestEvent} e
 * @returns {boolean}
 */
function isLimitedPerIp(e) {
	const limits = e.app.settings().rateLimits;
	return !e.auth && limits.enabled && !rate.isExcludedIp(e.realIP(), limits.excludedIPs);
}

/**
 * onRecordCreateRequest (users): at most SIGNUP_REFUSAL_LIMITS refused sign-ups per IP an hour.
 * The attempt is counted first (parallel probes cannot slip through) and taken back when the
 * account is created, so only refusals (e.g. "email taken") stay counted.
 * @param {core.RecordRequestEvent} e
 */
function limitSignUpRefusals(e) {
	if (!isLimitedPerIp(e)) return e.next();
	const store = e.app.store();
	const ip = e.realIP();
	const now = Math.floor(Date.now() / 1000);
	const retryAfter = rate.hitIn(store, ip, rate.SIGNUP_REFUSAL_LIMITS, now);
	if (retryAfter > 0) {
		return sendRateLimited(
			e,
			'Too many sign-ups from this network were refused: try again in ' +
				minutesOf(retryAfter) +
				'.',
			retryAfter
		);
	}
	e.next();
	rate.undoIn(store, ip, rate.SIGNUP_REFUSAL_LIMITS, now);
}

module.exports = { checkNewPassword, limitPasswordSignIn, limitSignUpRefusals };
