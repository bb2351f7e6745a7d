import { describe, expect, it } from 'vitest';
import { prng } from '$lib/testing/prng';
import {
	JOIN_CODE_ALPHABET,
	JOIN_CODE_LENGTH,
	decodeScannedText,
	displayJoinCode,
	encodeEventLink,
	isJoinCode,
	normaliseJoinCode,
	type ScannedCode
} from './event-code';
import { TOKEN_PATTERN, encodeSwapCode } from './swap-payload';

const NOW = Date.UTC(2026, 8, 12, 9, 0, 0);
const ORIGIN = 'https://tend.example.org';
const CODE = 'ABCD2345';
const LINK = `${ORIGIN}/join#${CODE}`;
const EVENT = 'event0000000001';

function makeToken(expiresAt = NOW + 30 * 86_400_000): string {
	return `abcdefghij12345.1.${Math.floor(expiresAt / 1000).toString(36)}.AbCdEfGhIjKlMnOpQrSt_-`;
}

/** A person's code, as their phone shows it. */
function personCode(origin = ORIGIN, event = '', token = makeToken()): string {
	const result = encodeSwapCode(
		origin,
		token,
		{ name: 'Ann Lee', headline: '', company: '' },
		event
	);
	if (!result.ok) throw new Error(result.message);
	return result.value;
}

const scan = (text: unknown) => decodeScannedText(text, { expectedOrigins: [ORIGIN], now: NOW });

/** What every result must be: a valid event code, a safe person's code, or junk with a sentence. */
function expectWellFormed(result: ScannedCode, input: string): void {
	if (result.kind === 'event') {
		expect(Object.keys(result).sort(), input).toEqual([
			'code',
			'isExpectedOrigin',
			'kind',
			'origin'
		]);
		expect(isJoinCode(result.code), input).toBe(true);
		expect(new URL(result.origin).origin, input).toBe(result.origin);
	} else if (result.kind === 'person') {
		expect(result.value.token, input).toMatch(TOKEN_PATTERN);
		expect(result.value.name.trim(), input).not.toBe('');
	} else {
		expect(Object.keys(result).sort(), input).toEqual(['kind', 'message', 'reason']);
		expect(result.message, input).toMatch(/^[A-Z].{10,}\.$/);
	}
}

describe('normaliseJoinCode', () => {
	it.each([
		['as printed', 'ABCD2345'],
		['in lower case', 'abcd2345'],
		['with spaces around and inside', '  abcd 2345 \n'],
		['with a dash', 'ABCD-2345'],
		['with an en dash (a phone’s autocorrect)', 'ABCD–2345'],
		['with dots', 'AB.CD.23.45'],
		['in full-width characters', 'ＡＢＣＤ２３４５'],
		['as a pasted poster link', 'https://tend.example.org/join#abcd2345'],
		['as it is displayed', displayJoinCode(CODE)]
	])('reads a code typed %s', (_, typed) => {
		expect(normaliseJoinCode(typed)).toEqual({ ok: true, code: CODE });
	});

	it.each([
		['', 'empty', /Type the event’s code/],
		['  \t ', 'empty', /Type the event’s code/],
		['ABCO2345', 'look_alike', /letter O/],
		['ABC02345', 'look_alike', /digit 0/],
		['abcl2345', 'look_alike', /letter L/],
		['ABCI2345', 'look_alike', /letter I/],
		['ABC12345', 'look_alike', /digit 1/],
		['ABCD234!', 'bad_character', /not “!”/],
		['ABCDÉ234', 'bad_character', /not “É”/],
		['ABCD😀234', 'bad_character', /not “😀”/],
		['ABCD\u0000234', 'bad_character', /digits 2 to 9\.$/],
		['ABC', 'too_short', /has 8 characters; this has 3\./],
		['ABCD-234', 'too_short', /this has 7\./],
		['ABCD23456', 'too_long', /this has 9\./],
		['A'.repeat(500), 'too_long', /far longer/]
	])('refuses %j: %s', (typed, reason, message) => {
		const result = normaliseJoinCode(typed);
		expect(result).toMatchObject({ ok: false, reason });
		if (!result.ok) {
			expect(result.message).toMatch(message);
			expect(result.message).toMatch(/^[A-Z].{10,}\.$/);
		}
	});

	it('names the first character that is wrong, not the length, when both are', () => {
		expect(normaliseJoinCode('HELLO')).toMatchObject({ ok: false, reason: 'look_alike' });
	});

	it('refuses what is not a string as nothing typed', () => {
		for (const value of [undefined, null, 42, {}, ['ABCD2345']]) {
			expect(normaliseJoinCode(value)).toMatchObject({ ok: false, reason: 'empty' });
		}
	});

	it('reads back any code of the alphabet, however a person spaces, dashes or cases it', () => {
		const random = prng(0x10c0de);
		const int = (n: number) => Math.floor(random() * n);
		for (let i = 0; i < 500; i++) {
			const code = Array.from(
				{ length: JOIN_CODE_LENGTH },
				() => JOIN_CODE_ALPHABET[int(JOIN_CODE_ALPHABET.length)]
			).join('');
			const typed = [...code]
				.map((c) => (random() < 0.5 ? c.toLowerCase() : c) + ['', '', ' ', '-', '.'][int(5)])
				.join('');
			expect(normaliseJoinCode(typed), typed).toEqual({ ok: true, code });
			expect(normaliseJoinCode(displayJoinCode(code))).toEqual({ ok: true, code });
		}
	});

	it('never throws on 2,000 random strings, and every code it returns is a join code', () => {
		const random = prng(0x7e12);
		const int = (n: number) => Math.floor(random() * n);
		const pieces = [...JOIN_CODE_ALPHABET, 'O', '0', 'l', ' ', '-', '.', '#', '\u0000', '😀', 'ß'];
		let accepted = 0;
		for (let i = 0; i < 2000; i++) {
			const typed =
				random() < 0.5
					? Array.from({ length: int(14) }, () => pieces[int(pieces.length)]).join('')
					: String.fromCodePoint(...Array.from({ length: int(12) }, () => int(0xd7ff)));
			let result: ReturnType<typeof normaliseJoinCode> | undefined;
			expect(() => (result = normaliseJoinCode(typed)), JSON.stringify(typed)).not.toThrow();
			if (result?.ok) {
				accepted++;
				expect(isJoinCode(result.code), typed).toBe(true);
			} else {
				expect(result?.message, typed).toMatch(/^[A-Z].{10,}\.$/);
			}
		}
		expect(accepted).toBeGreaterThan(0);
	});
});

describe('displayJoinCode', () => {
	it('splits a code in two halves, and leaves anything else as it is', () => {
		expect(displayJoinCode('ABCD2345')).toBe('ABCD-2345');
		expect(displayJoinCode('')).toBe('');
		expect(displayJoinCode('abcd2345')).toBe('abcd2345');
	});
});

describe('encodeEventLink', () => {
	it('writes the poster link: the origin, /join and the code in the fragment', () => {
		expect(encodeEventLink(ORIGIN, CODE)).toEqual({ ok: true, value: LINK });
		expect(encodeEventLink(`${ORIGIN}/`, CODE)).toEqual({ ok: true, value: LINK });
		expect(encodeEventLink('HTTP://127.0.0.1:8090', CODE)).toEqual({
			ok: true,
			value: `http://127.0.0.1:8090/join#${CODE}`
		});
	});

	it.each([
		['ftp://x.org', CODE, 'bad_origin'],
		['https://x.org/app', CODE, 'bad_origin'],
		['http://999.1.1.1', CODE, 'bad_origin'],
		[ORIGIN, '', 'no_code'],
		[ORIGIN, 'abcd2345', 'bad_code'],
		[ORIGIN, 'ABCD0345', 'bad_code'],
		[ORIGIN, 'ABCD23456', 'bad_code']
	])('refuses %s with code %j: %s', (origin, code, reason) => {
		const result = encodeEventLink(origin, code);
		expect(result).toMatchObject({ ok: false, reason });
		if (!result.ok) expect(result.message).toMatch(/^[A-Z].{10,}\.$/);
	});

	it('every code of the alphabet at several origins scans back as that event', () => {
		const random = prng(0x9057e4);
		const int = (n: number) => Math.floor(random() * n);
		const origins = [ORIGIN, 'http://127.0.0.1:8090', 'http://[::1]:8090', 'https://a-b.example'];
		for (let i = 0; i < 500; i++) {
			const code = Array.from(
				{ length: JOIN_CODE_LENGTH },
				() => JOIN_CODE_ALPHABET[int(JOIN_CODE_ALPHABET.length)]
			).join('');
			const origin = origins[i % origins.length] ?? ORIGIN;
			const link = encodeEventLink(origin, code);
			expect(link.ok).toBe(true);
			if (!link.ok) continue;
			expect(scan(link.value)).toEqual({
				kind: 'event',
				code,
				origin,
				isExpectedOrigin: origin === ORIGIN
			});
		}
	});
});

describe('decodeScannedText tells an event, a person and junk apart', () => {
	const events: [string, string, { code?: string; origin?: string; isExpectedOrigin?: boolean }][] =
		[
			['the poster link', LINK, { code: CODE, origin: ORIGIN, isExpectedOrigin: true }],
			['a code in lower case', `${ORIGIN}/join#abcd2345`, { code: CODE }],
			['a code with a dash', `${ORIGIN}/join#ABCD-2345`, { code: CODE }],
			[
				'a link a QR maker upper-cased',
				`HTTPS://TEND.EXAMPLE.ORG/JOIN#${CODE}`,
				{ origin: ORIGIN, isExpectedOrigin: true }
			],
			['a link with whitespace around it', `\n  ${LINK} \r\n`, { code: CODE }],
			['the default port spelt out', `${ORIGIN}:443/join#${CODE}`, { origin: ORIGIN }],
			[
				'another server’s poster (said so)',
				`http://192.168.1.20:8090/join#${CODE}`,
				{ origin: 'http://192.168.1.20:8090', isExpectedOrigin: false }
			]
		];
	it.each(events)('%s is an event', (_, text, expected) => {
		expect(scan(text)).toMatchObject({ kind: 'event', ...expected });
	});

	it('a person’s code is a person, with the event it carries or none', () => {
		expect(scan(personCode())).toMatchObject({
			kind: 'person',
			value: { name: 'Ann Lee', event: '', isExpectedOrigin: true }
		});
		expect(scan(personCode(ORIGIN, EVENT))).toMatchObject({
			kind: 'person',
			value: { name: 'Ann Lee', event: EVENT }
		});
		expect(scan(personCode('http://127.0.0.1:8090'))).toMatchObject({
			kind: 'person',
			value: { origin: 'http://127.0.0.1:8090', isExpectedOrigin: false }
		});
	});

	const junk: [string, unknown, string, RegExp][] = [
		['a join link with a look-alike', `${ORIGIN}/join#ABCO2345`, 'bad_event_code', /damaged/],
		['a join link with a short code', `${ORIGIN}/join#ABC`, 'bad_event_code', /damaged/],
		['a join link with a long code', `${ORIGIN}/join#ABCD23456`, 'bad_event_code', /damaged/],
		['a join link with no code', `${ORIGIN}/join#`, 'bad_event_code', /damaged/],
		['a join link with no fragment', `${ORIGIN}/join`, 'bad_event_code', /damaged/],
		[
			'a join link with the code in a query',
			`${ORIGIN}/join?code=${CODE}`,
			'bad_event_code',
			/poster/
		],
		['a join link with a query', `${ORIGIN}/join?x=1#${CODE}`, 'bad_event_code', /damaged/],
		['a join link with a slash', `${ORIGIN}/join/#${CODE}`, 'bad_event_code', /damaged/],
		['a join link with more path', `${ORIGIN}/join/more#${CODE}`, 'bad_event_code', /damaged/],
		['a join link with a query after the code', `${LINK}?x=1`, 'bad_event_code', /damaged/],
		[
			'a join link with a space in the code',
			`${ORIGIN}/join#ABCD 2345`,
			'bad_event_code',
			/damaged/
		],
		[
			'a join link with an encoded space',
			`${ORIGIN}/join#ABCD%202345`,
			'bad_event_code',
			/damaged/
		],
		['a join link with a control character', `${LINK}\u0000`, 'bad_event_code', /damaged/],
		['a join link with a bidi override', `${LINK}\u202E`, 'bad_event_code', /damaged/],
		['a join link with two fragments', `${LINK}#${CODE}`, 'bad_event_code', /damaged/],
		['a join link under another path', `${ORIGIN}/app/join#${CODE}`, 'not_tend', /web page/],
		['a page whose name starts with join', `${ORIGIN}/joinus#${CODE}`, 'not_tend', /web page/],
		['a join link with a user name', `https://ann@x.org/join#${CODE}`, 'not_tend', /web page/],
		[
			'a join link at an impossible address',
			`http://999.1.1.1/join#${CODE}`,
			'not_tend',
			/cannot exist/
		],
		['a join link over ftp', `ftp://x.org/join#${CODE}`, 'not_tend', /not a Tend/],
		['a script', `javascript:alert(1)//join#${CODE}`, 'not_tend', /script/],
		['an oversized join link', `${ORIGIN}/join#${'A'.repeat(300)}`, 'too_long', /far more/],
		['an oversized blob', 'x'.repeat(5000), 'too_long', /far more/],
		['a bare code', CODE, 'not_tend', /not a Tend/],
		['a Wi-Fi code', 'WIFI:S:Venue;T:WPA;P:secret;;', 'not_tend', /Wi-Fi/],
		['a web page', 'https://example.org/schedule', 'not_tend', /web page/],
		['nothing', '', 'not_tend', /not a Tend/],
		['a number', 42, 'malformed', /damaged/],
		[
			'an expired person’s code',
			personCode(ORIGIN, '', makeToken(NOW - 1000)),
			'expired',
			/expired/
		],
		['a person’s code with a bad event', `${personCode()}~EVENT`, 'malformed', /damaged/],
		['a control character before a link', `\u0000${LINK}`, 'not_tend', /not a Tend/]
	];
	it.each(junk)('%s is junk', (_, text, reason, message) => {
		const result = scan(text);
		expect(result).toMatchObject({ kind: 'junk', reason });
		if (result.kind === 'junk') expect(result.message).toMatch(message);
		expectWellFormed(result, String(text));
	});
});

describe('decodeScannedText fuzz (seeded)', () => {
	const random = prng(0x5ca9);
	const int = (n: number) => Math.floor(random() * n);
	const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
	const oddChars = [
		'\u0000',
		'\n',
		' ',
		'\u202E',
		'\uD800',
		'#',
		'?',
		'/',
		'~',
		'%',
		'O',
		'0',
		'é'
	];
	const randomChar = () =>
		random() < 0.5
			? String.fromCharCode(32 + int(95))
			: random() < 0.5
				? pick(oddChars)
				: String.fromCodePoint(int(0x110000) & ~0x800);
	const valid = [
		LINK,
		`http://127.0.0.1:8090/join#${CODE}`,
		personCode(),
		personCode(ORIGIN, EVENT)
	];
	const generators: readonly (() => string)[] = [
		() => String.fromCharCode(...Array.from({ length: int(300) }, () => int(256))),
		() => pick(valid).slice(0, int(80)),
		() => {
			const text = pick(valid);
			const at = int(text.length);
			return text.slice(0, at) + randomChar() + text.slice(at + 1);
		},
		() => {
			const text = pick(valid);
			const at = int(text.length);
			return text.slice(0, at) + randomChar() + text.slice(at);
		},
		() => `${ORIGIN}/join#${Array.from({ length: int(12) }, randomChar).join('')}`,
		() =>
			`${pick(['https://', 'http://', 'HTTPS://', 'ftp://'])}${pick(['tend.example.org', '999.1.1.1', '[::1]', 'a..b', ''])}${pick(['', ':8090', ':99999'])}/join#${CODE}`,
		() => pick(valid) + 'A'.repeat(int(400)),
		() => Array.from({ length: 1 + int(60) }, randomChar).join('')
	];

	it('3,000 generated inputs: no exception, every result well formed, each kind reached', () => {
		const kinds = new Set<string>();
		for (let i = 0; i < 3000; i++) {
			const input = (generators[i % generators.length] as () => string)();
			let result: ScannedCode | undefined;
			expect(() => (result = scan(input)), JSON.stringify(input)).not.toThrow();
			if (!result) throw new Error(`no result for ${input}`);
			expectWellFormed(result, input);
			kinds.add(result.kind === 'junk' ? `junk:${result.reason}` : result.kind);
		}
		for (const kind of [
			'event',
			'person',
			'junk:bad_event_code',
			'junk:not_tend',
			'junk:too_long'
		]) {
			expect(kinds, kind).toContain(kind);
		}
	});

	it('a changed character in a poster link never makes it a person’s code', () => {
		for (let at = 0; at < LINK.length; at++) {
			for (const char of ['c', '~', 'O', '#', '/', '\u0000', 'é']) {
				const result = scan(LINK.slice(0, at) + char + LINK.slice(at + 1));
				expect(result.kind, `${at} ${char}`).not.toBe('person');
				if (result.kind === 'event') expect(isJoinCode(result.code)).toBe(true);
			}
		}
	});
});
