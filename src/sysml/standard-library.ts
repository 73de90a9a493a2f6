/**
 * The SysML v2 standard library of the release (`src/sysml/corpus/sysml.library/`, EPL-2.0), parsed on
 * demand: a model gets the library packages it names, and the packages those import, transitively.
 */
import { readFileSync } from 'node:fs';
import type { SysmlDocument } from './ast.js';
import { listModelFiles, STANDARD_LIBRARY_ROOT } from './corpus-files.js';
import { parseSysml } from './parse-sysml.js';
import { namesUsedBy } from './used-names.js';

/** The library base type of each kind, for definitions and usages that specialize nothing explicitly. */
export const implicitBaseTypes: Readonly<Record<string, string>> = {
  part: 'Parts::Part',
  item: 'Items::Item',
  port: 'Ports::Port',
  attribute: 'Base::DataValue',
  enum: 'Base::DataValue',
  occurrence: 'Occurrences::Occurrence',
  event: 'Occurrences::Occurrence',
  snapshot: 'Occurrences::Occurrence',
  timeslice: 'Occurrences::Occurrence',
  action: 'Actions::Action',
  state: 'States::StateAction',
  calc: 'Calculations::Calculation',
  constraint: 'Constraints::ConstraintCheck',
  requirement: 'Requirements::RequirementCheck',
  concern: 'Requirements::ConcernCheck',
  case: 'Cases::Case',
  analysis: 'AnalysisCases::AnalysisCase',
  verification: 'VerificationCases::VerificationCase',
  'use case': 'UseCases::UseCase',
  view: 'Views::View',
  viewpoint: 'Views::ViewpointCheck',
  rendering: 'Views::Rendering',
  connection: 'Connections::Connection',
  interface: 'Interfaces::Interface',
  allocation: 'Allocations::Allocation',
  flow: 'Flows::Message',
  message: 'Flows::Message',
  metadata: 'Metadata::MetadataItem',
  binding: 'Links::SelfLink',
  succession: 'Occurrences::HappensBefore',
  // KerML (KerML 9.2: the implicit specializations of the Kernel Semantic Library).
  type: 'Base::Anything',
  classifier: 'Base::Anything',
  datatype: 'Base::DataValue',
  class: 'Occurrences::Occurrence',
  struct: 'Objects::Object',
  assoc: 'Links::Link',
  behavior: 'Performances::Performance',
  function: 'Performances::Evaluation',
  predicate: 'Performances::BooleanEvaluation',
  interaction: 'Transfers::Transfer',
  metaclass: 'Metaobjects::Metaobject',
  step: 'Performances::Performance',
  expr: 'Performances::Evaluation',
  bool: 'Performances::BooleanEvaluation',
  inv: 'Performances::BooleanEvaluation',
  connector: 'Links::Link',
};

/** The library base of an action written with a body keyword: `action snd send x to y;`. */
export const actionBaseTypes: Readonly<Record<string, string>> = {
  send: 'Actions::SendAction',
  accept: 'Actions::AcceptAction',
  assign: 'Actions::AssignmentAction',
};

/** The feature every feature implicitly subsets (KerML 9.2.2.2.2): its `that` and `self` are visible in all. */
export const implicitFeatureBase = 'Base::things';

interface LibraryIndex {
  /** Top-level package name → the file that declares it. */
  files: Map<string, string>;
  parsed: Map<string, SysmlDocument>;
}

let index: LibraryIndex | undefined;

const packagePattern =
  /^\s*(?:standard\s+)?library\s+package\s+(?:<[^>]*>\s*)?('(?:[^'\\]|\\.)*'|[A-Za-z_][A-Za-z0-9_]*)/m;

/** Scans the library folder once; the files are parsed only when a model needs them. */
function libraryIndex(): LibraryIndex {
  if (index) return index;
  const files = new Map<string, string>();
  for (const path of listModelFiles(STANDARD_LIBRARY_ROOT)) {
    const match = packagePattern.exec(readFileSync(path, 'utf8'));
    const name = match?.[1]?.replace(/^'|'$/g, '');
    if (name !== undefined) files.set(name, path);
  }
  index = { files, parsed: new Map() };
  return index;
}

/** Names of every package of the standard library (`ScalarValues`, `ISQ`, `Parts`, …). */
export function standardLibraryPackageNames(): string[] {
  return [...libraryIndex().files.keys()].sort();
}

/** True for a standard-library package name. */
export function isStandardLibraryPackage(name: string): boolean {
  return libraryIndex().files.has(name);
}

function parsedPackage(name: string): SysmlDocument | undefined {
  const library = libraryIndex();
  const cached = library.parsed.get(name);
  if (cached) return cached;
  const path = library.files.get(name);
  if (path === undefined) return undefined;
  const { document } = parseSysml(readFileSync(path, 'utf8'), { file: path });
  library.parsed.set(name, document);
  return document;
}

/**
 * The library documents that `documents` need: the packages their names start with, the packages of
 * the implicit base types, and every package those name in turn, transitively.
 */
export function standardLibraryFor(documents: readonly SysmlDocument[]): SysmlDocument[] {
  const library = libraryIndex();
  const wanted: string[] = [];
  const seen = new Set<string>();
  const want = (name: string): void => {
    if (!seen.has(name) && library.files.has(name)) {
      seen.add(name);
      wanted.push(name);
    }
  };
  const scan = (document: SysmlDocument): void => {
    for (const name of namesUsedBy(document)) want(name);
  };
  for (const base of [...Object.values(implicitBaseTypes), implicitFeatureBase])
    want(base.split('::')[0] as string);
  for (const document of documents) scan(document);
  const result: SysmlDocument[] = [];
  for (let position = 0; position < wanted.length; position += 1) {
    const document = parsedPackage(wanted[position] as string);
    if (!document) continue;
    result.push(document);
    scan(document);
  }
  return result;
}
