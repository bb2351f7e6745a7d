import { correction, generate } from 'lean-qr/nano';
import { describe, expect, it } from 'vitest';
import { CARD_LIMITS, codePointLength } from './card';
import LIMITS from './swap-limits.json';
import {
	EVENT_ID_PATTERN,
	MAX_CODE_BYTES,
	TOKEN_PATTERN,
	encodeSwapCode,
	type SwapCardText,
	type SwapCode,
	type SwapDecodeResult
} from './swap-payload';
import { decodeSwapCode } from './swap-decode';
import { prng } from '$lib/testing/prng';

const NOW = Date.UTC(2025, 10, 26, 12, 0, 0);
const ORIGIN = 'https://tend.example.org';
const EVENT = 'event0000000001';

function makeToken({ expiresAt = NOW + 30 * 86_400_000, keyVersion = 1 } = {}): string {
	const expiry = Math.floor(expiresAt / 1000).toString(36);
	return `abcdefghij12345.${keyVersion.toString(36)}.${expiry}.AbCdEfGhIjKlMnOpQrSt_-`;
}

function makeCode(
	card: Partial<SwapCardText> = {},
	origin = ORIGIN,
	token = makeToken(),
	event = ''
): string {
	const result = encodeSwapCode(
		origin,
		token,
		{ name: 'Ann Lee', headline: 'Robotics meetup host', company: 'Acme', ...card },
		event
	);
	if (!result.ok) throw new Error(result.message);
	return result.value;
}

const bytes = (text: string) => new TextEncoder().encode(text).length;
const decode = (text: unknown) => decodeSwapCode(text, { now: NOW, expectedOrigins: [ORIGIN] });

/** The codec's promise about every value it returns. */
function expectSafe(value: SwapCode): void {
	expect(value.version).toBe(1);
	expect(value.token).toMatch(TOKEN_PATTERN);
	expect(value.cardId).toBe(value.token.slice(0, 15));
	expect(value.expiresAt).toBeGreaterThanOrEqual(NOW);
	expect(value.origin).toMatch(/^https?:\/\/[^/]+$/);
	expect(value.name.trim()).not.toBe('');
	if (value.event !== '') expect(value.event).toMatch(EVENT_ID_PATTERN);
	for (const [field, max] of [
		['name', CARD_LIMITS.name],
		['headline', CARD_LIMITS.headline],
		['company', CARD_LIMITS.company]
	] as const) {
		const text = value[field];
		expect(codePointLength(text)).toBeLessThanOrEqual(max);
		expect(text).not.toMatch(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u);
		expect(text).toBe(text.normalize('NFC'));
	}
}

describe('encodeSwapCode', () => {
	it('writes the protocol text: origin, /c#, version 1 and ~-separated fields', () => {
		expect(makeCode({ name: 'Ann Lee', headline: 'Host', company: 'A~B' })).toBe(
			`${ORIGIN}/c#1~${makeToken()}~Ann%20Lee~Host~A%7EB`
		);
	});

	it('writes the current event as a sixth field', () => {
		expect(
			makeCode({ name: 'Ann Lee', headline: 'Host', company: 'A~B' }, ORIGIN, undefined, EVENT)
		).toBe(`${ORIGIN}/c#1~${makeToken()}~Ann%20Lee~Host~A%7EB~${EVENT}`);
	});

	it.each([
		['too short', 'event000000001'],
		['upper case', 'EVENT0000000001'],
		['a separator', 'event000000~001'],
		['a path', '../../000000001']
	])('leaves out an event id with %s (the code still swaps, unfiled)', (_, event) => {
		expect(makeCode({ name: 'Ann', headline: '', company: '' }, ORIGIN, undefined, event)).toBe(
			`${ORIGIN}/c#1~${makeToken()}~Ann~~`
		);
	});

	it('leaves out the event rather than refuse when the origin leaves room for a name only', () => {
		// 130 characters: room for a name of one character, not for the event's 16 bytes besides.
		const origin = `https://${'a'.repeat(60)}.${'b'.repeat(57)}.org`;
		expect(origin).toHaveLength(130);
		const code = makeCode({ name: 'Ann', headline: '', company: '' }, origin, undefined, EVENT);
		expect(bytes(code)).toBeLessThanOrEqual(MAX_CODE_BYTES);
		expect(decodeSwapCode(code, { now: NOW })).toMatchObject({ ok: true, value: { event: '' } });
	});

	it.each([
		['ftp://x.org', 'bad_origin'],
		['javascript:alert(1)//', 'bad_origin'],
		['https://user@x.org', 'bad_origin'],
		['https://x.org/app', 'bad_origin'],
		['http://127.0.0.1:99999', 'bad_origin'],
		['http://999.1.1.1', 'bad_origin'],
		['http://127.0A.1', 'bad_origin']
	])('refuses origin %s', (origin, reason) => {
		const result = encodeSwapCode(origin, makeToken(), { name: 'A', headline: '', company: '' });
		expect(result).toMatchObject({ ok: false, reason });
	});

	it('refuses a malformed token and a card without a name', () => {
		const card = { name: 'Ann', headline: '', company: '' };
		expect(encodeSwapCode(ORIGIN, 'abc', card)).toMatchObject({ ok: false, reason: 'bad_token' });
		expect(encodeSwapCode(ORIGIN, makeToken(), { ...card, name: ' \n ' })).toMatchObject({
			ok: false,
			reason: 'no_name'
		});
	});

	it('refuses when the origin leaves no room for a name', () => {
		const origin = `https://${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(9)}.org`;
		expect(
			encodeSwapCode(origin, makeToken(), { name: 'Ann', headline: '', company: '' })
		).toMatchObject({ ok: false, reason: 'too_long' });
	});

	const max = (unit: string) => ({
		name: unit.repeat(CARD_LIMITS.name),
		headline: unit.repeat(CARD_LIMITS.headline),
		company: unit.repeat(CARD_LIMITS.company)
	});
	it.each([
		['ASCII', max('a')],
		['percent signs', max('%')],
		['tildes', max('~')],
		['emoji', max('😀')],
		['skin-tone emoji', max('👍🏽')],
		['accents', max('é')],
		['CJK', max('名')],
		['RTL', max('ש')]
	])('keeps a maximum-size card of %s within 200 bytes, and it still decodes', (_, card) => {
		for (const origin of [
			ORIGIN,
			'http://127.0.0.1:8090',
			'https://a-long-name.tend.example.org'
		]) {
			for (const event of ['', EVENT]) {
				const code = makeCode(card, origin, undefined, event);
				expect(bytes(code)).toBeLessThanOrEqual(MAX_CODE_BYTES);
				const result = decodeSwapCode(code, { now: NOW });
				expect(result.ok).toBe(true);
				if (!result.ok) continue;
				expectSafe(result.value);
				expect(card.name.startsWith(result.value.name)).toBe(true);
				expect(result.value.name.length).toBeGreaterThan(0);
				expect(result.value.event).toBe(event);
			}
		}
	});

	it('gives the name about twice the room of headline and company when it must shorten', () => {
		const result = decode(makeCode(max('a')));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const { name, headline, company } = result.value;
		expect(name.length).toBeGreaterThanOrEqual(2 * headline.length - 2);
		expect(Math.abs(headline.length - company.length)).toBeLessThanOrEqual(1);
	});

	it('never splits an emoji, a flag or a combining accent when it shortens', () => {
		const family = '👩‍👩‍👧‍👦';
		const result = decode(makeCode({ name: family.repeat(20), headline: '🇩🇪'.repeat(60) }));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.name).toMatch(new RegExp(`^(${family})+$`, 'u'));
		expect(result.value.headline).toMatch(/^(🇩🇪)*$/u);
	});

	it('encodes a maximum-size code as QR version 10 or lower at error correction M', () => {
		for (const event of ['', EVENT]) {
			const code = makeCode(max('a'), 'https://a-long-name.tend.example.org', undefined, event);
			expect(bytes(code)).toBeGreaterThan(190);
			// The encoder the app draws its code with (QrCode.svelte).
			const qr = generate(code, { minCorrectionLevel: correction.M });
			expect((qr.size - 17) / 4).toBeLessThanOrEqual(LIMITS.maxQrVersion);
		}
	});
});

describe('decodeSwapCode round trip', () => {
	it.each([
		'Zoë Ångström',
		'José Müller-Łukasiewicz',
		'🧑🏽‍💻 Dev',
		'a~b~c',
		'100% sure',
		'#1 fan?&x=y',
		'מרים כהן',
		'عائشة',
		'O’Brien & <Co> "quoted"',
		'山田 太郎',
		"it's (fine)*!"
	])('%s comes back exactly', (name) => {
		const result = decode(makeCode({ name, headline: '', company: name }));
		expect(result).toMatchObject({
			ok: true,
			value: { name, headline: '', company: name, isExpectedOrigin: true }
		});
	});

	it('returns the event a six-field code carries, and none for a five-field one', () => {
		expect(decode(makeCode({}, ORIGIN, undefined, EVENT))).toMatchObject({
			ok: true,
			value: { name: 'Ann Lee', company: 'Acme', event: EVENT }
		});
		expect(decode(makeCode())).toMatchObject({ ok: true, value: { event: '' } });
	});

	it('returns the token parts and the expiry', () => {
		const expiresAt = NOW + 3_600_000;
		const token = makeToken({ expiresAt, keyVersion: 40 });
		const result = decode(makeCode({}, ORIGIN, token));
		expect(result).toMatchObject({
			ok: true,
			value: { token, cardId: 'abcdefghij12345', keyVersion: 40, expiresAt, origin: ORIGIN }
		});
	});

	it('cleans what it writes: NFC, one line, no control or bidi-override characters', () => {
		const result = decode(
			makeCode({
				name: ' e\u0301 \t Lee\n\u202Eevil\u0000 ',
				headline: 'a\r\nb',
				company: '\uD800x'
			})
		);
		expect(result).toMatchObject({
			ok: true,
			value: { name: 'é Lee evil', headline: 'a b', company: 'x' }
		});
	});

	it('returns NFC text even when the code carries decomposed accents', () => {
		const result = decode(`${ORIGIN}/c#1~${makeToken()}~Zoe%CC%88~~`);
		expect(result).toMatchObject({ ok: true, value: { name: 'Zo\u00eb' } });
	});

	it('accepts another origin but says so, and tolerates surrounding whitespace', () => {
		const code = makeCode({}, 'http://192.168.1.20:8090');
		const result = decode(`\n ${code} \r\n`);
		expect(result).toMatchObject({
			ok: true,
			value: { origin: 'http://192.168.1.20:8090', isExpectedOrigin: false }
		});
	});
});

describe('decodeSwapCode refusals', () => {
	const valid = makeCode();
	const payload = valid.slice(valid.indexOf('#') + 1);
	const token = makeToken();
	const rows: [string, string, RegExp][] = [
		['WIFI:S:Home;T:WPA;P:secret;;', 'not_tend', /Wi-Fi/],
		['MECARD:N:Lee,Ann;TEL:123;;', 'not_tend', /contact card/],
		['BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD', 'not_tend', /contact card/],
		['javascript:alert(document.cookie)', 'not_tend', /script/],
		['  JaVaScRiPt:alert(1)', 'not_tend', /script/],
		['data:text/html;base64,PHNjcmlwdD4=', 'not_tend', /script or a file/],
		['https://example.org/some/page', 'not_tend', /web page/],
		['mailto:ann@x.org', 'not_tend', /email/],
		['hello world', 'not_tend', /not a Tend card/],
		['', 'not_tend', /not a Tend card/],
		[`ftp://x.org/c#${payload}`, 'not_tend', /not a Tend card/],
		[`https://user:pw@x.org/c#${payload}`, 'not_tend', /web page/],
		[`https://x.org/C#${payload}`, 'not_tend', /web page/],
		[`https://x.org/c?x=1#${payload}`, 'not_tend', /web page/],
		['x'.repeat(3000), 'too_long', /far more/],
		[`${ORIGIN}/c#${payload}${'a'.repeat(200)}`, 'too_long', /far more/],
		[`${ORIGIN}/c#2~${token}~a~b~c`, 'unknown_version', /newer version/],
		[`${ORIGIN}/c#01~${token}~a~b~c`, 'malformed', /damaged/],
		[`${ORIGIN}/c#~${token}~a~b~c`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a~b`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a~b~c~d`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a~b~c~`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a~b~c~${EVENT.slice(1)}`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a~b~c~${EVENT}x`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a~b~c~${EVENT.toUpperCase()}`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a~b~c~${EVENT.replace('e', '%65')}`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a~b~c~${EVENT}~${EVENT}`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~~b~c`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~%20~b~c`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a%2~b~c`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a%C3~b~c`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a%ED%A0%80~b~c`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a%0A~b~c`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a%E2%80%AE~b~c`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a b~b~c`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~a<b~b~c`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~${'a'.repeat(81)}~~`, 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token}~Zo%C3%AB~b~c`.replace('/c#', '/c#\u00e9'), 'malformed', /damaged/],
		[`${ORIGIN}/c#1~${token.slice(0, -1)}~a~b~c`, 'bad_token', /changed/],
		[`${ORIGIN}/c#1~${token.replace('abc', 'ABC')}~a~b~c`, 'bad_token', /changed/],
		[`${ORIGIN}/c#1~${token}x~a~b~c`, 'bad_token', /changed/],
		[`${ORIGIN}/c#1~${makeToken({ expiresAt: NOW - 1000 })}~a~b~c`, 'expired', /expired/]
	];
	const cases = rows.map(([text, reason, message]) => ({
		text,
		reason,
		message,
		shown: JSON.stringify(text.length > 90 ? `${text.slice(0, 90)}…` : text)
	}));
	for (const { text, reason, message, shown } of cases) {
		it(`${shown} → ${reason}`, () => {
			const result = decode(text);
			expect(result).toMatchObject({ ok: false, reason });
			if (!result.ok) expect(result.message).toMatch(message);
		});
	}

	it('refuses what is not a string', () => {
		for (const input of [undefined, null, 42, {}, ['x']]) {
			expect(decode(input)).toMatchObject({ ok: false, reason: 'malformed' });
		}
	});
});

describe('decodeSwapCode fuzz', () => {
	const random = prng(0x7e4d);
	const int = (n: number) => Math.floor(random() * n);
	const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
	const valid = makeCode(
		{ name: 'Zoë 😀 Lee', headline: 'a~b 100%', company: 'מרים' },
		ORIGIN,
		undefined,
		EVENT
	);
	const junkChars = [
		'\u0000',
		'\n',
		'\u202E',
		'\uD800',
		'\uDC00',
		'\uFEFF',
		'%',
		'~',
		'#',
		'😀',
		'é',
		'<'
	];
	const randomChar = () =>
		random() < 0.5
			? String.fromCharCode(32 + int(95))
			: random() < 0.5
				? pick(junkChars)
				: String.fromCodePoint(int(0x110000) & ~0x800);

	const generators: readonly [string, () => string][] = [
		[
			'random bytes',
			() => String.fromCharCode(...Array.from({ length: int(300) }, () => int(256)))
		],
		['truncation', () => valid.slice(0, int(valid.length))],
		[
			'tampering',
			() => {
				const at = int(valid.length);
				return valid.slice(0, at) + randomChar() + valid.slice(at + 1);
			}
		],
		[
			'insertion',
			() => {
				const at = int(valid.length);
				return valid.slice(0, at) + randomChar() + valid.slice(at);
			}
		],
		['3 KB blob', () => valid + 'A'.repeat(3000 + int(100))],
		[
			'foreign scheme',
			() => pick(['javascript:', 'data:', 'WIFI:', 'MECARD:', 'BEGIN:VCARD\n', 'vbscript:']) + valid
		],
		['unicode junk', () => Array.from({ length: 1 + int(80) }, randomChar).join('')],
		[
			'junk payload',
			() => `${ORIGIN}/c#1~${makeToken()}~${Array.from({ length: int(40) }, randomChar).join('')}~~`
		],
		[
			'percent-encoded junk',
			() => {
				const field = () =>
					Array.from(new TextEncoder().encode(Array.from({ length: int(12) }, randomChar).join('')))
						.map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`)
						.join('');
				return `${ORIGIN}/c#1~${makeToken()}~${field()}~${field()}~${field()}`;
			}
		],
		[
			'nested encoding',
			() =>
				pick([
					encodeURIComponent(valid),
					encodeURI(valid),
					btoa(valid),
					`${ORIGIN}/c#${encodeURIComponent(valid)}`,
					valid.replace(/%/g, '%25')
				])
		]
	];

	it('survives 2,000 generated bad inputs: no exception, and every accepted value is safe', () => {
		const outcomes: Record<string, number> = {};
		for (let i = 0; i < 2000; i++) {
			const [kind, generate] = generators[i % generators.length] as [string, () => string];
			const input = generate();
			let result: SwapDecodeResult | undefined;
			expect(() => (result = decode(input)), `${kind}: ${JSON.stringify(input)}`).not.toThrow();
			if (result?.ok) expectSafe(result.value);
			const key = `${kind}:${result?.ok ? 'ok' : result?.reason}`;
			outcomes[key] = (outcomes[key] ?? 0) + 1;
		}
		// The generators must really produce refusals of each kind, not only harmless variants.
		for (const reason of ['not_tend', 'too_long', 'malformed', 'bad_token']) {
			expect(
				Object.keys(outcomes).some((k) => k.endsWith(`:${reason}`)),
				reason
			).toBe(true);
		}
		expect(outcomes['3 KB blob:too_long']).toBe(2000 / generators.length);
	});
});

describe('decodeSwapCode on hostile origins', () => {
	const token = makeToken();
	const codeAt = (origin: string) => `${origin}/c#1~${token}~Mallory~~`;
	const reasons = ['not_tend', 'too_long', 'malformed', 'unknown_version', 'bad_token', 'expired'];

	/** Every result has exactly the promised shape: a safe value, or a reason with a sentence. */
	function expectWellFormed(result: SwapDecodeResult, input: string): void {
		if (result.ok) {
			expect(Object.keys(result).sort(), input).toEqual(['ok', 'value']);
			expectSafe(result.value);
			// The origin is what a browser would open: parsing it again changes nothing.
			expect(new URL(result.value.origin).origin, input).toBe(result.value.origin);
			return;
		}
		expect(Object.keys(result).sort(), input).toEqual(['message', 'ok', 'reason']);
		expect(reasons, input).toContain(result.reason);
		expect(result.message, input).toMatch(/^[A-Z].{10,}\.$/);
	}

	// Each of these passes the ORIGIN pattern and makes `new URL()` throw "Invalid URL".
	it.each([
		'http://127.0.0.1:99999',
		'https://tend.example.org:65536',
		'http://999.1.1.1',
		'http://256.0.0.1',
		'http://127.0A.1',
		'http://1.2.3.4.5',
		'http://12345678901',
		'http://0x100000000',
		'http://[::1::]',
		'http://[1.2.3]',
		'http://[12345::]',
		'http://xn--a'
	])('refuses a code whose origin %s no browser can open, with a sentence', (origin) => {
		expect(() => new URL(origin)).toThrow();
		expect(decode(codeAt(origin))).toEqual({
			ok: false,
			reason: 'not_tend',
			message: 'This code points at a web address that cannot exist, so it is not a Tend card.'
		});
	});

	it.each([
		['http://127.0.0.1:8090', 'http://127.0.0.1:8090'],
		['HTTPS://TEND.Example.ORG:443', 'https://tend.example.org'],
		['http://0x7f.1', 'http://127.0.0.1'],
		['http://[::1]:8090', 'http://[::1]:8090']
	])('reads a code at %s as the origin a browser opens, %s', (origin, opened) => {
		expect(decode(codeAt(origin))).toMatchObject({ ok: true, value: { origin: opened } });
	});

	it.each([
		['https://ann@tend.example.org', /web page/],
		['https://tend.example.org:8090:1', /web page/],
		['https://tënd.example.org', /damaged/],
		['https://t%65nd.example.org', /web page/],
		['https://', /not a Tend card/],
		['https://:8090', /web page/]
	])('refuses a code at %s', (origin, message) => {
		const result = decode(codeAt(origin));
		expect(result).toMatchObject({ ok: false });
		if (!result.ok) expect(result.message).toMatch(message);
	});

	it('survives 3,000 host and port mutations of a valid code: no exception, every result well formed', () => {
		const random = prng(0x0419);
		const int = (n: number) => Math.floor(random() * n);
		const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
		const hex = (n: number) => Array.from({ length: n }, () => int(16).toString(16)).join('');
		const octet = () => pick([int(256), 256 + int(800), int(10), 255, 0, 4294967296]);
		const label = () =>
			pick(['tend', 'a', 'xn--', 'xn--ls8h', '-x', 'x-', '0', '09', '0x7f', 'A1', 'ü', '%41', '']) +
			(random() < 0.2 ? 'a'.repeat(int(70)) : '');
		const hosts: readonly (() => string)[] = [
			() => Array.from({ length: 1 + int(6) }, octet).join('.'),
			() =>
				Array.from({ length: 1 + int(5) }, () =>
					pick([String(octet()), `0x${hex(1 + int(9))}`, `0${int(800)}`])
				).join('.'),
			() => String(int(2 ** 36)),
			() =>
				`[${Array.from({ length: int(10) }, () => pick([hex(int(6)), '', '.', '1.2.3.4'])).join(':')}]`,
			() =>
				`[${pick(['::1', '::', '::ffff:127.0.0.1', 'fe80::1', '1:2:3:4:5:6:7:8', '1::2::3', '::1.2.3.999'])}]`,
			() => Array.from({ length: 1 + int(5) }, label).join('.'),
			() =>
				pick([
					'tënd.org',
					'xn--tnd-jla.org',
					'例え.jp',
					't%65nd.org',
					'%00',
					'\u0000x',
					'a..b',
					'.',
					''
				]),
			() =>
				`${pick(['ann', 'ann:pw', '', ':'])}@${pick(['tend.example.org', '127.0.0.1', '[::1]'])}`,
			() => pick(['localhost', 'tend.example.org', '127.0.0.1', '[::1]'])
		];
		const ports = [
			() => '',
			() => `:${int(100000)}`,
			() => `:${65535 + int(3)}`,
			() => `:${pick(['', '0', '00080', '-1', '+80', '8090:1', 'http', '٨٠'])}`
		];
		const outcomes: Record<string, number> = {};
		for (let i = 0; i < 3000; i++) {
			const scheme =
				random() < 0.9
					? pick(['https://', 'http://'])
					: pick(['HTTP://', 'ftp://', 'https:/', 'https:///']);
			const origin = scheme + pick(hosts)() + pick(ports)();
			const input = codeAt(origin);
			let result: SwapDecodeResult | undefined;
			expect(() => (result = decode(input)), input).not.toThrow();
			if (!result) throw new Error(`no result for ${input}`);
			expectWellFormed(result, input);
			const key = result.ok ? 'ok' : result.message;
			outcomes[key] = (outcomes[key] ?? 0) + 1;
		}
		// The mutations must reach each outcome often: read, cannot exist, and not a Tend code at all.
		expect(outcomes.ok).toBeGreaterThan(100);
		expect(
			outcomes['This code points at a web address that cannot exist, so it is not a Tend card.']
		).toBeGreaterThan(100);
		expect(outcomes['This is a link to a web page, not a Tend card.']).toBeGreaterThan(100);
	});
});
