import { correction, generate } from 'lean-qr/nano';
import { describe, expect, it } from 'vitest';
import { CARD_LIMITS, codePointLength } from './card';
import LIMITS from './swap-limits.json';
import {
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

function makeToken({ expiresAt = NOW + 30 * 86_400_000, keyVersion = 1 } = {}): string {
	const expiry = Math.floor(expiresAt / 1000).toString(36);
	return `abcdefghij12345.${keyVersion.toString(36)}.${expiry}.AbCdEfGhIjKlMnOpQrSt_-`;
}

function makeCode(card: Partial<SwapCardText> = {}, origin = ORIGIN, token = makeToken()): string {
	const result = encodeSwapCode(origin, token, {
		name: 'Ann Lee',
		headline: 'Robotics meetup host',
		company: 'Acme',
		...card
	});
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

	it.each([
		['ftp://x.org', 'bad_origin'],
		['javascript:alert(1)//', 'bad_origin'],
		['https://user@x.org', 'bad_origin'],
		['https://x.org/app', 'bad_origin']
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
			const code = makeCode(card, origin);
			expect(bytes(code)).toBeLessThanOrEqual(MAX_CODE_BYTES);
			const result = decodeSwapCode(code, { now: NOW });
			expect(result.ok).toBe(true);
			if (!result.ok) continue;
			expectSafe(result.value);
			expect(card.name.startsWith(result.value.name)).toBe(true);
			expect(result.value.name.length).toBeGreaterThan(0);
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
		const code = makeCode(max('a'), 'https://a-long-name.tend.example.org');
		expect(bytes(code)).toBeGreaterThan(190);
		// The encoder the app draws its code with (QrCode.svelte).
		const qr = generate(code, { minCorrectionLevel: correction.M });
		expect((qr.size - 17) / 4).toBeLessThanOrEqual(LIMITS.maxQrVersion);
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
	const valid = makeCode({ name: 'Zoë 😀 Lee', headline: 'a~b 100%', company: 'מרים' });
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
