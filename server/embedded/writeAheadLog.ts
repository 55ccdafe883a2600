/**
 * An append-only log of committed transactions. Each record is `[u32 length][u32 crc32][length bytes of
 * JSON]` (little-endian). `append` writes the record to the file before it returns (in the kernel's page
 * cache: it survives kill -9 of this process); `whenDurable` resolves once an fdatasync that started after
 * every record appended so far has completed (it survives a crash of the machine too). Syncs run on libuv's
 * thread pool, one at a time, each covering every record appended before it started (group commit): the
 * event loop never blocks on the disk, and a caller that replies after `whenDurable` has made its records
 * durable; `close` too syncs on the thread pool. Reading stops at the first record that is cut short or fails its checksum
 * (a crash in the middle of an append) and reports where, so the caller can drop the tail and say so.
 */
import { close, existsSync, fdatasync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { crc32 } from "node:zlib";

const HEADER_BYTES = 8;
/** A record larger than this is treated as corruption (a commit is far smaller: Convex caps a transaction's writes at 16 MiB). */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export function encodeRecord(payload: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(payload), "utf8");
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(body.length, 0);
  header.writeUInt32LE(crc32(body), 4);
  return Buffer.concat([header, body]);
}

export type LogContents = {
  records: unknown[];
  /** Bytes of valid records; anything after it is a torn or corrupt tail. */
  validBytes: number;
  totalBytes: number;
  /** Why reading stopped early, when it did. */
  tailProblem?: string;
};

export function readLog(file: string): LogContents {
  if (!existsSync(file)) return { records: [], validBytes: 0, totalBytes: 0 };
  const data = readFileSync(file);
  const records: unknown[] = [];
  let offset = 0;
  let tailProblem: string | undefined;
  while (offset < data.length) {
    if (data.length - offset < HEADER_BYTES) {
      tailProblem = "record header cut short";
      break;
    }
    const length = data.readUInt32LE(offset);
    const checksum = data.readUInt32LE(offset + 4);
    if (length > MAX_RECORD_BYTES) {
      tailProblem = `implausible record length ${length}`;
      break;
    }
    if (data.length - offset - HEADER_BYTES < length) {
      tailProblem = "record cut short";
      break;
    }
    const body = data.subarray(offset + HEADER_BYTES, offset + HEADER_BYTES + length);
    if (crc32(body) !== checksum) {
      tailProblem = "checksum mismatch";
      break;
    }
    try {
      records.push(JSON.parse(body.toString("utf8")));
    } catch {
      tailProblem = "record is not JSON";
      break;
    }
    offset += HEADER_BYTES + length;
  }
  return { records, validBytes: offset, totalBytes: data.length, tailProblem };
}

/** The open log file records are appended to. */
export class WriteAheadLog {
  private fd: number | null;
  private bytes: number;
  /** Bytes known to be on disk (an fdatasync that started after they were written has completed). */
  private syncedBytes: number;
  /** The fdatasync running now, and the one queued behind it for records appended meanwhile. */
  private syncing: Promise<void> | null = null;
  private queuedSync: Promise<void> | null = null;
  /** False once `close` was called: the file stays open only for its last sync. */
  private appendable = true;
  /** Set by `close`: its final sync and the file's close. */
  private closing: Promise<void> | null = null;

  /**
   * Opens `file` for appending, first cutting it to `validBytes` (dropping a torn tail found by `readLog`).
   * Nothing is synced here (no disk wait on the event loop): the first `whenDurable` syncs the kept bytes and
   * the new length with whatever is appended by then. A new file's directory entry is the caller's to sync.
   */
  constructor(
    readonly file: string,
    validBytes = 0,
  ) {
    this.fd = openSync(file, existsSync(file) ? "r+" : "w+");
    ftruncateSync(this.fd, validBytes);
    this.bytes = validBytes;
    this.syncedBytes = 0;
  }

  get size(): number {
    return this.bytes;
  }

  /** Appends one record (written to the file, not yet synced: see `whenDurable`). */
  append(payload: unknown): void {
    if (this.fd === null || !this.appendable) throw new Error(`write-ahead log ${this.file} is closed`);
    const record = encodeRecord(payload);
    let written = 0;
    while (written < record.length) written += writeSync(this.fd, record, written, record.length - written, this.bytes + written);
    this.bytes += record.length;
  }

  /** Resolves when every record appended so far is on disk; rejects if the sync fails. */
  whenDurable(): Promise<void> {
    if (this.syncedBytes >= this.bytes) return Promise.resolve();
    if (this.closing) return this.closing;
    if (this.syncing === null) return this.startSync();
    // The running sync may have started before the last records: one more after it covers them (and
    // everything else appended until then).
    this.queuedSync ??= this.syncing
      .catch(() => undefined)
      .then(() => {
        this.queuedSync = null;
        return this.syncedBytes >= this.bytes ? undefined : this.startSync();
      });
    return this.queuedSync;
  }

  private startSync(): Promise<void> {
    const fd = this.fd;
    if (fd === null) return Promise.reject(new Error(`write-ahead log ${this.file} is closed`));
    const target = this.bytes;
    const sync = new Promise<void>((resolve, reject) =>
      fdatasync(fd, (error) => {
        if (this.syncing === sync) this.syncing = null;
        if (error) return reject(error);
        this.syncedBytes = Math.max(this.syncedBytes, target);
        resolve();
      }),
    );
    this.syncing = sync;
    return sync;
  }

  /**
   * Stops appends at once, then syncs what is left on the thread pool and closes the file; resolves when every
   * record appended is on disk (and rejects if that sync fails). `whenDurable` after it waits for the same sync.
   */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    const fd = this.fd;
    if (fd === null) return Promise.resolve();
    this.appendable = false;
    // This sync (or the one it queued behind a running one) covers every record: none starts after it.
    const synced = this.whenDurable();
    this.closing = synced.finally(
      () =>
        new Promise<void>((resolve) => {
          this.fd = null;
          close(fd, () => resolve());
        }),
    );
    return this.closing;
  }
}
