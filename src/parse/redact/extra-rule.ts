// The credentials secretlint's recommended preset does not catch, as one more secretlint rule: tokens in URLs
// (any scheme, token-only userinfo, query parameters), Authorization and Bearer values, API-key headers,
// `*_KEY=` / `*_TOKEN=` / `*_SECRET=` / `PASSWORD=` assignments, private key blocks that are encrypted or cut
// short, `sk-` keys without the marker the preset insists on, and JSON Web Tokens. Messages never hold the
// value, so nothing downstream can print it.

import type { SecretLintRuleCreator } from '@secretlint/types';

export const EXTRA_RULE_ID = 'e2e-triage/credentials-extra';

const say = (what: string) => ({ en: () => `found ${what}` });
export const EXTRA_MESSAGES = {
  URL_PASSWORD: say('a credential in a URL'),
  URL_QUERY_SECRET: say('a credential in a URL query'),
  AUTH_HEADER: say('an Authorization header value'),
  BEARER: say('a Bearer token'),
  API_KEY_HEADER: say('an API key header value'),
  ASSIGNMENT: say('a secret assignment'),
  PRIVATE_KEY: say('a private key block'),
  SK_KEY: say('an sk- API key'),
  JWT: say('a JSON Web Token'),
};
export type ExtraMessageId = keyof typeof EXTRA_MESSAGES;

/** [message id, pattern, capture group holding the secret (0: the whole match)]. */
const PATTERNS: readonly (readonly [ExtraMessageId, RegExp, number])[] = [
  // scheme://user:PASSWORD@host and scheme://TOKEN@host; anchored on the literal "://".
  ['URL_PASSWORD', /:\/\/[^\s/?#@:"'<>]{1,256}:([^\s/?#@"'<>]{1,256})@/g, 1],
  ['URL_PASSWORD', /:\/\/([A-Za-z0-9_\-.~]{20,256})@/g, 1],
  [
    'URL_QUERY_SECRET',
    /[?&#;](?:access_token|refresh_token|id_token|token|api[_-]?key|apikey|key|secret|client_secret|password|passwd|pwd|auth|sig|signature|X-Amz-Signature|X-Amz-Security-Token|X-Goog-Signature|code)=([^&#\s"'<>]{6,})/gi,
    1,
  ],
  [
    'AUTH_HEADER',
    /\b(?:Proxy-)?Authorization\b["']?\s*[:=]\s*["']?(?:(?:Bearer|Basic|Token|token|Bot|Digest|Negotiate|OAuth|AWS4-HMAC-SHA256)\s+)?([^\s"',;}]{6,})/gi,
    1,
  ],
  ['BEARER', /\bBearer\s+([A-Za-z0-9\-._~+/]{8,}=*)/g, 1],
  [
    'API_KEY_HEADER',
    /\b(?:x-)?(?:api-?key|auth-?token|access-?token|goog-api-key)["']?\s*:\s*["']?([^\s"',;}@]{8,})/gi,
    1,
  ],
  // FOO_KEY=..., FOO_TOKEN: ..., "client_secret": "...", PASSWORD=..., password: ...; not placeholders or empty values.
  [
    'ASSIGNMENT',
    /(?:(?<![A-Za-z0-9])(?:key|pwd)|_key|_token|_secret|_pass|_pwd|_credentials?|password|passwd|secret|token|apikey|api-key)(?:\s*(?:=|:=|=>)\s*|["']\s*:\s*|:\s+)["']?((?![$<*[{%]|(?:undefined|null|none|true|false|enter|redacted)\b)[^\s"'`,;}]{4,})/gi,
    1,
  ],
  // A whole PEM private key block, or one cut short (no END line) up to where its base64 stops.
  [
    'PRIVATE_KEY',
    /-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,16000}?-----END[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s\\:,.-]*)/g,
    0,
  ],
  ['SK_KEY', /(?<![A-Za-z0-9_-])sk-(?:ant-[a-z]+\d*-|proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}/g, 0],
  ['JWT', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, 0],
];

export const extraRule: SecretLintRuleCreator = {
  messages: EXTRA_MESSAGES,
  meta: { id: EXTRA_RULE_ID, recommended: true, type: 'scanner', supportedContentTypes: ['text'] },
  create(context) {
    const t = context.createTranslator(EXTRA_MESSAGES);
    return {
      file(source) {
        for (const [id, pattern, group] of PATTERNS) {
          for (const m of source.content.matchAll(pattern)) {
            const value = m[group];
            if (value === undefined || m.index === undefined) continue;
            const start = m.index + (group === 0 ? 0 : m[0].lastIndexOf(value));
            context.report({ message: t(id), range: [start, start + value.length] });
          }
        }
      },
    };
  },
};
