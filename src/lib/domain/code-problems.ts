// What a person reads when the server refuses a card code, by the server's reason (`data.reason`
// of its answer): one table for every screen that shows one (the swap screen, a person's page,
// the public card page). Pure, so the public page loads nothing else for it.

export const CODE_PROBLEMS: Readonly<Record<string, string>> = {
	token_expired: 'This code has expired. Ask them to open Tend so it shows their current code.',
	token_rotated:
		'They have replaced this code with a new one. Ask them to show their current code.',
	token_forged: 'This code was not made by Tend, so it cannot be trusted. Nothing was saved.',
	token_malformed: 'This is not a valid Tend code.',
	card_missing: 'This card no longer exists.',
	self_swap: 'That is your own code.',
	no_card: 'Make your own card first: a swap is mutual.',
	revoked:
		'They stopped sharing their card with you. Only a code they show you again can share it again.',
	rate_limited: 'Too many swaps in a short time. Wait a little and it will be sent.'
};

/** The sentence for a server's reason, or null when it has none of its own. */
export function codeProblem(code: string | undefined): string | null {
	return (code && Object.hasOwn(CODE_PROBLEMS, code) && CODE_PROBLEMS[code]) || null;
}
