/**
 * The embedded backend's snapshot file: every table of the app and of its components, as one JSON document.
 * It holds the state up to a compaction; the write-ahead log (writeAheadLog.ts) holds every commit since.
 */
import { existsSync } from "node:fs";
import { mkdir, open, readFile, rename } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { convexToJson } from "convex/values";
import { PINNED_CONVEX_TEST_VERSION, type DatabasesView, type PersistedDatabases } from "./convexTestInternals";

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

/** The temporary file a snapshot is written to before it replaces `file`; a leftover one (a crash mid-write) is deleted on start. */
export function snapshotTempFile(file: string): string {
  return `${file}.tmp`;
}

/** Documents serialized per chunk: 250 documents of a lead's size stringify in a few milliseconds. */
const DOCUMENTS_PER_CHUNK = 250;

/**
 * Writes a snapshot of `view` without holding the event loop: documents are serialized a chunk at a time
 * and written with async I/O, yielding between chunks. Written to a temp file, fsynced, renamed over `file`,
 * and the directory fsynced, so `file` is always either the previous snapshot or this one, complete.
 */
export async function writeSnapshotStreamed(file: string, view: DatabasesView): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = snapshotTempFile(file);
  const handle = await open(temporary, "w");
  try {
    const header = {
      format: "atlas-embedded-db/1",
      convexTestVersion: PINNED_CONVEX_TEST_VERSION,
      savedAt: new Date().toISOString(),
      lastCommitTs: view.lastCommitTs,
      scheduledTargets: view.scheduledTargets,
    };
    await handle.write(`${JSON.stringify(header).slice(0, -1)},"components":{`);
    for (const [index, component] of view.components.entries()) {
      const meta = JSON.stringify({ nextDocId: component.nextDocId, lastCreationTime: component.lastCreationTime });
      await handle.write(`${index === 0 ? "" : ","}${JSON.stringify(component.componentPath)}:${meta.slice(0, -1)},"documents":[`);
      for (let start = 0; start < component.documents.length; start += DOCUMENTS_PER_CHUNK) {
        const chunk = component.documents.slice(start, start + DOCUMENTS_PER_CHUNK).map((doc) => JSON.stringify(convexToJson(doc)));
        await handle.write(`${start === 0 ? "" : ","}${chunk.join(",")}`);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await handle.write("]}");
    }
    await handle.write("}}");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  await syncDirectory(path.dirname(file));
}

/** Makes a rename or unlink in `dir` durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
