/**
 * Sources that exercise what differs between parsers: optional chains, `export * as`, line
 * terminators (CRLF, CR, U+2028/9 inside strings and comments), non-ASCII and astral text before a
 * node's offset, JSX, decorators, TypeScript-only forms, `.d.ts`, scripts, syntax errors and Flow.
 * `fixtures/babel-facts.json` holds what the Babel-based analysis found in each.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: source texts under analysis, not templates.
export const PARSER_CASES: readonly (readonly [string, string])[] = [
  [
    'src/chains.js',
    "import { f, g } from './f';\napp?.get('/x', h);\np?.then(f);\na.b?.c.then(g);\n(a?.b).then(h);\nx?.y.z.get('/r', h);\nq.r?.().then(f);\nf?.();\ng();\nrouter.get?.('/y', h);\ndescribe?.('t', () => {});\n",
  ],
  [
    'src/exports.ts',
    "export * as ns from './ns';\nexport * from './all';\nexport { a as 'b c', d } from 'm';\nexport default function () {}\nexport default class {}\nimport x = require('./y');\nexport = x;\nexport { e, f as g };\nexport type { T } from './t';\nexport declare const k: number;\nexport enum E { A }\nexport interface I {}\nexport type U = 1;\nexport function h(): void;\nexport function h(a?: number) {}\nexport abstract class C {}\nexport let l1 = 1, l2 = 2;\nexport const { d1 } = o;\n",
  ],
  [
    'bin/cli.js',
    "#!/usr/bin/env node\r\n'use strict';\r\nconst s = 'a\u2028b';\r\nconst t = `x\u2029y`;\r\n// c\u2028omment\rfunction one() {}\rmodule.exports = one;\nexports.two = 2;\nconst z = require('./z');\nserver.listen(80);\nreturn;\n",
  ],
  [
    'src/unicode.ts',
    "const é = 'ü😀😀😀';\nexport function ñandú() { return `😀${é}`; }\n/* 😀\n😀 */ export class Ω {}\nconst password = 'hunter2hunter2';\nconst apiKey = \"sk-1234567890abcdef\";\n",
  ],
  [
    'src/risks.js',
    "const q = `SELECT * FROM users WHERE id = ${id}`;\nconst r = 'select a from b where c = ' + id + ' and d';\nconst s = sql`SELECT * FROM t WHERE id = ${id}`;\neval(code);\neval('1');\nnew Function(body);\nexec(`rm -rf ${dir}`);\nexecSync('ls ' + dir);\nconst agent = { rejectUnauthorized: false, strictSSL: false, token: 'abcdefghijkl', 1: 'x', ['k']: 'v' };\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nthis.secret = 'abcdefgh12345';\nfetchIt().then(done);\nclass K { #p = 1; has(o) { return #p in o + 'select x from y' + v; } }\nconst big = 10n + 'select a from b' + v;\nconst re = /select a from b/ + v;\n",
  ],
  [
    'src/app.jsx',
    "import React from 'react';\nimport { Button } from './button';\nexport const App = () => <div a=\"b\"><Button onClick={() => go()} /></div>;\nexport default App;\nnew Button();\nnew Button();\napp.get(\n  '/multi',\n  handler,\n);\nemitter.on('event', '/path', h);\nemitter.on('/p2', h);\n",
  ],
  [
    'src/view.tsx',
    "import type { P } from './p';\nimport { useState } from 'react';\n@decorate class Dec { @field x = 1; }\nexport function View<T,>(p: P): JSX.Element { const [s] = useState<T>(); return <span>{s as any}</span>; }\n",
  ],
  [
    'src/spec.test.ts',
    "import { describe, it, expect } from 'vitest';\ndescribe('suite', () => {\n  it.only('one', () => {});\n  test.skip(`two`, () => {});\n  describe.each([1])('each %s', () => {});\n  it(\n    'multi line title',\n    () => {},\n  );\n" +
      Array.from({ length: 32 }, (_, i) => `  it('t${i}', () => expect(1).toBe(1));\n`).join('') +
      '});\n',
  ],
  [
    'types/api.d.ts',
    "declare function f(a: string): void;\ndeclare const v: number;\nexport declare class A {}\ndeclare module 'x' { export function g(): void; }\nexport interface I { a: string }\nexport as namespace NS;\n",
  ],
  ['src/broken.js', 'function ( {\n'],
  ['src/redeclared.js', 'let a = 1;\nlet a = 2;\nexport function b() {}\n'],
  [
    'src/flow.js',
    "// @flow\nimport type { T } from './t';\nexport function f(x: number, y?: string): string { return ''; }\nexport type A = {| a: number |};\nfunction g(x: ?number): void {}\n",
  ],
  ['src/flow2.js', '/* @flow */\nexport function f<T>(x: T): T { return x; }\nexport class C<T> { p: T; }\n'],
  ['src/script.cjs', 'with (obj) { x(); }\nvar await = 1;\nconst o = 010;\nmodule.exports = { a };\n'],
  [
    'src/module.mjs',
    "import a from './a.mjs';\nawait a();\nexport { a };\nlabel: for (;;) { break label; }\n",
  ],
  [
    'src/ts-misc.mts',
    "import fs = require('fs');\nconst x = y!.z.then(f);\nconst w = <T,>(a: T) => a;\nnamespace N { export const n = 1; }\nabstract class B { abstract m(): void; }\nenum Color { Red }\nconst c = obj satisfies T;\nlet v = a?.b!.c();\n",
  ],
  [
    'src/semicolon.ts',
    "import a from './a.mjs';\nqxport async function h(x: number) {}\nexport const y = 1;\n",
  ],
  ['src/words.js', 'a b c;\nexport function z() {}\nx = a\n(b) c\nlet u = 1\nlet v = 2 let w = 3\n'],
  ['src/invalid.js', 'é😀 b c;\nexport function z() {}\n'],
  ['src/fatal.ts', 'export function f() { return 1 +; }\nexport function g() {}\n'],
];

/** The other paths of the cases' workspace (targets their imports resolve to). */
export const PARSER_CASE_PATHS: readonly string[] = [
  ...PARSER_CASES.map(([path]) => path),
  'src/f.js',
  'src/ns.ts',
  'src/all.ts',
  'src/y.ts',
  'src/button.jsx',
  'src/z.js',
  'src/a.mjs',
];
