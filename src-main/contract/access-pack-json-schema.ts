/**
 * The JSON Schema of data.json, generated from the pack's zod schemas (the one
 * source of truth, access-pack-schemas.ts). The committed copy,
 * docs/schemas/access-pack.schema.json, is what a recipient's developer reads;
 * `npm run schema:access-pack` rewrites it, and access-pack-json-schema.test.ts
 * fails while it differs from what this function generates.
 */
import { z } from 'zod';
import { ACCESS_PACK_SCHEMA_VERSION, accessPackSchema } from './access-pack-schemas';

export const ACCESS_PACK_JSON_SCHEMA_PATH = 'docs/schemas/access-pack.schema.json';

export function accessPackJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(accessPackSchema, { target: 'draft-2020-12', io: 'output' }),
    $id: `https://clinic-vault.invalid/schemas/access-pack/v${ACCESS_PACK_SCHEMA_VERSION}.json`,
    title: `Clinic Vault subject-access pack, schema version ${ACCESS_PACK_SCHEMA_VERSION}`,
  };
}

export function accessPackJsonSchemaText(): string {
  return `${JSON.stringify(accessPackJsonSchema(), null, 2)}\n`;
}
