// Test-side swap tokens, signed with the test server's secret read from its data folder:
// lets tests make expired or missing-card tokens, and proves the format in docs/protocol.md
// independently of the server's code.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/** Signs `<cardId>.<keyVersion>.<expiry>` exactly as docs/protocol.md describes. */
export function signToken(cardId: string, keyVersion: number, expirySeconds: number): string {
	const secret = readFileSync(join(inject('pbDataDir'), 'tend_swap_secret.key'), 'utf8').trim();
	const body = `${cardId}.${keyVersion.toString(36)}.${expirySeconds.toString(36)}`;
	const sig = createHmac('sha256', secret)
		.update(body)
		.digest()
		.subarray(0, 16)
		.toString('base64url');
	return `${body}.${sig}`;
}

/** Now, in unix seconds. */
export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}
