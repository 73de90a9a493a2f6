import type { ImportDeclaration, Node } from 'oxc-parser';
import { makeFact } from './make-fact.js';
import type { ParsedSource } from './parse-source.js';
import type { SourceFact } from './source-fact.js';

interface Declared {
  kind: string;
  names: string[];
}

function describeDeclaration(node: Node): Declared | undefined {
  switch (node.type) {
    case 'FunctionDeclaration':
    case 'TSDeclareFunction':
      return node.id ? { kind: 'function', names: [node.id.name] } : undefined;
    case 'ClassDeclaration':
      return node.id ? { kind: 'class', names: [node.id.name] } : undefined;
    case 'TSInterfaceDeclaration':
      return { kind: 'interface', names: [node.id.name] };
    case 'TSTypeAliasDeclaration':
      return { kind: 'type', names: [node.id.name] };
    case 'TSEnumDeclaration':
      return { kind: 'enum', names: [node.id.name] };
    case 'VariableDeclaration': {
      const names = node.declarations.flatMap((item) =>
        item.id.type === 'Identifier' ? [item.id.name] : [],
      );
      return names.length > 0 ? { kind: node.kind, names } : undefined;
    }
    default:
      return undefined;
  }
}

function importedNames(node: ImportDeclaration): string[] {
  return node.specifiers.map((specifier) => specifier.local.name);
}

/** The fact of `export { a, b }` or `export { a } from "m"` (none when nothing is named). */
function namedExports(
  path: string,
  line: number,
  endLine: number,
  names: string[],
  source: string | undefined,
  resolveSpecifier: (specifier: string) => string | undefined,
): SourceFact[] {
  if (names.length === 0) return [];
  // Past five names, "and others" (as imports say it: no standalone ellipsis, no count).
  const shown = `${names.slice(0, 5).join(', ')}${names.length > 5 ? ' and others' : ''}`;
  const statementText =
    source === undefined ? `${path} exports ${shown}` : `${path} re-exports ${shown} from "${source}"`;
  const target = source === undefined ? undefined : resolveSpecifier(source);
  return [
    makeFact('exports', path, line, statementText, source === undefined ? names : [...names, source], {
      endLine,
      ...(target === undefined ? {} : { target }),
    }),
  ];
}

/**
 * What a module defines, exports and imports, from its top-level statements. Imports name their
 * specifier as written (`"./router"`), so the statement's words occur in the cited line.
 */
export function extractModuleFacts(
  path: string,
  parsed: ParsedSource,
  resolveSpecifier: (specifier: string) => string | undefined,
): SourceFact[] {
  const facts: SourceFact[] = [];
  for (const statement of parsed.program.body) {
    const line = parsed.lineAt(statement.start);
    if (statement.type === 'ImportDeclaration') {
      const specifier = statement.source.value;
      const names = importedNames(statement);
      // Past four names, "and others": an ellipsis standing alone reads as omitted content to the
      // Verify gate's placeholder check, and a count would be a number the cited line must hold.
      const what =
        names.length > 0
          ? `${names.slice(0, 4).join(', ')}${names.length > 4 ? ' and others' : ''} from`
          : '';
      const target = resolveSpecifier(specifier);
      facts.push(
        makeFact(
          'imports',
          path,
          line,
          `${path} imports ${what} "${specifier}"`.replace('  ', ' '),
          [specifier, ...names],
          {
            endLine: parsed.lineAt(statement.end),
            ...(target === undefined ? {} : { target }),
          },
        ),
      );
      continue;
    }
    if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') {
      const inner = statement.declaration;
      const declared = inner ? describeDeclaration(inner) : undefined;
      if (declared !== undefined) {
        const prefix = statement.type === 'ExportDefaultDeclaration' ? 'exports default' : 'exports';
        facts.push(
          makeFact(
            'exports',
            path,
            line,
            `${path} ${prefix} ${declared.kind} ${declared.names.join(', ')}`,
            declared.names,
          ),
        );
        continue;
      }
      if (statement.type === 'ExportNamedDeclaration') {
        const names = statement.specifiers.map((specifier) =>
          specifier.exported.type === 'Identifier'
            ? specifier.exported.name
            : String(specifier.exported.value),
        );
        facts.push(
          ...namedExports(
            path,
            line,
            parsed.lineAt(statement.end),
            names,
            statement.source?.value,
            resolveSpecifier,
          ),
        );
      }
      continue;
    }
    if (statement.type === 'ExportAllDeclaration') {
      const source = statement.source.value;
      // `export * as ns from "m"` names what it exports: stated as the named re-export it is.
      if (statement.exported !== null) {
        const name =
          statement.exported.type === 'Identifier'
            ? statement.exported.name
            : String(statement.exported.value);
        facts.push(
          ...namedExports(path, line, parsed.lineAt(statement.end), [name], source, resolveSpecifier),
        );
        continue;
      }
      const target = resolveSpecifier(source);
      facts.push(
        makeFact('exports', path, line, `${path} re-exports everything from "${source}"`, [source], {
          ...(target === undefined ? {} : { target }),
        }),
      );
      continue;
    }
    const declared = describeDeclaration(statement);
    // Top-level functions and classes are the module's own parts; plain variables are too many to state.
    if (declared !== undefined && ['function', 'class', 'interface', 'enum'].includes(declared.kind)) {
      facts.push(
        makeFact(
          'defines',
          path,
          line,
          `${path} defines ${declared.kind} ${declared.names.join(', ')}`,
          declared.names,
        ),
      );
    }
  }
  return facts;
}
