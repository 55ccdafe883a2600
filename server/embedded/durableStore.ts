/**
 * Where the embedded backend keeps its data: a snapshot (`embedded-db.json`) plus a write-ahead log of
 * every transaction committed since (`embedded-db.json.wal`). A commit is appended to the log inside the
 * transaction's commit (so it survives kill -9 of the process) and fsynced in groups on the thread pool; a
 * function's result is sent only once its commits are fsynced (`whenDurable`), so a write a client was told
 * about survives a crash of the machine too. When the log grows past `compactAtBytes` it is rotated (`.wal` → `.wal.old`) and a
 * new snapshot is streamed out in chunks without holding the event loop; once the snapshot is renamed into
 * place the old log is deleted. On start: snapshot, then `.wal.old`, then `.wal` are replayed (replaying a
 * log the snapshot already contains is harmless: each record holds whole documents), a torn or corrupt tail
 * is dropped with a log line, a leftover temp snapshot is deleted, and the result is compacted at once.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import { unlink } from "node:fs/promises";
import path from "node:path";
import {
  applyCommitRecord,
  buildDocumentMaps,
  commitRecord,
  restoreDatabases,
  viewDatabases,
  type CommitRecord,
  type CommittedWrites,
  type RuntimeInternals,
  type ScheduledTargets,
} from "./convexTestInternals";
import { readSnapshotFile, snapshotTempFile, syncDirectory, writeSnapshotStreamed } from "./snapshotFile";
import { readLog, WriteAheadLog } from "./writeAheadLog";

export type DurableStoreOptions = {
  dataFile: string;
  internals: RuntimeInternals;
  targets: ScheduledTargets;
  log: (message: string) => void;
  /** Log size that triggers a background compaction (default 32 MiB). */
  compactAtBytes?: number;
};

export type StoreRestore = { restored: boolean; replayedCommits: number; droppedTailBytes: number };

export class DurableStore {
  private compacting: Promise<void> | null = null;
  /**
   * Set from a rotation until the rotated log's last records are synced and the directory (the rename, the new
   * log's entry) is synced: commits in the new log are durable only after that too.
   */
  private rotated: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly options: DurableStoreOptions,
    private wal: WriteAheadLog,
  ) {}

  static walFile(dataFile: string): string {
    return `${dataFile}.wal`;
  }

  static oldWalFile(dataFile: string): string {
    return `${dataFile}.wal.old`;
  }

  /** Restores the databases from disk (before anything runs) and opens the log for appending. */
  static async open(options: DurableStoreOptions): Promise<{ store: DurableStore; restore: StoreRestore }> {
    const { dataFile, internals, targets, log } = options;
    const temporary = snapshotTempFile(dataFile);
    if (existsSync(temporary)) {
      rmSync(temporary);
      log(`removed ${path.basename(temporary)}, a snapshot left half-written by a crash (the log still holds its commits)`);
    }
    const snapshot = await readSnapshotFile(dataFile);
    const unknown = new Set<string>();
    if (snapshot) for (const componentPath of restoreDatabases(internals, targets, snapshot)) unknown.add(componentPath);
    let replayedCommits = 0;
    let droppedTailBytes = 0;
    const logFiles = [DurableStore.oldWalFile(dataFile), DurableStore.walFile(dataFile)].filter((file) => existsSync(file));
    for (const file of logFiles) {
      const contents = readLog(file);
      for (const record of contents.records) {
        for (const componentPath of applyCommitRecord(internals, targets, record as CommitRecord)) unknown.add(componentPath);
      }
      replayedCommits += contents.records.length;
      if (contents.tailProblem) {
        droppedTailBytes += contents.totalBytes - contents.validBytes;
        log(
          `dropped the tail of ${path.basename(file)} after ${contents.records.length} commit(s): ${contents.tailProblem} at byte ` +
            `${contents.validBytes} (${contents.totalBytes - contents.validBytes} bytes; a write cut off by a crash, never acknowledged)`,
        );
      }
    }
    for (const componentPath of unknown) log(`dropped saved data of unknown component "${componentPath}"`);
    if (logFiles.length > 0 || droppedTailBytes > 0) {
      // Fold the replayed log into a fresh snapshot before the log is truncated and reused.
      await writeSnapshotStreamed(dataFile, viewDatabases(internals, targets));
      for (const file of logFiles) rmSync(file);
      await syncDirectory(path.dirname(dataFile));
    }
    buildDocumentMaps(internals);
    const store = new DurableStore(options, new WriteAheadLog(DurableStore.walFile(dataFile)));
    await syncDirectory(path.dirname(dataFile));
    return { store, restore: { restored: snapshot !== null || replayedCommits > 0, replayedCommits, droppedTailBytes } };
  }

  /**
   * Appends a committed transaction to the log. Called inside the commit: the record is in the file
   * before anything else runs (kill -9 cannot lose it); its fdatasync starts at once on the thread pool,
   * grouped with other commits', and a reply waits for it through `whenDurable`.
   */
  recordCommit(writes: CommittedWrites): void {
    if (writes.size === 0 || this.closed) return;
    this.wal.append(commitRecord(this.options.internals, this.options.targets, writes));
    this.wal.whenDurable().catch((error: unknown) => this.options.log(`syncing ${path.basename(this.wal.file)} failed: ${String(error)}`));
    if (this.wal.size >= (this.options.compactAtBytes ?? 32 * 1024 * 1024)) void this.compact();
  }

  /** Resolves when every commit recorded so far is on disk (in the log, and in a log a compaction rotated out). */
  whenDurable(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.rotated ? this.rotated.then(() => this.wal.whenDurable()) : this.wal.whenDurable();
  }

  /**
   * Rotates the log and writes a snapshot in the background; resolves when it is on disk. Called inside a
   * commit: the rotation (rename, new log) is synchronous so the next commit goes to the new log, but every
   * disk wait (the old log's last fdatasync, the directory fsync, the snapshot's) runs on the thread pool.
   */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting;
    if (this.closed) return Promise.resolve();
    const { dataFile, internals, targets, log } = this.options;
    const oldWal = DurableStore.oldWalFile(dataFile);
    if (existsSync(oldWal)) return Promise.resolve(); // a previous compaction failed: its log is replayed on the next start
    const dir = path.dirname(dataFile);
    const retiring = this.wal.close();
    renameSync(DurableStore.walFile(dataFile), oldWal);
    this.wal = new WriteAheadLog(DurableStore.walFile(dataFile));
    const rotated = Promise.all([retiring, syncDirectory(dir)]).then(() => {
      if (this.rotated === rotated) this.rotated = null;
    });
    this.rotated = rotated;
    const view = viewDatabases(internals, targets);
    this.compacting = (async () => {
      try {
        await rotated;
        await writeSnapshotStreamed(dataFile, view);
        await unlink(oldWal);
        await syncDirectory(dir);
      } catch (error) {
        log(`compacting ${path.basename(dataFile)} failed (the log keeps every commit): ${String(error)}`);
      } finally {
        this.compacting = null;
      }
    })();
    return this.compacting;
  }

  /** Waits for a compaction in progress and closes the log; later commits are not recorded. */
  async close(): Promise<void> {
    this.closed = true;
    await this.compacting;
    await this.wal.close();
  }
}
