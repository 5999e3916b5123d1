/**
 * Test helpers for the access pack: a service context from a signed-in test
 * vault, a request register held in memory (the ports' shape), and a PDF
 * stand-in that writes each block as a line of text, so a test can read what
 * the pack put where, gaps included. The real PDF is checked with pdftotext in
 * the e2e spec and the benchmark.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { CoreApi } from '../app';
import type { AccessPackPorts, PackPdf, PackProcessingRecord, PackRequest } from '../access-pack/ports';
import { accessPackPorts } from '../access-pack/access-pack-wiring';
import type { CallContext } from '../platform/ports';
import { type ServiceContext, serviceContext } from '../service/service-context';
import { AppError } from '../../contract/errors';

export function packContext(api: CoreApi, call?: CallContext): ServiceContext {
  const { vault, session } = api.core.requireSession();
  return serviceContext({ core: { clock: api.core.clock, logger: api.core.logger }, vault, session, call });
}

export const TEST_PROCESSING_RECORD: PackProcessingRecord = {
  purposes: [{ name: 'Providing aesthetic treatment', lawfulBasis: 'Contract (Art 6(1)(b))', healthCondition: 'Health care (Sch 1 para 2)' }],
  dataCategories: ['Identity and contact', 'Medical history', 'Photographs'],
  recipients: [{ name: 'BookingCo', kind: 'processor', purpose: 'Online booking', country: 'United Kingdom' }],
  transfers: [],
  retention: ['Clinical records: 10 years after the last treatment'],
  sources: 'From you, and from your GP when you ask us to contact them.',
  automatedDecisions: 'We make no decisions about you by automated means.',
};

export class MemoryRegister {
  readonly requests = new Map<string, PackRequest>();
  readonly history: Array<{ requestId: string; kind: string; detail: Record<string, unknown> }> = [];
  restricted = new Set<string>();

  add(r: Partial<PackRequest> & { clientId: string }): PackRequest {
    const id = `rq_${this.requests.size + 1}`;
    const request: PackRequest = {
      id,
      reference: `DSR-2026-${String(this.requests.size + 1).padStart(4, '0')}`,
      personName: null,
      types: ['access'],
      receivedOn: '2026-11-20',
      dueDate: '2026-12-21',
      requester: { kind: 'self' },
      identityVerified: true,
      ...r,
    };
    this.requests.set(id, request);
    return request;
  }

  ports(overrides: Partial<AccessPackPorts> = {}): AccessPackPorts {
    return {
      ...accessPackPorts,
      getRequest: (_ctx, id) => {
        const r = this.requests.get(id);
        if (!r) throw new AppError('NOT_FOUND');
        return r;
      },
      recordOnRequest: (_ctx, requestId, change) => void this.history.push({ requestId, ...change }),
      requestHistory: (_ctx, requestId) =>
        this.history.filter((h) => h.requestId === requestId).map((h, i) => ({ id: String(i), at: '2026-11-21T10:00:00.000Z', what: h.kind })),
      processingRecord: () => TEST_PROCESSING_RECORD,
      isRestricted: (_ctx, clientId) => this.restricted.has(clientId),
      newPdf: () => new TextPdf(),
      ...overrides,
    };
  }
}

/** Writes one line per block: "H1 Treatments", "F Product: Juvederm", "WITHHELD third-party data", "IMG caption". */
export class TextPdf implements PackPdf {
  readonly lines: string[] = [];
  letterheadBlock() {
    this.lines.push('LETTERHEAD');
    return this;
  }
  heading(text: string, level: 1 | 2 | 3) {
    this.lines.push(`H${level} ${text}`);
    return this;
  }
  paragraph(text: string) {
    this.lines.push(`P ${text}`);
    return this;
  }
  fields(rows: Array<[string, string]>) {
    for (const [l, v] of rows) this.lines.push(`F ${l}: ${v}`);
    return this;
  }
  table(columns: string[], rows: string[][]) {
    this.lines.push(`T ${columns.join(' | ')}`);
    for (const r of rows) this.lines.push(`R ${r.join(' | ')}`);
    return this;
  }
  image(data: Buffer, opts: { caption: string }) {
    this.lines.push(`IMG ${opts.caption} (${data.length} bytes)`);
    return this;
  }
  withheld(reasonLabel: string) {
    this.lines.push(`WITHHELD Withheld: ${reasonLabel}`);
    return this;
  }
  pageBreak() {
    this.lines.push('PAGE');
    return this;
  }
  async finish(out: NodeJS.WritableStream, opts: { throwIfStopped?: () => void } = {}) {
    const bytes = Buffer.from(this.lines.join('\n'), 'utf8');
    const half = Math.floor(bytes.length / 2);
    const write = (b: Buffer) => new Promise<void>((res, rej) => (out as Writable).write(b, (err) => (err ? rej(err) : res())));
    await write(bytes.subarray(0, half));
    opts.throwIfStopped?.();
    await write(bytes.subarray(half));
    await new Promise<void>((res) => (out as Writable).end(res));
    return { pages: this.lines.filter((l) => l === 'PAGE').length + 1, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  }
}

/** A write stream that fails with ENOSPC once `limit` bytes have gone to it (a disk filling up). */
export function fillingDisk(limit: number, inner: Writable): Writable {
  let written = 0;
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      written += chunk.length;
      if (written > limit) {
        const err = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        inner.destroy();
        done(err);
        return;
      }
      inner.write(chunk, done);
    },
    final(done) {
      inner.end(done);
    },
  });
}
