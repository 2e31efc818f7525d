// Architecture invariants that lint cannot reach (STYLE 12; MCP SDK layeringInvariants.test.ts).
// @nx/enforce-module-boundaries only sees imports it can resolve in a project graph that exists;
// these tests read the repository from disk, so a project with a missing or misspelt tag, a
// subject written by hand outside the contracts, or an import of a package that has no entry point
// yet fails here too.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeHits,
  isTestPath,
  listExtraProjects,
  listProjects,
  listSourcePaths,
  packageOf,
  readSource,
  repoRoot,
  type Project,
} from './workspace.js';

// scope:system is the end-to-end tests/ project; eslint.config.mjs knows the same vocabulary.
const SCOPES = new Set(
  ['shared', 'edge', 'connector', 'auth', 'ops', 'simulator', 'system'].map((s) => `scope:${s}`),
);
const TYPES = new Set(['app', 'contracts', 'data-access', 'util', 'testing'].map((t) => `type:${t}`));

/** What the bus contract must never import (ARCHITECTURE "The bus contract"; STYLE 2). */
const CONTRACTS_BANNED = /^(?:@nestjs(?:\/|$)|nats(?:\/|$)|@nats-io(?:\/|$)|express(?:\/|$))/;

/**
 * A bus subject spelt out by hand: `gw.v1.…`, `${prefix}.v1.…`, `${anything}.v1.…`, or a piece
 * starting with `.v1.`. Subjects are built only by libs/contracts (STYLE 2).
 */
const SUBJECT_LITERAL = /\b(gw|\$\{?prefix\}?)\.v1\.|\$\{[^}]*\}\.v1\.|^['"`]\.v1\./;

/** Packages of the connector scope named by the architecture, also before their project exists. */
const KNOWN_CONNECTOR_PACKAGES = [
  '@mcp-gateway/connector-kit',
  '@mcp-gateway/homeassistant',
  '@mcp-gateway/erpnext',
  '@mcp-gateway/truenas',
  '@mcp-gateway/wave',
];
const EDGE_APPS = ['apps/mcp-front', 'apps/openai-front'];

interface Hit {
  path: string;
  line: number;
  text: string;
}

const projects = listProjects();
const allProjects = [...projects, ...listExtraProjects()];
const byPackage = new Map(
  allProjects.flatMap((project) => (project.packageName ? [[project.packageName, project] as const] : [])),
);

const tagsOf = (project: Project, prefix: 'scope:' | 'type:'): string[] =>
  project.tags.filter((tag) => tag.startsWith(prefix));
const hasTag = (project: Project, tag: string): boolean => project.tags.includes(tag);

/** Every import in the given projects' files whose specifier matches. */
function importsMatching(
  within: readonly Project[],
  matches: (specifier: string, path: string) => boolean,
  options: { includeTests: boolean } = { includeTests: true },
): Hit[] {
  return within.flatMap((project) =>
    listSourcePaths(project.root)
      .filter((path) => options.includeTests || !isTestPath(path))
      .flatMap((path) =>
        readSource(path)
          .imports.filter((imported) => matches(imported.text, path))
          .map((imported) => ({ path, line: imported.line, text: imported.text })),
      ),
  );
}

describe('architecture: the repository found from this file', () => {
  it('is the mcp-gateway root', () => {
    assert.ok(existsSync(join(repoRoot, 'nx.json')), `no nx.json at ${repoRoot}`);
    assert.ok(existsSync(join(repoRoot, 'libs', 'contracts')), `no libs/contracts at ${repoRoot}`);
  });
});

describe('architecture: projects and tags (STYLE 4)', () => {
  it('every project under apps/, libs/, simulators/ (and tools/, tests/) has a project.json with one scope:* and one type:* tag', () => {
    const problems = allProjects.flatMap((project) => {
      if (!project.hasProjectJson) return [`${project.root}: no project.json`];
      const scopes = tagsOf(project, 'scope:');
      const types = tagsOf(project, 'type:');
      const found: string[] = [];
      if (scopes.length !== 1)
        found.push(`${project.root}: ${scopes.length} scope:* tags [${scopes.join(', ')}]`);
      if (types.length !== 1)
        found.push(`${project.root}: ${types.length} type:* tags [${types.join(', ')}]`);
      return found;
    });
    assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
  });

  it('tags come from the known vocabulary (a misspelt tag escapes every depConstraint)', () => {
    const problems = allProjects.flatMap((project) =>
      project.tags
        .filter(
          (tag) =>
            (tag.startsWith('scope:') && !SCOPES.has(tag)) || (tag.startsWith('type:') && !TYPES.has(tag)),
        )
        .map((tag) => `${project.root}: unknown tag ${tag}`),
    );
    assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
  });

  it('tags match the folder: apps are type:app, libraries never are, simulators are scope:simulator type:testing', () => {
    const problems = projects.flatMap((project) => {
      const isApp = hasTag(project, 'type:app');
      if (project.folder === 'apps' && !isApp) return [`${project.root}: an app without type:app`];
      if (project.folder === 'libs' && isApp) return [`${project.root}: a library tagged type:app`];
      if (
        project.folder === 'simulators' &&
        !(hasTag(project, 'scope:simulator') && hasTag(project, 'type:testing'))
      ) {
        return [`${project.root}: a simulator without scope:simulator + type:testing`];
      }
      return [];
    });
    const contracts = projects.find((project) => project.root === 'libs/contracts');
    if (contracts && !hasTag(contracts, 'type:contracts'))
      problems.push('libs/contracts: not tagged type:contracts');
    assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
  });
});

describe('architecture: libraries (STYLE 3)', () => {
  it('every library has exactly one index.ts, at src/index.ts', () => {
    const problems = projects
      .filter((project) => project.folder === 'libs')
      .flatMap((project) => {
        const indexes = listSourcePaths(project.root).filter((path) => /(^|\/)index\.[mc]?tsx?$/.test(path));
        const expected = `${project.root}/src/index.ts`;
        if (indexes.length === 1 && indexes[0] === expected) return [];
        return [`${project.root}: expected only ${expected}, found [${indexes.join(', ')}]`];
      });
    assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
  });

  it('no file imports its own project by package name (no self-barrel imports)', () => {
    const hits = allProjects.flatMap((project) =>
      project.packageName
        ? importsMatching([project], (specifier) => packageOf(specifier) === project.packageName)
        : [],
    );
    assert.deepEqual(
      hits,
      [],
      `\nimport from inside the project with a relative path instead:\n${describeHits(hits)}`,
    );
  });
});

describe('architecture: dependencies (STYLE 2, 4)', () => {
  it('libs/contracts imports neither Nest, NATS nor Express', () => {
    const contracts = projects.filter((project) => project.root === 'libs/contracts');
    const hits = importsMatching(contracts, (specifier) => CONTRACTS_BANNED.test(specifier));
    assert.deepEqual(hits, [], `\n${describeHits(hits)}`);
  });

  it('edges never import connector packages', () => {
    const edges = allProjects.filter(
      (project) => hasTag(project, 'scope:edge') || EDGE_APPS.includes(project.root),
    );
    const isConnectorPackage = (specifier: string): boolean => {
      const target = byPackage.get(packageOf(specifier));
      return target
        ? hasTag(target, 'scope:connector')
        : KNOWN_CONNECTOR_PACKAGES.includes(packageOf(specifier));
    };
    const hits = importsMatching(edges, isConnectorPackage);
    assert.deepEqual(hits, [], `\n${describeHits(hits)}`);
  });

  it('connectors never import edge packages', () => {
    const connectors = allProjects.filter(
      (project) => hasTag(project, 'scope:connector') || project.root.startsWith('apps/connector-'),
    );
    const isEdgePackage = (specifier: string): boolean => {
      const target = byPackage.get(packageOf(specifier));
      return target !== undefined && (hasTag(target, 'scope:edge') || EDGE_APPS.includes(target.root));
    };
    const hits = importsMatching(connectors, isEdgePackage);
    assert.deepEqual(hits, [], `\n${describeHits(hits)}`);
  });

  it('nothing imports an app (an app has no entry point lint could resolve; tests start it as a process)', () => {
    const isAppPackage = (specifier: string): boolean => {
      const target = byPackage.get(packageOf(specifier));
      return target !== undefined && (hasTag(target, 'type:app') || target.folder === 'apps');
    };
    const hits = importsMatching(allProjects, isAppPackage);
    assert.deepEqual(hits, [], `\n${describeHits(hits)}`);
  });

  it('outside tests, only the launcher imports a simulator (lint lets every scope:ops project)', () => {
    const importers = allProjects.filter(
      (project) => project.root !== 'apps/launcher' && project.folder !== 'simulators',
    );
    const isSimulatorPackage = (specifier: string): boolean => {
      const target = byPackage.get(packageOf(specifier));
      return target !== undefined && hasTag(target, 'scope:simulator');
    };
    const hits = importsMatching(importers, isSimulatorPackage, { includeTests: false });
    assert.deepEqual(hits, [], `\n${describeHits(hits)}`);
  });
});

describe('architecture: the bus contract is the single source of subjects (STYLE 2)', () => {
  it('no string literal outside libs/contracts/src spells a subject (tests excluded)', () => {
    const folders = ['apps', 'libs', 'simulators', 'tools'];
    const hits = folders
      .flatMap(listSourcePaths)
      .filter((path) => !path.startsWith('libs/contracts/src/') && !isTestPath(path))
      .flatMap((path) =>
        readSource(path)
          .strings.filter((literal) => SUBJECT_LITERAL.test(literal.text))
          .map((literal) => ({ path, line: literal.line, text: literal.text })),
      );
    assert.deepEqual(
      hits,
      [],
      `\nderive subjects from the operation in libs/contracts instead:\n${describeHits(hits)}`,
    );
  });
});
