/**
 * An append-only log of committed transactions. Each record is `[u32 length][u32 crc32][length bytes of
 * JSON]` (little-endian); `append` writes and fsyncs before it returns, so a caller that replies after it
 * has made the record durable. Reading stops at the first record that is cut short or fails its checksum
 * (a crash in the middle of an append) and reports where, so the caller can drop the tail and say so.
 */
import { closeSync, existsSync, fdatasyncSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
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

  /** Opens `file` for appending, first cutting it to `validBytes` (dropping a torn tail found by `readLog`). */
  constructor(
    readonly file: string,
    validBytes = 0,
  ) {
    this.fd = openSync(file, existsSync(file) ? "r+" : "w+");
    ftruncateSync(this.fd, validBytes);
    fdatasyncSync(this.fd);
    this.bytes = validBytes;
  }

  get size(): number {
    return this.bytes;
  }

  /** Appends one record and flushes it to disk before returning. */
  append(payload: unknown): void {
    if (this.fd === null) throw new Error(`write-ahead log ${this.file} is closed`);
    const record = encodeRecord(payload);
    let written = 0;
    while (written < record.length) written += writeSync(this.fd, record, written, record.length - written, this.bytes + written);
    fdatasyncSync(this.fd);
    this.bytes += record.length;
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}
