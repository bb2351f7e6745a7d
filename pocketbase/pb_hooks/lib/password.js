// The password rule for new passwords (sign-up, password change, reset): none of the shapes
// attackers try first. The device applies the same rule, rule for rule and message for message
// (src/lib/domain/password.ts); the table in src/lib/domain/password-cases.ts runs against both.
// Length (10 to 71) is the users collection's own field rule; this only judges lengths within it.

const MIN = 10;
const MAX = 71;
const ADVICE = 'pick a longer phrase only you would think of.';

const MESSAGES = {
	repeated: 'Repeating a few characters (like abcabc) is guessed quickly; ' + ADVICE,
	sequence: 'Runs like 12345, abcde or qwerty are guessed quickly; ' + ADVICE,
	personal: "A password made of your email's name or the app's name is guessed quickly; " + ADVICE,
	common: 'This password is on lists attackers try first; ' + ADVICE
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
const ALL_RUNS = RUNS.concat(RUNS.map((run) => run.split('').reverse().join('')));
/** ASCII digits, punctuation and spaces: what people put around a word to "strengthen" it. */
const FILLER = new RegExp('^[\\s0-9!-/:-@[-`{-~]+|[\\s0-9!-/:-@[-`{-~]+$', 'g');
const PUNCTUATION = new RegExp('[\\s!-/:-@[-`{-~]', 'g');

/** @type {Set<string> | null} */
let common = null;

/**
 * The common passwords (10 to 71 characters, lowercased), read once per JS runtime.
 * @returns {Set<string>}
 */
function commonPasswords() {
	if (!common) {
		common = new Set(require(`${__hooks}/lib/common-passwords.json`));
	}
	return common;
}

/**
 * The characters of a string (code points, as PocketBase counts them).
 * @param {string} text
 * @returns {string[]}
 */
function charsOf(text) {
	return Array.from(text);
}

/**
 * The longest piece of `text` at `start` that is part of one run, or one character repeated.
 * @param {string} text
 * @param {number} start
 * @returns {number}
 */
function runLengthAt(text, start) {
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

/**
 * `list[i]`, or Infinity past its end.
 * @param {number[]} list
 * @param {number} i
 */
function at(list, i) {
	const value = list[i];
	return value === undefined ? Infinity : value;
}

/**
 * True when `text` is at most three runs, or runs of at least three characters each.
 * @param {string} text
 * @returns {boolean}
 */
function isRuns(text) {
	const n = text.length;
	const fewest = [0]; // fewest pieces covering text[0, i)
	const byThrees = [true]; // text[0, i) is covered by pieces of 3 or more
	for (let i = 1; i <= n; i++) {
		fewest.push(Infinity);
		byThrees.push(false);
	}
	for (let start = 0; start < n; start++) {
		const here = at(fewest, start);
		if (here === Infinity) continue;
		const longest = runLengthAt(text, start);
		for (let length = 1; length <= longest; length++) {
			const end = start + length;
			fewest[end] = Math.min(at(fewest, end), here + 1);
			if (length >= 3 && byThrees[start]) byThrees[end] = true;
		}
	}
	return at(fewest, n) <= 3 || byThrees[n] === true;
}

/**
 * True when `text` is a piece of fewer than 10 characters repeated (at least twice).
 * @param {string} text
 * @returns {boolean}
 */
function isRepeated(text) {
	const chars = charsOf(text);
	if (new Set(chars).size < 4) return true;
	for (let unit = 1; unit < MIN && unit * 2 <= chars.length; unit++) {
		let isPeriodic = true;
		for (let i = unit; i < chars.length && isPeriodic; i++) {
			if (chars[i] !== chars[i - unit]) isPeriodic = false;
		}
		if (isPeriodic) return true;
	}
	return false;
}

/**
 * The words a guesser tries first for this person: the email's name and the app's name.
 * @param {string} email
 * @returns {string[]}
 */
function personalWords(email) {
	const name = email.toLowerCase().split('@')[0] || '';
	const words = ['tend', name.replace(FILLER, ''), name.replace(PUNCTUATION, '')];
	return words.filter((word) => charsOf(word).length >= 3);
}

/**
 * What is wrong with a new password: null when it is fine (or outside 10 to 71 characters, which
 * the field itself refuses), else { code, message } for a validation error on `password`.
 * @param {string} password
 * @param {string} email
 * @returns {{ code: string, message: string } | null}
 */
function passwordProblem(password, email) {
	const length = charsOf(password).length;
	if (length < MIN || length > MAX) return null;
	const lower = password.toLowerCase();
	/** @type {'' | keyof typeof MESSAGES} */
	let problem = '';
	if (isRepeated(lower)) problem = 'repeated';
	else if (isRuns(lower)) problem = 'sequence';
	else {
		const core = lower.replace(FILLER, '');
		const words = personalWords(email);
		if (
			words.indexOf(core) >= 0 ||
			words.indexOf(core.replace(PUNCTUATION, '')) >= 0 ||
			(email.length >= 3 && lower.indexOf(email.toLowerCase()) >= 0)
		) {
			problem = 'personal';
		} else {
			const list = commonPasswords();
			if (list.has(lower) || (charsOf(core).length >= MIN && list.has(core))) problem = 'common';
		}
	}
	return problem ? { code: 'validation_password_' + problem, message: MESSAGES[problem] } : null;
}

module.exports = { passwordProblem, MESSAGES };
