// Credentials of every kind the redaction must catch, in their real shapes but made up at run time from a
// seeded generator: no credential-shaped literal is ever committed (GitHub's own push protection would rightly
// stop it), and no value is real.

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}-_`;
const B64 = `${ALNUM}+/`;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

export interface FakeCredential {
  /** The kind the redaction names it (`[redacted:<kind>]`). */
  kind: string;
  /** What must never appear in any output. */
  value: string;
  /** A realistic line that carries it. */
  line: string;
}

export function fakeCredentials(seed = 7): FakeCredential[] {
  let state = seed >>> 0 || 1;
  const pick = (alphabet: string, n: number) =>
    Array.from({ length: n }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return alphabet[state % alphabet.length];
    }).join('');
  const anthropic = `sk-${'ant'}-api03-${pick(B64URL, 93)}AA`;
  const openai = `sk-${'proj'}-${pick(B64URL, 74)}T3BlbkFJ${pick(B64URL, 74)}`;
  const ghClassic = `gh${'p'}_${pick(ALNUM, 36)}`;
  const ghFine = `github${'_pat'}_11${pick(UPPER, 20)}_${pick(ALNUM, 59)}`;
  const ghApp = `gh${'s'}_${pick(ALNUM, 36)}`;
  const awsKeyId = `AK${'IA'}${pick(BASE32, 16)}`;
  const slack = `xo${'xb'}-${pick(DIGITS, 13)}-${pick(DIGITS, 13)}-${pick(ALNUM, 24)}`;
  const huggingFace = `h${'f'}_${pick(LETTERS, 34)}`;
  const bearer = pick(ALNUM, 40);
  const password = `${pick(ALNUM, 12)}!9`;
  const envKey = pick(ALNUM, 32);
  const pem = [
    `-----BEGIN RSA ${'PRIVATE'} KEY-----`,
    ...(`MIIEowIBAAKCAQEA${pick(B64, 300)}`.match(/.{1,64}/g) ?? []),
    `-----END RSA ${'PRIVATE'} KEY-----`,
  ].join('\n');
  return [
    {
      kind: 'anthropic-api-key',
      value: anthropic,
      line: `anthropic.AuthenticationError: Error code: 401 - invalid x-api-key ${anthropic}`,
    },
    {
      kind: 'openai-api-key',
      value: openai,
      line: `openai.AuthenticationError: Incorrect API key provided: ${openai}.`,
    },
    {
      kind: 'github-token',
      value: ghClassic,
      line: `fatal: Authentication failed for 'https://github.com/acme/widgets.git' using ${ghClassic}`,
    },
    { kind: 'github-token', value: ghFine, line: `GH_PAT ${ghFine} is expired` },
    {
      kind: 'github-token',
      value: ghApp,
      line: `fatal: unable to access 'https://x-access-token:${ghApp}@github.com/acme/widgets.git/': The requested URL returned error: 403`,
    },
    {
      kind: 'aws-access-key-id',
      value: awsKeyId,
      line: `botocore.exceptions.ClientError: InvalidClientTokenId: The security token ${awsKeyId} is invalid`,
    },
    {
      kind: 'slack-token',
      value: slack,
      line: `slack_sdk.errors.SlackApiError: invalid_auth for token ${slack}`,
    },
    {
      kind: 'huggingface-token',
      value: huggingFace,
      line: `requests.exceptions.HTTPError: 401 Client Error for https://huggingface.co/api/whoami-v2 token=${huggingFace}`,
    },
    { kind: 'authorization-header', value: bearer, line: `request headers: {'Authorization': 'Bearer ${bearer}'}` },
    { kind: 'secret-assignment', value: envKey, line: `environment: JUDGE_API_KEY=${envKey} RUNS=3` },
    { kind: 'secret-assignment', value: password, line: `config: {'db': 'eval', 'PASSWORD': '${password}'}` },
    { kind: 'private-key', value: pem, line: `ValueError: could not load key:\n${pem}` },
  ];
}

/** Every line of a value too: a multi-line key must not survive in pieces either. */
export function plantedPieces(credentials: readonly FakeCredential[]): string[] {
  return credentials.flatMap((c) => [
    c.value,
    ...c.value.split('\n').filter((l) => l.length >= 24 && !l.includes('-----')),
  ]);
}
