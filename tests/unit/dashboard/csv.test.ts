import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, type CsvOpportunity, csvCell, csvFileName, opportunitiesToCsv } from "../../../src/lib/csv";

const harborview: CsvOpportunity = {
  name: "Harborview Dental",
  qualificationScore: 85,
  status: "READY",
  signals: ["LOW_GOOGLE_RATING", "WEBSITE_NOT_MOBILE_FRIENDLY", "NO_SSL"],
  phone: "+1 206-555-0142",
  email: "frontdesk@harborviewdental.example",
  website: "http://www.harborviewdental.example/",
  address: "1201 Western Ave, Seattle, WA 98101",
  city: "Seattle",
  rating: 3.6,
  reviews_count: 48,
  targetVertical: "dentists",
  targetGeography: "Seattle, WA",
  fit_reason: 'Low rating and a site that "breaks" on phones',
  place_id: "ChIJ-harborview",
};

const withDossier: CsvOpportunity = {
  ...harborview,
  phone: "+12067397538",
  dossier: {
    summary: "Harborview Dental has a 3.6-star Google rating from 48 reviews. We checked 4 pages of your website.",
    gapKeys: ["LOW_GOOGLE_RATING", "NO_SSL", "WEBSITE_NOT_MOBILE_FRIENDLY", "NO_CONTACT_EMAIL"],
    talkingPoints: [
      "Your site doesn't adjust to phones. We build fast, mobile-friendly websites.",
      "Your Google rating is 3.6 stars. Our review program lifts ratings.",
    ],
    emailSource: { pageUrl: "https://www.harborviewdental.example/contact", method: "mailto", confidence: "high" },
  },
  shareLink: "https://app.example/r/tok_123",
};

/** Minimal RFC 4180 reader, so the tests check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

describe("csvCell", () => {
  it("leaves plain text and numbers alone", () => {
    expect(csvCell("Seattle")).toBe("Seattle");
    expect(csvCell(3.6)).toBe("3.6");
    expect(csvCell(0)).toBe("0");
  });

  it("writes missing values as empty cells", () => {
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("quotes fields with commas, quotes or line breaks and doubles inner quotes", () => {
    expect(csvCell("1201 Western Ave, Seattle")).toBe('"1201 Western Ave, Seattle"');
    expect(csvCell('Joe "The Tooth" Smith')).toBe('"Joe ""The Tooth"" Smith"');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
  });

  it.each(['=HYPERLINK("http://evil.example")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)"])(
    "neutralises a formula-looking cell %s with a leading apostrophe",
    (value) => {
      const cell = csvCell(value);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(unquoted).toBe(`'${value}`);
    },
  );

  it("neutralises a formula that also needs quoting", () => {
    expect(csvCell('=IMPORTXML("http://x.example", "//a")')).toBe(`"'=IMPORTXML(""http://x.example"", ""//a"")"`);
  });

  it("keeps international phone numbers readable (digits only, nothing to evaluate)", () => {
    expect(csvCell("+12063241200")).toBe("+12063241200");
    expect(csvCell("+44 20 7946 1234")).toBe("+44 20 7946 1234");
    expect(csvCell("+1 206 (324) 1200")).toBe("+1 206 (324) 1200");
  });

  it("does not prefix negative numbers passed as numbers", () => {
    expect(csvCell(-5)).toBe("-5");
  });
});

describe("opportunitiesToCsv", () => {
  it("writes the header and one row per opportunity in table order, with CRLF endings", () => {
    const second: CsvOpportunity = { ...harborview, name: "Green Lake Family Dentistry", qualificationScore: 50, place_id: "ChIJ-greenlake" };
    const text = opportunitiesToCsv([harborview, second]);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    expect(rows[1][0]).toBe("1");
    expect(rows[2][0]).toBe("2");
    expect(rows[2][1]).toBe("Green Lake Family Dentistry");
  });

  it("round-trips awkward values through a CSV reader", () => {
    const [, row] = parseCsv(opportunitiesToCsv([harborview]));
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]]));
    expect(byColumn).toEqual({
      rank: "1",
      name: "Harborview Dental",
      score: "85",
      status: "READY",
      signals: "Low rating; Not mobile-friendly; No HTTPS",
      phone: "+1 206-555-0142",
      email: "frontdesk@harborviewdental.example",
      email_source: "",
      website: "http://www.harborviewdental.example/",
      address: "1201 Western Ave, Seattle, WA 98101",
      city: "Seattle",
      rating: "3.6",
      reviews: "48",
      vertical: "dentists",
      geography: "Seattle, WA",
      fit_reason: 'Low rating and a site that "breaks" on phones',
      summary: "",
      top_gaps: "",
      talking_points: "",
      share_link: "",
      signal_codes: "LOW_GOOGLE_RATING;WEBSITE_NOT_MOBILE_FRIENDLY;NO_SSL",
      place_id: "ChIJ-harborview",
    });
  });

  it("exports the dossier: summary, the heaviest gaps in words, numbered talking points, the email's source and the share link", () => {
    const [, row] = parseCsv(opportunitiesToCsv([withDossier]));
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]]));
    expect(byColumn.summary).toBe(withDossier.dossier!.summary);
    expect(byColumn.top_gaps).toBe("Low rating; Not mobile-friendly; No HTTPS");
    expect(byColumn.talking_points).toBe(`1. ${withDossier.dossier!.talkingPoints[0]}\n2. ${withDossier.dossier!.talkingPoints[1]}`);
    expect(byColumn.email_source).toBe("found in a mailto link on https://www.harborviewdental.example/contact (on the business's own domain)");
    expect(byColumn.share_link).toBe("https://app.example/r/tok_123");
  });

  it("keeps an E.164 phone number as text: a formula that evaluates to the number with its plus", () => {
    const line = opportunitiesToCsv([withDossier]).split("\r\n")[1];
    expect(line).toContain(',"=""+12067397538""",');
    const [, row] = parseCsv(opportunitiesToCsv([withDossier]));
    expect(row[CSV_COLUMNS.indexOf("phone")]).toBe('="+12067397538"');
  });

  it("never writes a formula from lead or dossier text, whatever the field", () => {
    const hostile: CsvOpportunity = {
      ...withDossier,
      phone: "+1206=cmd|' /C calc'!A0",
      dossier: { ...withDossier.dossier!, summary: '=HYPERLINK("http://evil.example")', talkingPoints: ["@SUM(A1:A2)"] },
      fit_reason: "-2+3",
      shareLink: "+cmd",
    };
    const [, row] = parseCsv(opportunitiesToCsv([hostile]));
    for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@]/);
    expect(row[CSV_COLUMNS.indexOf("summary")]).toBe('\'=HYPERLINK("http://evil.example")');
    expect(row[CSV_COLUMNS.indexOf("phone")]).toBe("'+1206=cmd|' /C calc'!A0");
  });

  it("leaves optional fields empty for a lead with no website, email or rating", () => {
    const bare: CsvOpportunity = {
      name: "Rainier Smiles",
      qualificationScore: 50,
      status: "DATA_READY",
      signals: ["MISSING_WEBSITE"],
      targetVertical: "dentists",
      targetGeography: "Seattle",
      place_id: "ChIJ-rainier",
    };
    const [, row] = parseCsv(opportunitiesToCsv([bare]));
    expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(row[CSV_COLUMNS.indexOf("website")]).toBe("");
    expect(row[CSV_COLUMNS.indexOf("rating")]).toBe("");
  });

  it("neutralises a business name crafted as a formula", () => {
    const [, row] = parseCsv(opportunitiesToCsv([{ ...harborview, name: "=cmd|' /C calc'!A0" }]));
    expect(row[1]).toBe("'=cmd|' /C calc'!A0");
  });

  it("writes only the header for an empty table", () => {
    expect(parseCsv(opportunitiesToCsv([]))).toEqual([[...CSV_COLUMNS]]);
  });
});

describe("csvFileName", () => {
  it("names the file after the campaign and the local date", () => {
    expect(csvFileName({ vertical: "Dentists", geography: "Seattle", date: new Date(2026, 10, 25, 23, 30) })).toBe(
      "atlas-leads-dentists-seattle-2026-11-25.csv",
    );
  });

  it("slugs punctuation and accents and says 'all' when a filter is not set", () => {
    expect(csvFileName({ vertical: "Auto repair & body shops", geography: "Montréal, QC", date: new Date(2026, 0, 5) })).toBe(
      "atlas-leads-auto-repair-body-shops-montreal-qc-2026-01-05.csv",
    );
    expect(csvFileName({ date: new Date(2026, 0, 5) })).toBe("atlas-leads-all-all-2026-01-05.csv");
    expect(csvFileName({ vertical: "../../etc", date: new Date(2026, 0, 5) })).toBe("atlas-leads-etc-all-2026-01-05.csv");
  });
});
