// The password rule: 10 to 71 characters and none of the shapes attackers try first (one piece
// repeated, runs like 12345 or qwerty, the email's name or the app's name with digits around it,
// a very common password). The server's hook applies the same rule, rule for rule and message
// for message (pocketbase/pb_hooks/lib/password.js); the table in password-cases.ts runs against
// both. The common list is a separate file the caller loads (lazily: it is 10 KB gzipped).
import {
	PASSWORD_MAX,
	PASSWORD_MIN,
	PASSWORD_TOO_LONG,
	PASSWORD_TOO_SHORT
} from './password-length';

export type PasswordProblem = 'short' | 'long' | 'repeated' | 'sequence' | 'personal' | 'common';

const ADVICE = 'pick a longer phrase only you would think of.';

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
	short: PASSWORD_TOO_SHORT,
	long: PASSWORD_TOO_LONG,
	repeated: `Repeating a few characters (like abcabc) is guessed quickly; ${ADVICE}`,
	sequence: `Runs like 12345, abcde or qwerty are guessed quickly; ${ADVICE}`,
	personal: `A password made of your email's name or the app's name is guessed quickly; ${ADVICE}`,
	common: `This password is on lists attackers try first; ${ADVICE}`
};

/** Keyboard rows and columns, the alphabet and the digits (forwards; backwards is checked too). */
const RUNS = [
	'01234567890',
	'abcdefghijklmnopqrstuvwxyz',
	'`1234567890-=',
	'~!@#$%^&*()_+',
	'qwertyuiop[]\\',
	"asdfghjkl;'",
	'zxcvbnm,./',
	'qwertzuiop',
	'yxcvbnm',
	'azertyuiop',
	'qsdfghjklm',
	'wxcvbn',
	'1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/',
	'qazwsxedcrfvtgbyhnujmik,ol.p;/',
	'1q2w3e4r5t6y7u8i9o0p',
	'q1w2e3r4t5y6u7i8o9p0'
];
const ALL_RUNS = RUNS.concat(RUNS.map((run) => [...run].reverse().join('')));
/** ASCII digits, punctuation and spaces: what people put around a word to "strengthen" it. */
const FILLER = /^[\s0-9!-/:-@[-`{-~]+|[\s0-9!-/:-@[-`{-~]+$/g;
const PUNCTUATION = /[\s!-/:-@[-`{-~]/g;

/** The longest piece of `text` at `start` that is part of one run, or one character repeated. */
function runLengthAt(text: string, start: number): number {
	const first = text.charAt(start);
	let longest = 1;
	while (text.charAt(start + longest) === first) longest++;
	for (const run of ALL_RUNS) {
		for (let at = run.indexOf(first); at >= 0; at = run.indexOf(first, at + 1)) {
			let length = 0;
			while (start + length < text.length && run[at + length] === text[start + length]) length++;
			longest = Math.max(longest, length);
		}
	}
	return longest;
}

/** True when `text` is at most three runs, or runs of at least three characters each. */
function isRuns(text: string): boolean {
	const n = text.length;
	const fewest: number[] = [0]; // fewest pieces covering text[0, i)
	const byThrees: boolean[] = [true]; // text[0, i) is covered by pieces of 3 or more
	for (let i = 1; i <= n; i++) {
		fewest.push(Infinity);
		byThrees.push(false);
	}
	for (let start = 0; start < n; start++) {
		if (fewest[start] === Infinity) continue;
		const longest = runLengthAt(text, start);
		for (let length = 1; length <= longest; length++) {
			const end = start + length;
			fewest[end] = Math.min(fewest[end]!, fewest[start]! + 1);
			if (length >= 3 && byThrees[start]) byThrees[end] = true;
		}
	}
	return fewest[n]! <= 3 || byThrees[n]!;
}

/** True when `text` is a piece of fewer than 10 characters repeated (at least twice). */
function isRepeated(text: string): boolean {
	const chars = [...text];
	if (new Set(chars).size < 4) return true;
	for (let unit = 1; unit < PASSWORD_MIN && unit * 2 <= chars.length; unit++) {
		let isPeriodic = true;
		for (let i = unit; i < chars.length && isPeriodic; i++) {
			if (chars[i] !== chars[i - unit]) isPeriodic = false;
		}
		if (isPeriodic) return true;
	}
	return false;
}

/** The words a guesser tries first for this person: the email's name and the app's name. */
function personalWords(email: string): string[] {
	const name = email.toLowerCase().split('@')[0] ?? '';
	const words = ['tend', name.replace(FILLER, ''), name.replace(PUNCTUATION, '')];
	return words.filter((word) => [...word].length >= 3);
}

/**
 * What is wrong with a new password, or null when it is fine. `email` is the account's address;
 * `common` the list from common-passwords.json (without it that one check is skipped).
 */
export function passwordProblem(
	password: string,
	email: string,
	common?: ReadonlySet<string>
): PasswordProblem | null {
	const length = [...password].length;
	if (length < PASSWORD_MIN) return 'short';
	if (length > PASSWORD_MAX) return 'long';
	const lower = password.toLowerCase();
	if (isRepeated(lower)) return 'repeated';
	if (isRuns(lower)) return 'sequence';
	const core = lower.replace(FILLER, '');
	const words = personalWords(email);
	if (
		words.includes(core) ||
		words.includes(core.replace(PUNCTUATION, '')) ||
		(email.length >= 3 && lower.includes(email.toLowerCase()))
	) {
		return 'personal';
	}
	if (common && (common.has(lower) || ([...core].length >= PASSWORD_MIN && common.has(core)))) {
		return 'common';
	}
	return null;
}
