import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCESS_PACK_JSON_SCHEMA_PATH, accessPackJsonSchemaText } from '../../contract/access-pack-json-schema';

describe('the committed JSON Schema of the access pack', () => {
  it('is exactly what the zod schemas generate (run npm run schema:access-pack after changing them)', () => {
    expect(readFileSync(ACCESS_PACK_JSON_SCHEMA_PATH, 'utf8')).toBe(accessPackJsonSchemaText());
  });

  it('carries the schema version and requires it in data.json', () => {
    const schema = JSON.parse(readFileSync(ACCESS_PACK_JSON_SCHEMA_PATH, 'utf8')) as { required: string[]; properties: Record<string, { const?: number }> };
    expect(schema.required).toContain('schemaVersion');
    expect(schema.properties.schemaVersion?.const).toBe(1);
  });
});
