import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress, vetUrl, type AddressResolver } from "../../../lib/crawl/addressGuard";
import { FetchFailure, safeFetch } from "../../../lib/crawl/safeFetch";
import { CrawlError } from "../../../lib/providers/crawl/types";
import { sendHtml, startLocalServer, type LocalServer } from "./localServer";

/** Fails the test if DNS is consulted: literal addresses must be judged without it. */
const noDns: AddressResolver = async (hostname) => {
  throw new Error(`DNS must not be used for ${hostname}`);
};

const fakeDns =
  (table: Record<string, string[]>): AddressResolver =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

async function refusal(url: string, resolve: AddressResolver = noDns): Promise<CrawlError> {
  const error = await vetUrl(url, { resolve }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `${url} should be refused`).toBeInstanceOf(CrawlError);
  return error as CrawlError;
}

describe("address guard: literal addresses", () => {
  it.each([
    ["loopback", "http://127.0.0.1/"],
    ["loopback elsewhere in 127/8", "http://127.45.3.2:8080/admin"],
    ["IPv6 loopback", "http://[::1]/"],
    ["10/8", "http://10.0.0.8/"],
    ["172.16/12", "http://172.16.5.4/"],
    ["172.31 (top of 172.16/12)", "http://172.31.255.254/"],
    ["192.168/16", "https://192.168.1.1/login"],
    ["cloud metadata", "http://169.254.169.254/latest/meta-data/"],
    ["AWS IPv6 metadata", "http://[fd00:ec2::254]/latest/meta-data/"],
    ["CGNAT 100.64/10", "http://100.64.0.1/"],
    ["unspecified 0.0.0.0", "http://0.0.0.0/"],
    ["unspecified short 0", "http://0/"],
    ["IPv6 unspecified", "http://[::]/"],
    ["decimal 2130706433", "http://2130706433/"],
    ["hex 0x7f.0.0.1", "http://0x7f.0.0.1/"],
    ["hex whole 0x7f000001", "http://0x7f000001/"],
    ["octal 0177.0.0.1", "http://0177.0.0.1/"],
    ["short 127.1", "http://127.1/"],
    ["IPv4-mapped IPv6", "http://[::ffff:127.0.0.1]/"],
    ["IPv4-mapped metadata", "http://[::ffff:169.254.169.254]/"],
    ["IPv4-compatible IPv6", "http://[::127.0.0.1]/"],
    ["IPv6 link-local", "http://[fe80::1]/"],
    ["IPv6 unique-local", "http://[fc00::5]/"],
    ["multicast", "http://224.0.0.1/"],
    ["IPv6 multicast", "http://[ff02::1]/"],
    ["broadcast", "http://255.255.255.255/"],
    ["NAT64 of loopback", "http://[64:ff9b::7f00:1]/"],
  ])("refuses %s (%s)", async (_label, url) => {
    const error = await refusal(url);
    expect(error.code).toBe("BLOCKED_ADDRESS");
    expect(error.retryable).toBe(false);
  });

  it("accepts public literal addresses without DNS", async () => {
    await expect(vetUrl("http://93.184.215.14/", { resolve: noDns })).resolves.toEqual([{ address: "93.184.215.14", family: 4 }]);
    await expect(vetUrl("https://[2606:4700:4700::1111]/", { resolve: noDns })).resolves.toHaveLength(1);
  });

  it("classifies raw address strings the same way", () => {
    expect(isPublicAddress("8.8.8.8")).toBe(true);
    expect(isPublicAddress("0177.0.0.1")).toBe(false);
    expect(isPublicAddress("::ffff:10.1.2.3")).toBe(false);
    expect(isPublicAddress("not an ip")).toBe(false);
    expect(isPublicAddress("127.0.0.1", { allowLoopbackForTests: true })).toBe(true);
    expect(isPublicAddress("10.0.0.1", { allowLoopbackForTests: true })).toBe(false);
  });

  it("refuses non-http schemes, credentials and localhost names", async () => {
    expect((await refusal("file:///etc/passwd")).code).toBe("INVALID_URL");
    expect((await refusal("ftp://files.example.com/")).code).toBe("INVALID_URL");
    expect((await refusal("http://user:pw@shop.example.com/")).code).toBe("BLOCKED_ADDRESS");
    expect((await refusal("http://localhost:3210/api")).code).toBe("BLOCKED_ADDRESS");
    expect((await refusal("http://admin.localhost/")).code).toBe("BLOCKED_ADDRESS");
  });
});

describe("address guard: DNS", () => {
  it("refuses a name that resolves to a private address", async () => {
    const error = await refusal("https://intranet.acme-plumbing.com/", fakeDns({ "intranet.acme-plumbing.com": ["10.20.0.5"] }));
    expect(error.code).toBe("BLOCKED_ADDRESS");
    expect(error.message).toContain("10.20.0.5");
  });

  it("refuses when any one of several answers is private (rebinding-style record sets)", async () => {
    const error = await refusal("https://www.acme-plumbing.com/", fakeDns({ "www.acme-plumbing.com": ["93.184.215.14", "127.0.0.1"] }));
    expect(error.code).toBe("BLOCKED_ADDRESS");
  });

  it("refuses names resolving to the metadata service over IPv6", async () => {
    const error = await refusal("http://metadata.internal.example.com/", fakeDns({ "metadata.internal.example.com": ["fd00:ec2::254"] }));
    expect(error.code).toBe("BLOCKED_ADDRESS");
  });

  it("returns every vetted address for a public name", async () => {
    const resolved = await vetUrl("https://www.acme-plumbing.com/", {
      resolve: fakeDns({ "www.acme-plumbing.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"] }),
    });
    expect(resolved.map((a) => a.family)).toEqual([4, 6]);
  });

  it("reports an unresolvable name as an upstream failure, not a block", async () => {
    const error = await refusal("https://no-such-business.com/", fakeDns({}));
    expect(error.code).toBe("UPSTREAM");
    expect(error.message).toContain("ENOTFOUND");
  });
});

describe("safeFetch: redirects and demo routing", () => {
  let server: LocalServer;

  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      if (req.path === "/to-loopback") {
        res.writeHead(302, { location: `http://127.0.0.1:${server.port}/secret` });
        res.end();
      } else if (req.path === "/to-metadata") {
        res.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/iam/" });
        res.end();
      } else if (req.path === "/to-decimal-loopback") {
        res.writeHead(307, { location: `http://2130706433:${server.port}/secret` });
        res.end();
      } else if (req.path === "/secret") {
        sendHtml(res, "<p>internal admin</p>");
      } else {
        sendHtml(res, `<title>${req.host}</title><p>hello from ${req.host}</p>`);
      }
    });
  });
  afterAll(() => server.close());

  const demoRoute = () => ({ origin: server.origin });

  it("routes *.example hosts to the demo origin with the original Host header", async () => {
    const response = await safeFetch("https://www.harborviewdental.example/about?x=1", { demoRoute: demoRoute(), resolve: noDns });
    expect(response.statusCode).toBe(200);
    expect(response.body.toString()).toContain("hello from www.harborviewdental.example");
    const seen = server.requests.at(-1)!;
    expect(seen.host).toBe("www.harborviewdental.example");
    expect(seen.path).toBe("/about?x=1");
    expect(seen.headers["user-agent"]).toBe("AtlasOutboundBot/1.0 (+https://atlas-outbound.example/bot)");
    expect(seen.headers["x-forwarded-proto"]).toBe("https");
  });

  it("refuses a redirect from an allowed demo host to loopback", async () => {
    const before = server.requests.length;
    const error = await safeFetch("http://shop.example/to-loopback", { demoRoute: demoRoute(), resolve: noDns }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchFailure);
    expect((error as FetchFailure).kind).toBe("BLOCKED_ADDRESS");
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(["/to-loopback"]);
  });

  it("refuses a redirect to the decimal spelling of loopback", async () => {
    const error = await safeFetch("http://shop.example/to-decimal-loopback", { demoRoute: demoRoute(), resolve: noDns }).catch((e: unknown) => e);
    expect((error as FetchFailure).kind).toBe("BLOCKED_ADDRESS");
  });

  it("refuses a redirect to the metadata service even when loopback is allowed for tests", async () => {
    const resolve = fakeDns({ "shop.test": ["127.0.0.1"] });
    const error = await safeFetch(`http://shop.test:${server.port}/to-metadata`, { allowLoopbackForTests: true, resolve }).catch((e: unknown) => e);
    expect((error as FetchFailure).kind).toBe("BLOCKED_ADDRESS");
    expect((error as FetchFailure).message).toContain("169.254.169.254");
  });

  it("connects to the vetted address, not a fresh DNS answer", async () => {
    // shop.test does not exist in real DNS: reaching the server proves the pinned address was used.
    const response = await safeFetch(`http://shop.test:${server.port}/`, {
      allowLoopbackForTests: true,
      resolve: fakeDns({ "shop.test": ["127.0.0.1"] }),
    });
    expect(response.body.toString()).toContain(`hello from shop.test:${server.port}`);
  });

  it("does not route .example hosts when no demo route is set", async () => {
    const before = server.requests.length;
    const error = await safeFetch("http://www.harborviewdental.example/", { resolve: fakeDns({}) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchFailure);
    expect((error as FetchFailure).kind).toBe("NETWORK");
    expect(server.requests.length).toBe(before);
  });

  it("never routes look-alike hosts such as evil.example.com", async () => {
    const before = server.requests.length;
    const error = await safeFetch(`http://evil.example.com:${server.port}/secret`, {
      demoRoute: demoRoute(),
      resolve: fakeDns({ "evil.example.com": ["127.0.0.1"] }),
    }).catch((e: unknown) => e);
    expect((error as FetchFailure).kind).toBe("BLOCKED_ADDRESS");
    expect(server.requests.length).toBe(before);
  });

  it("refuses a literal loopback URL even with a demo route", async () => {
    const error = await safeFetch(`${server.origin}/secret`, { demoRoute: demoRoute() }).catch((e: unknown) => e);
    expect((error as FetchFailure).kind).toBe("BLOCKED_ADDRESS");
  });
});
