// A known issue's tracking issue as the config may write it: 123, '#123', 'owner/repo#123' or an issue URL.

import type { IssueRef } from './types.js';

const NAME = '[A-Za-z0-9_.-]+';
const SHORT = new RegExp(`^(?:(${NAME}/${NAME}))?#(\\d+)$`);
const URL_FORM = new RegExp(`^(https://[A-Za-z0-9.-]+(?::\\d+)?)/(${NAME}/${NAME})/issues/(\\d+)/?$`);

/** The reference, or null when it is none of the accepted forms. */
export function parseIssueRef(value: string | number): IssueRef | null {
  if (typeof value === 'number') return { text: `#${value}`, repo: null, number: value, url: null };
  const text = value.trim();
  const short = SHORT.exec(text);
  if (short) {
    const repo = short[1] ?? null;
    const number = Number(short[2]);
    return {
      text: repo ? `${repo}#${number}` : `#${number}`,
      repo,
      number,
      url: null,
    };
  }
  const url = URL_FORM.exec(text);
  if (url) {
    const number = Number(url[3]);
    return { text: `${url[2]}#${number}`, repo: url[2]!, number, url: `${url[1]}/${url[2]}/issues/${number}` };
  }
  return null;
}

/** Where the analysis is published: `#123` is an issue of this repository. */
export interface RepositoryPlace {
  serverUrl: string;
  repo: string;
}

/** The link of a reference: its own URL, else on the server of the repository the analysis belongs to. */
export function resolveIssueRef(ref: IssueRef, repository: RepositoryPlace | null): IssueRef {
  if (ref.url) return ref;
  const repo = ref.repo ?? repository?.repo;
  if (!repo) return ref;
  const server = repository?.serverUrl ?? 'https://github.com';
  return { ...ref, url: `${server}/${repo}/issues/${ref.number}` };
}
