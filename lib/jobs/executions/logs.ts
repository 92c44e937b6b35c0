import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { logChunk, taskExecution } from '@/db/schema';
import type { JobLogLine } from '@/lib/dataplane/types';

export type StoredLine = { seq: number; stream: 'stdout' | 'stderr'; text: string; at: string };

/** A line longer than this is cut (a runaway line must not fill the database). */
export const MAX_LINE_CHARS = 16 * 1024;
/** Lines kept per execution; after that one note says the rest was dropped. */
export const MAX_LINES = 100_000;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The owner of stored lines: its log_chunk owner_kind, and how it records lines stored so far (in the same transaction). */
export interface LogOwner {
  kind: 'execution' | 'step';
  stored(tx: Tx, id: string, lines: number): Promise<unknown>;
}

const executionOwner: LogOwner = {
  kind: 'execution',
  stored: (tx, id, lines) => tx.update(taskExecution).set({ logLines: lines }).where(eq(taskExecution.id, id)),
};

/**
 * Stores an execution's log lines in chunks (a row per flush, at most every `flushMs`),
 * advancing task_execution.log_lines in the same transaction: after a restart a handler
 * re-follows the container and skips exactly the lines already stored.
 */
export class LogWriter {
  private buffer: { stream: 'stdout' | 'stderr'; text: string; at: string }[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private dropped = false;

  constructor(
    private readonly db: Db,
    private readonly executionId: string,
    /** Lines already stored (the next seq). */
    private next: number,
    private readonly flushMs = 200,
    /** Whose lines these are; default a task execution. Pipeline steps store theirs under owner_kind 'step'. */
    private readonly owner: LogOwner = executionOwner,
  ) {}

  /** Lines the engine produced so far, stored or buffered (what a re-follow must skip). */
  get seen() {
    return this.next + this.buffer.length;
  }

  push(line: JobLogLine) {
    if (this.seen >= MAX_LINES) {
      if (!this.dropped) {
        this.dropped = true;
        this.buffer.push({ stream: 'stderr', text: `[gantry] more than ${MAX_LINES} lines: the rest of the log is not kept.`, at: new Date().toISOString() });
      }
      return;
    }
    const text = line.text.length > MAX_LINE_CHARS ? `${line.text.slice(0, MAX_LINE_CHARS)}… [line cut]` : line.text;
    this.buffer.push({ stream: line.stream, text, at: new Date().toISOString() });
    if (this.buffer.length >= 500) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  /** Writes what is buffered; resolves once everything pushed before the call is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(async () => {
      if (!lines.length) return;
      const seq = this.next;
      await this.db.transaction(async (tx) => {
        await tx.insert(logChunk).values({ ownerKind: this.owner.kind, ownerId: this.executionId, seq, lines }).onConflictDoNothing();
        await this.owner.stored(tx, this.executionId, seq + lines.length);
      });
      this.next = seq + lines.length;
    });
    return this.flushing;
  }
}

/** Stored lines of an execution from line `from` on. */
export async function readLogLines(db: Db, executionId: string, from = 0, ownerKind: LogOwner['kind'] = 'execution'): Promise<StoredLine[]> {
  const chunks = await db
    .select({ seq: logChunk.seq, lines: logChunk.lines })
    .from(logChunk)
    // A chunk starting before `from` may still hold lines after it.
    .where(and(eq(logChunk.ownerKind, ownerKind), eq(logChunk.ownerId, executionId), gte(sql`${logChunk.seq} + jsonb_array_length(${logChunk.lines})`, from + 1)))
    .orderBy(asc(logChunk.seq));
  const out: StoredLine[] = [];
  for (const c of chunks) c.lines.forEach((l, i) => c.seq + i >= from && out.push({ seq: c.seq + i, ...l }));
  return out;
}

/** Deletes log chunks older than the retention period; returns how many. */
export async function pruneLogs(db: Db, retentionDays: number, now = new Date()) {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const rows = await db.delete(logChunk).where(lt(logChunk.at, cutoff)).returning({ id: logChunk.id });
  return rows.length;
}
