/**
 * Every action the core can append has a label and a filter entry (issue #10
 * item 6). The actions are collected from the core's own source, not from the
 * list under test: every quoted 'group.name' code on a line that names an
 * action, and each template such as `client.${section}_viewed` expanded over
 * the values its variable can take. A new action without a label fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  RECORD_OPENING_ACTIONS,
  actionGroupOf,
} from '../../contract/audit-actions';

const CORE = join(__dirname, '..');

/** The values of each template variable seen in an action: a new variable fails the test until it is listed. */
const TEMPLATE_VALUES: Record<string, readonly string[]> = {
  // HealthSection in src-main/core/clients/section-store.ts
  section: ['medical', 'lifestyle'],
};

function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'test-support' ? [] : productFiles(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') && !d.name.includes('test-support') ? [path] : [];
  });
}

interface Found {
  action: string;
  where: string;
}

function actionsInSource(): { found: Found[]; unknownTemplates: string[] } {
  const found: Found[] = [];
  const unknownTemplates: string[] = [];
  for (const file of productFiles(CORE)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const code = line.trim();
      if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*')) return;
      if (!/\baction\b/.test(code)) return;
      const where = `${relative(CORE, file)}:${i + 1}`;
      for (const m of code.matchAll(/'([a-z0-9_]+\.[a-z0-9_]+)'/g)) found.push({ action: m[1]!, where });
      for (const m of code.matchAll(/`([a-z0-9_]+\.[a-z0-9_]*)\$\{(?:[\w.]*\.)?(\w+)\}([a-z_]*)`/g)) {
        const values = TEMPLATE_VALUES[m[2]!];
        if (!values) unknownTemplates.push(`${where}: ${m[0]}`);
        else for (const v of values) found.push({ action: `${m[1]}${v}${m[3]}`, where });
      }
    });
  }
  return { found, unknownTemplates };
}

describe('audit action labels', () => {
  const { found, unknownTemplates } = actionsInSource();

  it('finds the actions the core appends, templated ones included', () => {
    expect(unknownTemplates).toEqual([]);
    const codes = new Set(found.map((f) => f.action));
    for (const sample of ['session.signed_in', 'session.auto_locked', 'client.medical_viewed', 'client.lifestyle_updated', 'consent.recorded', 'marketing.exported', 'notice.published', 'audit.exported']) {
      expect(codes).toContain(sample);
    }
    expect(codes.size).toBeGreaterThan(45);
  });

  it('has a label for every action the core can append', () => {
    const labels = AUDIT_ACTION_LABELS as Record<string, string>;
    const missing = found.filter((f) => !labels[f.action]?.trim()).map((f) => `${f.action} (${f.where})`);
    expect(missing).toEqual([]);
  });

  it('offers a filter group for every action, and each label once', () => {
    const withoutGroup = AUDIT_ACTIONS.filter((a) => !AUDIT_ACTION_GROUPS[actionGroupOf(a)]);
    expect(withoutGroup).toEqual([]);
    const labels = Object.values(AUDIT_ACTION_LABELS);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('lists only known actions as openings of a record', () => {
    for (const a of RECORD_OPENING_ACTIONS) expect(AUDIT_ACTIONS).toContain(a);
  });
});
