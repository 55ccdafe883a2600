/**
 * The write-ahead log's close, as a compaction uses it inside a commit: appends stop at once, the last
 * records are synced on the thread pool (no fsync on the event loop) and `whenDurable` waits for that sync.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { encodeRecord, readLog, WriteAheadLog } from "../../../server/embedded/writeAheadLog";

const dirs: string[] = [];
function logFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-wal-"));
  dirs.push(dir);
  return path.join(dir, "db.json.wal");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("write-ahead log", () => {
  it("refuses appends once closed, and its close resolves with every record on disk", async () => {
    const file = logFile();
    const wal = new WriteAheadLog(file);
    wal.append({ commit: 1 });
    const firstSync = wal.whenDurable();
    wal.append({ commit: 2 });
    const closed = wal.close();
    expect(() => wal.append({ commit: 3 })).toThrow(/closed/);
    await Promise.all([firstSync, closed, wal.whenDurable()]);
    expect(readLog(file)).toMatchObject({ records: [{ commit: 1 }, { commit: 2 }], tailProblem: undefined });
    await expect(wal.close()).resolves.toBeUndefined();
  });

  it("reopens a log cut to its valid bytes, dropping a torn tail, and appends after them", async () => {
    const file = logFile();
    const whole = encodeRecord({ commit: 1 });
    writeFileSync(file, Buffer.concat([whole, encodeRecord({ commit: 2 }).subarray(0, 10)]));
    const contents = readLog(file);
    expect(contents).toMatchObject({ records: [{ commit: 1 }], validBytes: whole.length, tailProblem: "record cut short" });
    const wal = new WriteAheadLog(file, contents.validBytes);
    wal.append({ commit: 3 });
    await wal.close();
    expect(readLog(file)).toMatchObject({ records: [{ commit: 1 }, { commit: 3 }], tailProblem: undefined });
  });
});
