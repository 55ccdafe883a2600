/** The embedded backend's data file: every table of the app and of its components, as one JSON snapshot. */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { PersistedDatabases } from "./convexTestInternals";

const snapshotSchema = z.object({
  format: z.literal("atlas-embedded-db/1"),
  convexTestVersion: z.string(),
  savedAt: z.string(),
  lastCommitTs: z.string().regex(/^[0-9]+$/),
  components: z.record(
    z.string(),
    z.object({
      nextDocId: z.number().int(),
      lastCreationTime: z.number(),
      documents: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
  scheduledTargets: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});

export class SnapshotFileError extends Error {
  readonly code = "EMBEDDED_DB_UNREADABLE";
  constructor(file: string, detail: string) {
    super(`Cannot load the embedded database ${file}: ${detail}. Move the file away to start with an empty database.`);
  }
}

export async function readSnapshotFile(file: string): Promise<PersistedDatabases | null> {
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new SnapshotFileError(file, error instanceof Error ? error.message : String(error));
  }
  const result = snapshotSchema.safeParse(parsed);
  if (!result.success) throw new SnapshotFileError(file, result.error.issues[0]?.message ?? "unexpected shape");
  return result.data as PersistedDatabases;
}

/** Write-then-rename, so a crash mid-write leaves the previous snapshot intact. */
export async function writeSnapshotFile(file: string, snapshot: PersistedDatabases): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(snapshot));
  await rename(temporary, file);
}

/**
 * Saves at most every `delayMs` while writes keep coming (a throttle, so a long workflow run is saved as it
 * goes), one save at a time; `flush()` saves whatever is pending now.
 */
export class SnapshotWriter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private saving: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly file: string,
    private readonly takeSnapshot: () => PersistedDatabases,
    private readonly delayMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly schedule: (callback: () => void, delayMs: number) => ReturnType<typeof setTimeout>,
  ) {}

  markDirty(): void {
    if (this.stopped) return;
    this.dirty = true;
    if (this.timer === undefined) {
      this.timer = this.schedule(() => {
        this.timer = undefined;
        void this.save();
      }, this.delayMs);
    }
  }

  private save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await writeSnapshotFile(this.file, this.takeSnapshot());
      } catch (error) {
        this.onError(error);
      }
    });
    return this.saving;
  }

  async flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.save();
  }

  /** Final save; later writes (e.g. an action still finishing) are not saved. */
  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
  }
}
