// How long a password may be: the users collection's own field rule (10 to 71 characters, as
// PocketBase counts them: code points; bcrypt reads at most 72 bytes). Kept apart from the rest of
// the password rule (password.ts) so that the sign-in page does not load that.

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 71;

export const PASSWORD_TOO_SHORT = `Use at least ${PASSWORD_MIN} characters.`;
export const PASSWORD_TOO_LONG = `Use at most ${PASSWORD_MAX} characters.`;

/** What is wrong with the length of a new password, or '' when it is fine. */
export function passwordLengthMessage(password: string): string {
	const length = [...password].length;
	if (length < PASSWORD_MIN) return PASSWORD_TOO_SHORT;
	if (length > PASSWORD_MAX) return PASSWORD_TOO_LONG;
	return '';
}
