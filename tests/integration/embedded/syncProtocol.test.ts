import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { ConvexError } from "convex/values";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { BackendHarness, nextValue } from "./harness";

// The fixture app has no generated types; anyApi builds the same function references.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;
type Message = { author: string; body: string };

const harness = new BackendHarness();
afterEach(() => harness.cleanup());

describe("embedded backend: sync protocol with the unmodified ConvexClient", () => {
  it("gives a subscription its initial value, then the result after a mutation", async () => {
    const backend = await harness.start();
    const client = harness.client(backend);
    const values: Message[][] = [];
    client.onUpdate(api.messages.list, { author: "ana" }, (value: Message[]) => values.push(value));
    await nextValue<Message[]>(
      (onValue, onError) => client.onUpdate(api.messages.list, { author: "ana" }, onValue, onError),
      () => true,
    );
    expect(values[0]).toEqual([]);

    await client.mutation(api.messages.send, { author: "ana", body: "Called the dentist" });
    // Read-your-writes: once the mutation resolves, the subscription already shows it.
    expect(values.at(-1)).toEqual([{ author: "ana", body: "Called the dentist" }]);
    expect(client.client.localQueryResult("messages:list", { author: "ana" })).toEqual([{ author: "ana", body: "Called the dentist" }]);
  });

  it("pushes writes made by another client to subscribers", async () => {
    const backend = await harness.start();
    const watcher = harness.client(backend);
    const writer = harness.client(backend);
    const seen = nextValue<Message[]>(
      (onValue, onError) => watcher.onUpdate(api.messages.list, {}, onValue, onError),
      (messages) => messages.length === 1,
    );
    await writer.mutation(api.messages.send, { author: "ben", body: "Booked a call" });
    expect(await seen).toEqual([{ author: "ben", body: "Booked a call" }]);
  });

  it("delivers a mutation's ConvexError with its data", async () => {
    const backend = await harness.start();
    const client = harness.client(backend);
    const failure = await client.mutation(api.messages.send, { author: "ana", body: "   " }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConvexError);
    expect((failure as ConvexError<{ code: string; message: string }>).data).toEqual({
      code: "EMPTY_BODY",
      message: "A message needs some text.",
    });
  });

  it("delivers a query's ConvexError to the subscriber's error callback", async () => {
    const backend = await harness.start();
    const client = harness.client(backend);
    const failure = await new Promise<unknown>((resolve) => {
      client.onUpdate(api.messages.failing, {}, () => resolve("no error"), resolve);
    });
    expect(failure).toBeInstanceOf(ConvexError);
    expect((failure as ConvexError<{ message: string }>).data.message).toBe("The report is not ready yet.");
  });

  it("runs an action whose writes reach subscribers", async () => {
    const backend = await harness.start();
    const client = harness.client(backend);
    const seen = nextValue<Message[]>(
      (onValue, onError) => client.onUpdate(api.messages.list, {}, onValue, onError),
      (messages) => messages.length === 1,
    );
    const result = await client.action(api.messages.shout, { author: "cy", body: "new lead" });
    expect(result).toEqual({ loud: "NEW LEAD", total: 1 });
    expect(await seen).toEqual([{ author: "cy", body: "NEW LEAD" }]);
  });

  it("stops sending updates after unsubscribing", async () => {
    const backend = await harness.start();
    const client = harness.client(backend);
    const other = harness.client(backend);
    const values: Message[][] = [];
    const unsubscribe = client.onUpdate(api.messages.list, { author: "dee" }, (value: Message[]) => values.push(value));
    await client.mutation(api.messages.send, { author: "dee", body: "first" });
    expect(values.at(-1)).toHaveLength(1);
    unsubscribe();
    const countAfterUnsubscribe = values.length;

    // The other client sees the second write, so the backend has pushed everything it was going to push.
    const secondSeen = nextValue<Message[]>(
      (onValue, onError) => other.onUpdate(api.messages.list, { author: "dee" }, onValue, onError),
      (messages) => messages.length === 2,
    );
    await other.mutation(api.messages.send, { author: "dee", body: "second" });
    await secondSeen;
    expect(values).toHaveLength(countAfterUnsubscribe);
    expect(client.client.localQueryResult("messages:list", { author: "dee" })).toBeUndefined();
  });

  it("updates a query that reads only a component's tables when that component writes them", async () => {
    const backend = await harness.start();
    const client = harness.client(backend);
    const { runId } = (await client.mutation(api.runs.start, { stepsTotal: 2, stepDelayMs: 10 })) as { runId: string };
    const run = (await client.query(api.runs.get, { runId })) as { workflowId: string };
    // No app table in this query's reads: only the workflow component's commits can change its result.
    const statuses: string[] = [];
    const completed = nextValue<string>(
      (onValue, onError) =>
        client.onUpdate(
          api.runs.workflowStatus,
          { workflowId: run.workflowId },
          (value: string) => {
            statuses.push(value);
            onValue(value);
          },
          onError,
        ),
      (status) => status === "completed",
    );
    expect(await completed).toBe("completed");
    expect(statuses[0]).toBe("inProgress");
  });

  it("refuses internal functions and unknown functions like a deployment", async () => {
    const backend = await harness.start();
    const client = harness.client(backend);
    await expect(client.mutation(api.marketing.failInterruptedRuns, {})).rejects.toThrow(/internal/);
    await expect(client.query(api.messages.nope, {})).rejects.toThrow(/Could not find public function/);
  });

  it("serves ConvexHttpClient queries, mutations and actions, with ConvexError data", async () => {
    const backend = await harness.start();
    const http = new ConvexHttpClient(backend.url);
    await http.mutation(api.messages.send, { author: "eve", body: "Sent the audit" });
    expect(await http.query(api.messages.list, { author: "eve" })).toEqual([{ author: "eve", body: "Sent the audit" }]);
    expect(await http.action(api.messages.shout, { author: "eve", body: "ok" })).toEqual({ loud: "OK", total: 2 });
    const failure = await http.mutation(api.messages.send, { author: "eve", body: "" }).catch((error: unknown) => error);
    expect((failure as ConvexError<{ code: string }>).data.code).toBe("EMPTY_BODY");
  });

  it("accepts the sync socket from loopback pages only", async () => {
    const backend = await harness.start();
    const wsUrl = `ws://127.0.0.1:${backend.port}/api/1.48.0/sync`;
    const outcome = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(wsUrl, { headers: { Origin: origin } });
        socket.on("open", () => {
          socket.close();
          resolve("open");
        });
        socket.on("error", () => resolve("refused"));
      });
    expect(await outcome("http://127.0.0.1:5173")).toBe("open");
    expect(await outcome("https://evil.example")).toBe("refused");
  });
});
