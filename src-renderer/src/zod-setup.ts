/**
 * Must be imported before any module that builds a zod schema: zod decides at
 * construction time whether to compile fast parsers with `new Function`, which
 * the renderer's CSP forbids (the probe alone logs a CSP violation).
 */
import { z } from 'zod';

z.config({ jitless: true });
