/** `npm run schema:access-pack`: writes docs/schemas/access-pack.schema.json from the zod schemas. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ACCESS_PACK_JSON_SCHEMA_PATH, accessPackJsonSchemaText } from '../src-main/contract/access-pack-json-schema';

mkdirSync(dirname(ACCESS_PACK_JSON_SCHEMA_PATH), { recursive: true });
writeFileSync(ACCESS_PACK_JSON_SCHEMA_PATH, accessPackJsonSchemaText());
process.stdout.write(`Wrote ${ACCESS_PACK_JSON_SCHEMA_PATH}. Commit it with the schema change.\n`);
