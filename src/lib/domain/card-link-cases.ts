// Link targets and whether they are allowed. The same table runs against src/lib/domain/card.ts
// (unit) and against the server's hook (integration), so the two rules cannot drift apart.

export interface LinkCase {
	url: string;
	isValid: boolean;
	/** The rule this row checks. */
	rule: string;
}

export const LINK_CASES: readonly LinkCase[] = [
	{ url: 'https://example.org', isValid: true, rule: 'https web address' },
	{ url: 'http://example.org/a?b=c#d', isValid: true, rule: 'http with query and fragment' },
	{ url: 'HTTPS://EXAMPLE.ORG/Ann', isValid: true, rule: 'scheme is case-insensitive' },
	{ url: 'https://www.linkedin.com/in/ann-lee', isValid: true, rule: 'linkedin profile' },
	{ url: 'https://例え.jp/パス', isValid: true, rule: 'non-ASCII host and path' },
	{ url: 'https://x.org/a,b;c', isValid: true, rule: 'commas and semicolons in a path' },
	{ url: 'mailto:ann@example.org', isValid: true, rule: 'mailto' },
	{ url: 'MAILTO:ann@example.org?subject=hi', isValid: true, rule: 'mailto with subject' },
	{ url: 'tel:+49 30 1234567', isValid: true, rule: 'tel with country code and spaces' },
	{ url: 'tel:(030) 123-45.67/8', isValid: true, rule: 'tel punctuation' },
	{ url: 'tel:123', isValid: true, rule: 'tel of 3 characters' },
	{ url: 'tel:' + '1'.repeat(30), isValid: true, rule: 'tel of 30 characters' },
	{ url: 'https://x.org/' + 'a'.repeat(286), isValid: true, rule: 'exactly 300 characters' },
	{ url: 'https://x.org/' + 'a'.repeat(287), isValid: false, rule: '301 characters' },
	{ url: 'tel:' + '1'.repeat(31), isValid: false, rule: 'tel of 31 characters' },
	{ url: 'tel:12', isValid: false, rule: 'tel of 2 characters' },
	{ url: 'tel:+', isValid: false, rule: 'tel with only a plus' },
	{ url: 'tel:0800-FLOWERS', isValid: false, rule: 'letters in tel' },
	{ url: 'tel:123;ext=4', isValid: false, rule: 'tel parameters' },
	{ url: '', isValid: false, rule: 'empty' },
	{ url: 'https://', isValid: false, rule: 'scheme only' },
	{ url: 'mailto:', isValid: false, rule: 'mailto without address' },
	{ url: 'example.org', isValid: false, rule: 'no scheme' },
	{ url: '//example.org', isValid: false, rule: 'protocol-relative' },
	{ url: 'javascript:alert(1)', isValid: false, rule: 'javascript:' },
	{ url: 'JavaScript:alert(1)', isValid: false, rule: 'javascript: in mixed case' },
	{ url: ' javascript:alert(1)', isValid: false, rule: 'javascript: after a space' },
	{ url: 'data:text/html,<script>alert(1)</script>', isValid: false, rule: 'data:' },
	{ url: 'vbscript:msgbox(1)', isValid: false, rule: 'vbscript:' },
	{ url: 'file:///etc/passwd', isValid: false, rule: 'file:' },
	{ url: 'ftp://example.org', isValid: false, rule: 'ftp:' },
	{ url: 'https://x.org/a b', isValid: false, rule: 'space in a web address' },
	{ url: 'https://x.org/a\tb', isValid: false, rule: 'tab in a web address' },
	{ url: 'https://x.org\n', isValid: false, rule: 'trailing newline' },
	{ url: 'https://x.org\njavascript:alert(1)', isValid: false, rule: 'newline then script' },
	{ url: ' https://x.org', isValid: false, rule: 'leading space' },
	{ url: 'https://x.org/"onmouseover="alert(1)', isValid: false, rule: 'double quote' },
	{ url: 'https://x.org/<script>', isValid: false, rule: 'angle brackets' },
	{ url: 'https://x.org/\u00a0a', isValid: false, rule: 'no-break space' },
	{ url: 'https://x.org/\u2028a', isValid: false, rule: 'line separator' },
	{ url: 'mailto:ann@x.org other', isValid: false, rule: 'space in mailto' }
];
