/** The pages of the dashboard: each is a static shell whose script fills it from the JSON API. */
export const PAGES = {
  missions: { title: 'Missions', script: 'missions-page.js' },
  mission: { title: 'Mission', script: 'mission-page.js', vendor: '/vendor/mermaid.min.js' },
  trace: { title: 'Trace', script: 'trace-page.js' },
  clarify: { title: 'New mission', script: 'clarify-page.js' },
  ssot: { title: 'SSOT diagrams', script: 'ssot-page.js', vendor: '/vendor/mermaid.min.js' },
} as const;

export type PageName = keyof typeof PAGES;

/**
 * The HTML of a page. It holds no data at all: every value (objectives, claims, evidence text) is
 * put in by the page's script with `textContent`, so nothing a model or a workspace wrote can
 * become markup, and the content security policy forbids inline scripts besides.
 */
export function renderPage(name: PageName): string {
  const page: { title: string; script: string; vendor?: string } = PAGES[name];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · swarmlord</title>
<link rel="stylesheet" href="/assets/dashboard.css">
${page.vendor === undefined ? '' : `<script src="${page.vendor}"></script>\n`}<script type="module" src="/assets/${page.script}"></script>
</head>
<body>
<header class="top"><a href="/" class="brand">swarmlord</a><nav aria-label="Main"><a href="/">Missions</a> <a href="/new">New mission</a> <a href="/ssot">SSOT diagrams</a></nav></header>
<main id="main" data-page="${name}"><p class="muted" id="loading">Loading…</p></main>
</body>
</html>
`;
}
