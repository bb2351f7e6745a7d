// New passwords and what the rule says of them. The same table runs against src/lib/domain/password.ts
// and the server's pocketbase/pb_hooks/lib/password.js (unit), and against the server itself on
// sign-up and password change (integration), so the device and the server cannot drift apart.
import type { PasswordProblem } from './password';

export interface PasswordCase {
	password: string;
	/** The account's email (the rule refuses passwords made of its name). */
	email: string;
	problem: PasswordProblem | null;
	/** The rule this row checks. */
	rule: string;
}

const EMAIL = 'ann.lee@example.org';

export const PASSWORD_CASES: readonly PasswordCase[] = [
	{ password: 'correct-horse-battery', problem: null, rule: 'a phrase of words' },
	{ password: 'Ferns grow under 3 oaks', problem: null, rule: 'a sentence with spaces' },
	{ password: 'k7#Qm2!vX9pL', problem: null, rule: 'random characters' },
	{ password: 'sunflower!sunflower!', problem: null, rule: 'a 10-character piece twice' },
	{ password: 'grüne-äpfel-im-mai', problem: null, rule: 'non-ASCII letters' },
	{ password: 'tender-moss-2031', problem: null, rule: 'a word that starts with tend' },
	{ password: 'ann.lee likes tea', problem: null, rule: 'the name inside a longer phrase' },
	{ password: 'qwe-river-rty-stone', problem: null, rule: 'short keyboard pieces among words' },
	{ password: 'nine-char', problem: 'short', rule: '9 characters' },
	{ password: 'x'.repeat(72), problem: 'long', rule: '72 characters' },
	{ password: 'aaaaaaaaaa', problem: 'repeated', rule: 'one character repeated' },
	{ password: 'abcabcabcabc', problem: 'repeated', rule: 'a short unit repeated' },
	{ password: '12121212121', problem: 'repeated', rule: 'a unit repeated, cut short' },
	{ password: 'passwordpassword', problem: 'repeated', rule: 'a 9-or-fewer piece twice' },
	{ password: 'aaaaabbbbb', problem: 'repeated', rule: 'fewer than 4 different characters' },
	{ password: 'AbAbAbAbAbAb', problem: 'repeated', rule: 'case does not hide a repeat' },
	{ password: '1234567890', problem: 'sequence', rule: 'digits in order' },
	{ password: '0987654321', problem: 'sequence', rule: 'digits backwards' },
	{ password: 'abcdefghijk', problem: 'sequence', rule: 'the alphabet' },
	{ password: 'ZYXWVUTSRQ', problem: 'sequence', rule: 'the alphabet backwards, upper case' },
	{ password: 'qwertyuiop', problem: 'sequence', rule: 'the top keyboard row' },
	{ password: 'asdfghjkl;', problem: 'sequence', rule: 'the home row' },
	{ password: 'poiuytrewq', problem: 'sequence', rule: 'a keyboard row backwards' },
	{ password: 'qwertzuiop', problem: 'sequence', rule: 'a German keyboard row' },
	{ password: 'azertyuiop', problem: 'sequence', rule: 'a French keyboard row' },
	{ password: '1qaz2wsx3edc', problem: 'sequence', rule: 'keyboard columns' },
	{ password: 'zaq1xsw2cde3', problem: 'sequence', rule: 'keyboard columns upwards' },
	{ password: 'qwerty123456', problem: 'sequence', rule: 'two runs' },
	{ password: '!@#$%^&*()', problem: 'sequence', rule: 'the shifted digit row' },
	{ password: 'abc123xyz789', problem: 'sequence', rule: 'runs of three' },
	{ password: 'asdf1234!!', problem: 'sequence', rule: 'three runs, one a repeat' },
	{ password: 'defghijk99', problem: 'sequence', rule: 'a run plus a doubled digit' },
	{ password: 'ann.lee2024', problem: 'personal', rule: "the email's name plus digits" },
	{ password: 'AnnLee-1984!', problem: 'personal', rule: "the email's name without its dot" },
	{ password: '2024ann.lee!', problem: 'personal', rule: "digits before the email's name" },
	{ password: 'my ann.lee@example.org', problem: 'personal', rule: 'the whole email' },
	{ password: 'tend20252025', problem: 'personal', rule: 'the app name plus digits' },
	{ password: 'Tend!8304926', problem: 'personal', rule: 'the app name, any case' },
	{ password: 'basketball', problem: 'common', rule: 'a common password' },
	{ password: 'Password123', problem: 'common', rule: 'a common password, capitalised' },
	{ password: 'basketball2024!', problem: 'common', rule: 'a common password plus digits' },
	{ password: 'iloveyou12', problem: 'common', rule: 'a common password with digits' }
].map((row) => ({ email: EMAIL, ...row }) as PasswordCase);
