import { describe, expect, it } from 'vitest';
import type { Digest } from '../contracts/digest.js';
import { buildDigest } from './build-digest.js';
import { sampleRun } from './fixtures/sample-run.js';
import { escapeMarkdownText, renderDigestMarkdown } from './render-digest-markdown.js';

const HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) &amp;';

describe('workspace text in digest.md', () => {
  it('escapes HTML and link syntax, keeping the text readable', () => {
    expect(escapeMarkdownText(HOSTILE)).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; \\[click\\](javascript:alert(3)) &amp;amp;',
    );
  });

  it('lets no raw tag from a claim, a note, a blocker or the objective into the Markdown', () => {
    const digest: Digest = buildDigest(sampleRun());
    const hostile: Digest = {
      ...digest,
      objective: `${digest.objective} ${HOSTILE}`,
      bluf: digest.bluf.map((line) => `${line} ${HOSTILE}`),
      decision_matrix: {
        ...digest.decision_matrix,
        rows: digest.decision_matrix.rows.map((row) => row.map((cell) => `${cell}\n${HOSTILE}`)),
      },
      notes: digest.notes.map((note) => ({ ...note, text: `${note.text} ${HOSTILE}` })),
      blockers: [HOSTILE],
      partial: true,
      partial_reason: HOSTILE,
    };
    const markdown = renderDigestMarkdown(hostile);
    expect(markdown).not.toMatch(/<script|<img|(?<!\\)\]\(javascript/);
    expect(markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The table's own line breaks are still the only raw tag, and the verdict is still bold.
    expect(markdown.match(/<[a-z]+/g)?.every((tag) => tag === '<br')).toBe(true);
    expect(markdown).toContain(`**${digest.verdict}**`);
  });
});
