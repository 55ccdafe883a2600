/**
 * Writes data/demo-places.json: the keyless demo's "Google Places" — realistic
 * local businesses per (vertical, geography) with the messiness real results
 * have (no website, Facebook pages as websites, bad phones, duplicates, closed
 * businesses, two locations on one domain, non-ASCII names).
 *
 * Deterministic: every pair draws from its own seeded PRNG, so the file is
 * byte-identical on every run and editing one pair does not reshuffle others.
 *
 *   npx tsx scripts/generate-demo-places.ts
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkPhone } from "../lib/phone";
import { demoDatasetSchema, type DemoDataset, type DemoGeography, type DemoPlace, type DemoVertical } from "../lib/providers/places/demoDatasetSchema";

const OUTPUT = fileURLToPath(new URL("../data/demo-places.json", import.meta.url));
const SEED = "atlas-outbound-demo-v1";

// ---------------------------------------------------------------- PRNG

/** mulberry32: tiny, fast, good enough for fixtures. */
function createRng(seedText: string): () => number {
  let h = 2166136261;
  for (const ch of seedText) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
const round1 = (n: number) => Math.round(n * 10) / 10;

/** ASCII slug for domains: "Zoë's Salon" → "zoessalon". */
function slugify(text: string, separator = ""): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/'/g, "")
    .trim()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(separator);
}

// ---------------------------------------------------------------- verticals

interface VerticalSpec extends DemoVertical {
  types: string[];
  /** {hood} neighbourhood, {surname}, {first}, {adj}, {city}. */
  nameTemplates: string[];
  /** Brand for the "two locations, one domain" case. */
  chainBrand: string;
}

const VERTICALS: VerticalSpec[] = [
  {
    key: "dentists",
    label: "Dentists",
    aliases: ["dentist", "dentists", "dental", "dental clinic", "dental office", "dental practice", "dentistry", "family dentist", "dental care"],
    types: ["dentist", "health", "point_of_interest", "establishment"],
    nameTemplates: [
      "{hood} Dental",
      "{hood} Family Dentistry",
      "{surname} Dental Care",
      "{adj} Smile Dental",
      "{adj} Dental Studio",
      "{surname} Family Dental",
      "{hood} Dental Arts",
      "Dr. {surname} Dentistry",
      "{adj} Dental Group",
    ],
    chainBrand: "Evergreen Dental Group",
  },
  {
    key: "plumbers",
    label: "Plumbers",
    aliases: ["plumber", "plumbers", "plumbing", "plumbing services", "plumbing contractor", "plumbing company", "emergency plumber"],
    types: ["plumber", "point_of_interest", "establishment"],
    nameTemplates: [
      "{surname} Plumbing",
      "{hood} Plumbing & Drain",
      "{adj} Plumbing Co.",
      "{surname} & Sons Plumbing",
      "{adj} Pipe Works",
      "{city} Rooter & Plumbing",
      "{first}'s Plumbing",
      "{hood} Plumbing Services",
    ],
    chainBrand: "Blue Wave Plumbing",
  },
  {
    key: "roofers",
    label: "Roofers",
    aliases: ["roofer", "roofers", "roofing", "roofing contractor", "roofing contractors", "roofing company", "roof repair"],
    types: ["roofing_contractor", "general_contractor", "point_of_interest", "establishment"],
    nameTemplates: [
      "{surname} Roofing",
      "{adj} Roofing & Gutters",
      "{hood} Roofing Co.",
      "{adj} Roof Systems",
      "{surname} Brothers Roofing",
      "{city} Roof Pros",
      "{adj} Exteriors",
    ],
    chainBrand: "Summit Peak Roofing",
  },
  {
    key: "hair-salons",
    label: "Hair Salons",
    aliases: ["hair salon", "hair salons", "salon", "hairdresser", "hairdressers", "hair stylist", "hair studio", "beauty salon"],
    types: ["hair_salon", "hair_care", "beauty_salon", "point_of_interest", "establishment"],
    nameTemplates: [
      "{hood} Hair Studio",
      "Salon {first}",
      "{first}'s Salon",
      "The {adj} Chair",
      "{adj} Hair Co.",
      "{hood} Cuts & Color",
      "Studio {first}",
      "{adj} Mane Salon",
    ],
    chainBrand: "Shear Bliss Salon",
  },
  {
    key: "restaurants",
    label: "Restaurants",
    aliases: ["restaurant", "restaurants", "eatery", "dining", "bistro", "diner"],
    types: ["restaurant", "food", "point_of_interest", "establishment"],
    nameTemplates: [
      "{hood} Kitchen",
      "{first}'s Diner",
      "The {adj} Table",
      "{hood} Taqueria",
      "The {adj} Fork",
      "{surname}'s Bistro",
      "{hood} Noodle House",
      "{adj} Grill",
    ],
    chainBrand: "Golden Lotus Kitchen",
  },
  {
    key: "law-firms",
    label: "Law Firms",
    aliases: ["law firm", "law firms", "lawyer", "lawyers", "attorney", "attorneys", "solicitor", "solicitors", "legal services", "law office"],
    types: ["lawyer", "point_of_interest", "establishment"],
    nameTemplates: [
      "{surname} & {surname2} LLP",
      "{surname} Law Group",
      "{surname} Legal",
      "Law Office of {first} {surname}",
      "{surname}, {surname2} & Partners",
      "{hood} Law",
      "{adj} Legal Counsel",
    ],
    chainBrand: "Whitaker Lowe Law",
  },
  {
    key: "auto-repair",
    label: "Auto Repair",
    aliases: ["auto repair", "auto repair shop", "auto repair shops", "car repair", "mechanic", "mechanics", "auto mechanic", "auto shop", "garage"],
    types: ["car_repair", "point_of_interest", "establishment"],
    nameTemplates: [
      "{surname} Auto",
      "{hood} Auto Repair",
      "{adj} Auto Care",
      "{surname}'s Garage",
      "{hood} Motorworks",
      "{adj} Transmission & Brake",
      "{first}'s Auto Service",
    ],
    chainBrand: "Precision Tune Garage",
  },
  {
    key: "chiropractors",
    label: "Chiropractors",
    aliases: ["chiropractor", "chiropractors", "chiropractic", "chiropractic clinic", "chiro", "spine clinic"],
    types: ["chiropractor", "health", "point_of_interest", "establishment"],
    nameTemplates: [
      "{hood} Chiropractic",
      "{adj} Spine & Wellness",
      "{surname} Chiropractic Clinic",
      "{adj} Chiropractic",
      "{hood} Spine Center",
      "Dr. {surname} Chiropractic",
    ],
    chainBrand: "Align Chiropractic",
  },
];

const ADJECTIVES = [
  "Bright",
  "Evergreen",
  "Summit",
  "Cedar",
  "Maple",
  "Lakeside",
  "Northside",
  "Riverside",
  "Golden",
  "Blue Sky",
  "Pioneer",
  "Keystone",
  "Redwood",
  "Harbor",
  "Silver Oak",
  "True North",
  "Copper",
  "Ironwood",
  "Sunrise",
  "Hilltop",
];
const SURNAMES = [
  "Nguyen",
  "Patel",
  "Garcia",
  "Kowalski",
  "O'Connor",
  "Johnson",
  "Kim",
  "Schmidt",
  "Rossi",
  "Hughes",
  "Okafor",
  "Larsen",
  "Chen",
  "Murphy",
  "Alvarez",
  "Fischer",
  "Brennan",
  "Dubois",
  "Yamamoto",
  "Singh",
  "Walsh",
  "Novak",
  "Ramirez",
  "Thompson",
];
const FIRST_NAMES = ["Joe", "Maria", "Sam", "Priya", "Luis", "Hannah", "Omar", "Grace", "Tony", "Mei", "Derek", "Aisha", "Nina", "Carlos", "Ruth", "Vince"];

// ---------------------------------------------------------------- geographies

interface GeographySpec extends DemoGeography {
  city: string;
  hoods: string[];
  streets: string[];
  postalCode(rng: Rng): string;
  /** A formatted address as Google's formattedAddress renders it for this country. */
  address(street: string, postal: string): string;
  /** What Places shows for a service-area business that hides its street address. */
  serviceAreaAddress: string;
  /** A valid number in one of the international spellings Places and owners use. */
  phone(rng: Rng): string;
  /** National-only, truncated or junk numbers that our pipeline must reject. */
  badPhones: string[];
  yelpHost?: string;
}

const digits = (rng: Rng, count: number) => Array.from({ length: count }, () => int(rng, 0, 9)).join("");

/** NANP (US/CA): exchange 2xx–9xx, never 555 or N11. */
function nanpPhone(rng: Rng, areaCodes: string[]): string {
  const area = pick(rng, areaCodes);
  let exchange = "";
  while (!exchange || exchange === "555" || exchange.endsWith("11")) exchange = `${int(rng, 2, 9)}${digits(rng, 2)}`;
  const line = digits(rng, 4);
  const style = rng();
  if (style < 0.6) return `+1 ${area}-${exchange}-${line}`; // Places (New) internationalPhoneNumber
  if (style < 0.75) return `+1 (${area}) ${exchange}-${line}`;
  if (style < 0.9) return `+1 ${area} ${exchange} ${line}`;
  return `+1${area}${exchange}${line}`;
}

const GEOGRAPHIES: GeographySpec[] = [
  {
    key: "seattle-wa",
    label: "Seattle, WA",
    aliases: ["seattle", "seattle wa", "seattle, wa", "seattle washington", "seattle, washington", "seattle, wa, usa", "seattle usa"],
    country: "US",
    city: "Seattle",
    serviceAreaAddress: "Seattle, WA, USA",
    hoods: [
      "Ballard",
      "Capitol Hill",
      "Fremont",
      "Queen Anne",
      "Wallingford",
      "Green Lake",
      "Georgetown",
      "Columbia City",
      "West Seattle",
      "Magnolia",
      "Ravenna",
      "Beacon Hill",
      "Alki",
      "Interbay",
    ],
    streets: [
      "NW Market St",
      "Broadway E",
      "Fremont Ave N",
      "Queen Anne Ave N",
      "N 45th St",
      "Aurora Ave N",
      "Airport Way S",
      "Rainier Ave S",
      "California Ave SW",
      "15th Ave NE",
      "Pike St",
      "E Madison St",
      "Roosevelt Way NE",
      "Dexter Ave N",
    ],
    postalCode: (rng) =>
      pick(rng, [
        "98101",
        "98102",
        "98103",
        "98105",
        "98107",
        "98108",
        "98109",
        "98112",
        "98115",
        "98116",
        "98117",
        "98118",
        "98119",
        "98122",
        "98125",
        "98199",
      ]),
    address: (street, postal) => `${street}, Seattle, WA ${postal}, USA`,
    phone: (rng) => nanpPhone(rng, ["206"]),
    badPhones: ["(206) 555-01", "(206) 783-4410", "206-CALL-NOW", "+1 206-783-441"],
    yelpHost: "www.yelp.com",
  },
  {
    key: "austin-tx",
    label: "Austin, TX",
    aliases: ["austin", "austin tx", "austin, tx", "austin texas", "austin, texas", "austin, tx, usa"],
    country: "US",
    city: "Austin",
    serviceAreaAddress: "Austin, TX, USA",
    hoods: [
      "Zilker",
      "Hyde Park",
      "Mueller",
      "Tarrytown",
      "Travis Heights",
      "Bouldin Creek",
      "Clarksville",
      "Barton Creek",
      "East Austin",
      "Riverside",
      "Cherrywood",
      "Allandale",
      "Crestview",
      "South Congress",
    ],
    streets: [
      "S Congress Ave",
      "S Lamar Blvd",
      "Burnet Rd",
      "E Cesar Chavez St",
      "Guadalupe St",
      "Manor Rd",
      "W Anderson Ln",
      "E Riverside Dr",
      "N Lamar Blvd",
      "E 6th St",
      "Barton Springs Rd",
      "Airport Blvd",
    ],
    postalCode: (rng) => pick(rng, ["78701", "78702", "78703", "78704", "78705", "78722", "78723", "78731", "78741", "78745", "78751", "78756", "78757"]),
    address: (street, postal) => `${street}, Austin, TX ${postal}, USA`,
    phone: (rng) => nanpPhone(rng, ["512", "737"]),
    badPhones: ["(512) 555-01", "512-474-90", "(512) 474-9021", "n/a"],
    yelpHost: "www.yelp.com",
  },
  {
    key: "denver-co",
    label: "Denver, CO",
    aliases: ["denver", "denver co", "denver, co", "denver colorado", "denver, colorado", "denver, co, usa"],
    country: "US",
    city: "Denver",
    serviceAreaAddress: "Denver, CO, USA",
    hoods: [
      "LoDo",
      "Highlands",
      "Cherry Creek",
      "Wash Park",
      "RiNo",
      "Baker",
      "Sloan's Lake",
      "Congress Park",
      "Berkeley",
      "Platt Park",
      "Central Park",
      "Capitol Hill",
      "Five Points",
    ],
    streets: [
      "Larimer St",
      "E Colfax Ave",
      "S Broadway",
      "Tennyson St",
      "S Pearl St",
      "W 32nd Ave",
      "Blake St",
      "E 17th Ave",
      "Federal Blvd",
      "S University Blvd",
      "Wazee St",
      "E Evans Ave",
    ],
    postalCode: (rng) => pick(rng, ["80202", "80203", "80205", "80206", "80209", "80210", "80211", "80212", "80218", "80220", "80238"]),
    address: (street, postal) => `${street}, Denver, CO ${postal}, USA`,
    phone: (rng) => nanpPhone(rng, ["303", "720"]),
    badPhones: ["(303) 555-01", "303 292", "(720) 432-8890", "TBD"],
    yelpHost: "www.yelp.com",
  },
  {
    key: "chicago-il",
    label: "Chicago, IL",
    aliases: ["chicago", "chicago il", "chicago, il", "chicago illinois", "chicago, illinois", "chicago, il, usa"],
    country: "US",
    city: "Chicago",
    serviceAreaAddress: "Chicago, IL, USA",
    hoods: [
      "Lincoln Park",
      "Wicker Park",
      "Logan Square",
      "Lakeview",
      "Hyde Park",
      "Bucktown",
      "Andersonville",
      "Pilsen",
      "River North",
      "Edgewater",
      "Ravenswood",
      "Bridgeport",
      "Old Town",
      "West Loop",
    ],
    streets: [
      "N Clark St",
      "N Milwaukee Ave",
      "W Armitage Ave",
      "N Broadway",
      "S Halsted St",
      "W Division St",
      "N Lincoln Ave",
      "W Fullerton Ave",
      "S Ashland Ave",
      "W Randolph St",
      "E 53rd St",
      "N Damen Ave",
    ],
    postalCode: (rng) => pick(rng, ["60601", "60607", "60608", "60610", "60613", "60614", "60615", "60618", "60622", "60625", "60640", "60647", "60657"]),
    address: (street, postal) => `${street}, Chicago, IL ${postal}, USA`,
    phone: (rng) => nanpPhone(rng, ["312", "773", "872"]),
    badPhones: ["(312) 555-01", "773-28", "(773) 281-7730", "call us"],
    yelpHost: "www.yelp.com",
  },
  {
    key: "london-uk",
    label: "London, UK",
    aliases: [
      "london",
      "london uk",
      "london, uk",
      "london united kingdom",
      "london, united kingdom",
      "london england",
      "london, england",
      "greater london",
      "london gb",
    ],
    country: "GB",
    city: "London",
    serviceAreaAddress: "London, UK",
    hoods: [
      "Camden",
      "Islington",
      "Hackney",
      "Brixton",
      "Clapham",
      "Shoreditch",
      "Fulham",
      "Greenwich",
      "Kensington",
      "Peckham",
      "Highbury",
      "Battersea",
      "Stoke Newington",
      "Marylebone",
    ],
    streets: [
      "Camden High St",
      "Upper St",
      "Mare St",
      "Brixton Rd",
      "Clapham High St",
      "Shoreditch High St",
      "Fulham Rd",
      "Greenwich Church St",
      "Kensington High St",
      "Rye Ln",
      "Holloway Rd",
      "Northcote Rd",
      "Church St",
      "Marylebone High St",
    ],
    postalCode: (rng) => {
      const outward = pick(rng, ["NW1", "N1", "E8", "SW9", "SW4", "E1", "SW6", "SE10", "W8", "SE15", "N5", "SW11", "N16", "W1U"]);
      const letters = "ABDEFGHJLNPQRSTUWXYZ";
      return `${outward} ${int(rng, 0, 9)}${pick(rng, [...letters])}${pick(rng, [...letters])}`;
    },
    address: (street, postal) => `${street}, London ${postal}, UK`,
    phone: (rng) => {
      const prefix = pick(rng, ["7", "3", "8"]);
      const rest = `${prefix}${digits(rng, 3)} ${digits(rng, 4)}`;
      const style = rng();
      if (style < 0.6) return `+44 20 ${rest}`;
      if (style < 0.8) return `+44 (0)20 ${rest}`;
      return `+4420${rest.replace(" ", "")}`;
    },
    badPhones: ["020 7946 01", "020 7123 4567", "07700 9", "ring for bookings"],
    yelpHost: "www.yelp.co.uk",
  },
  {
    key: "toronto-on",
    label: "Toronto, ON",
    aliases: ["toronto", "toronto on", "toronto, on", "toronto ontario", "toronto, ontario", "toronto canada", "toronto, canada", "toronto, on, canada"],
    country: "CA",
    city: "Toronto",
    serviceAreaAddress: "Toronto, ON, Canada",
    hoods: [
      "Leslieville",
      "The Annex",
      "Yorkville",
      "Liberty Village",
      "Roncesvalles",
      "Danforth",
      "Kensington Market",
      "Riverdale",
      "The Junction",
      "The Beaches",
      "Parkdale",
      "Forest Hill",
      "Little Italy",
    ],
    streets: [
      "Queen St W",
      "Queen St E",
      "Bloor St W",
      "Danforth Ave",
      "Roncesvalles Ave",
      "King St W",
      "College St",
      "Dundas St W",
      "Yonge St",
      "Spadina Ave",
      "Kingston Rd",
      "Eglinton Ave W",
    ],
    postalCode: (rng) => {
      const letters = "ABCEGHJKLMNPRSTVWXYZ";
      return `${pick(rng, ["M5V", "M4M", "M5R", "M6K", "M6R", "M4K", "M5T", "M6P", "M4L", "M6J", "M5P", "M6G"])} ${int(rng, 1, 9)}${pick(rng, [...letters])}${int(rng, 0, 9)}`;
    },
    address: (street, postal) => `${street}, Toronto, ON ${postal}, Canada`,
    phone: (rng) => nanpPhone(rng, ["416", "647", "437"]),
    badPhones: ["(416) 555-01", "(647) 340-2291", "416-36", "none"],
    yelpHost: "www.yelp.ca",
  },
  {
    key: "sydney-nsw",
    label: "Sydney, NSW",
    aliases: [
      "sydney",
      "sydney nsw",
      "sydney, nsw",
      "sydney australia",
      "sydney, australia",
      "sydney new south wales",
      "sydney, new south wales",
      "sydney, nsw, australia",
    ],
    country: "AU",
    city: "Sydney",
    serviceAreaAddress: "Sydney NSW, Australia",
    hoods: [
      "Surry Hills",
      "Bondi",
      "Newtown",
      "Paddington",
      "Balmain",
      "Manly",
      "Glebe",
      "Darlinghurst",
      "Coogee",
      "Marrickville",
      "Chatswood",
      "Mosman",
      "Redfern",
    ],
    streets: [
      "Crown St",
      "Campbell Pde",
      "King St",
      "Oxford St",
      "Darling St",
      "The Corso",
      "Glebe Point Rd",
      "Victoria St",
      "Coogee Bay Rd",
      "Illawarra Rd",
      "Victoria Ave",
      "Military Rd",
      "Regent St",
    ],
    postalCode: (rng) => pick(rng, ["2000", "2010", "2011", "2021", "2026", "2037", "2041", "2042", "2034", "2095", "2204", "2067", "2088"]),
    address: (street, postal) => `${street}, Sydney NSW ${postal}, Australia`,
    phone: (rng) => {
      const rest = `${pick(rng, ["9", "8"])}${digits(rng, 3)} ${digits(rng, 4)}`;
      const style = rng();
      if (style < 0.65) return `+61 2 ${rest}`;
      if (style < 0.85) return `+61 (02) ${rest}`;
      return `+612${rest.replace(" ", "")}`;
    },
    badPhones: ["(02) 9251 12", "02 9251 1234", "1300 00", "phone via website"],
  },
];

// ---------------------------------------------------------------- tricky cases

const pairKey = (vertical: string, geography: string) => `${vertical}|${geography}`;

/** Pairs where one business is listed twice with the same place id. */
const DUPLICATE_PLACE_PAIRS = new Set([
  pairKey("dentists", "seattle-wa"),
  pairKey("plumbers", "austin-tx"),
  pairKey("restaurants", "london-uk"),
  pairKey("hair-salons", "toronto-on"),
  pairKey("auto-repair", "chicago-il"),
  pairKey("roofers", "denver-co"),
  pairKey("chiropractors", "sydney-nsw"),
]);
/** Pairs with two locations of one brand on one domain (www vs bare host, different paths). */
const SHARED_DOMAIN_PAIRS = new Set([
  pairKey("dentists", "seattle-wa"),
  pairKey("law-firms", "chicago-il"),
  pairKey("chiropractors", "austin-tx"),
  pairKey("restaurants", "toronto-on"),
  pairKey("plumbers", "sydney-nsw"),
  pairKey("hair-salons", "london-uk"),
]);
/** Pairs with three different businesses whose "website" is a facebook.com page. */
const FACEBOOK_PAIRS = new Set([
  pairKey("dentists", "seattle-wa"),
  pairKey("hair-salons", "seattle-wa"),
  pairKey("restaurants", "austin-tx"),
  pairKey("auto-repair", "denver-co"),
  pairKey("roofers", "london-uk"),
  pairKey("plumbers", "toronto-on"),
]);

interface HandPlaced {
  name: string;
  /** Force an own website (given URL, or derived from the name). */
  website?: string;
}
/** Named businesses: showcase names from the docs and non-ASCII names. */
const HAND_PLACED: Record<string, HandPlaced[]> = {
  [pairKey("dentists", "seattle-wa")]: [{ name: "Harborview Dental", website: "https://www.harborviewdental.example/" }],
  [pairKey("plumbers", "seattle-wa")]: [{ name: "Joe's Plumbing", website: "http://joesplumbing.example/home" }, { name: "Søren's Plumbing & Heating" }],
  [pairKey("hair-salons", "seattle-wa")]: [{ name: "Zoë's Salon" }],
  [pairKey("restaurants", "austin-tx")]: [{ name: "Café Olé" }],
  [pairKey("law-firms", "austin-tx")]: [{ name: "Peña & Ortiz Law Firm" }],
  [pairKey("auto-repair", "chicago-il")]: [{ name: "Müller Auto" }],
  [pairKey("chiropractors", "denver-co")]: [{ name: "Dr. Núñez Chiropractic" }],
  [pairKey("restaurants", "london-uk")]: [{ name: "Brasserie Côté" }],
  [pairKey("hair-salons", "toronto-on")]: [{ name: "Crème de la Crème Salon" }],
  [pairKey("roofers", "toronto-on")]: [{ name: "Lévesque Roofing" }],
  [pairKey("plumbers", "sydney-nsw")]: [{ name: "O'Brien & Sons Plumbing" }],
};

// ---------------------------------------------------------------- generation

const PLACE_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const usedPlaceIds = new Set<string>();
const usedDomains = new Set<string>();
const usedPhones = new Set<string>();

/** Google-looking place id: "ChIJ" + 23 URL-safe base64 characters (27 in all). */
function placeId(rng: Rng): string {
  for (;;) {
    const id = `ChIJ${Array.from({ length: 23 }, () => pick(rng, [...PLACE_ID_ALPHABET])).join("")}`;
    if (!usedPlaceIds.has(id)) {
      usedPlaceIds.add(id);
      return id;
    }
  }
}

function validPhone(rng: Rng, geo: GeographySpec): string {
  for (;;) {
    const phone = geo.phone(rng);
    const check = checkPhone(phone);
    if (check.ok && !usedPhones.has(check.e164)) {
      usedPhones.add(check.e164);
      return phone;
    }
  }
}

function claimDomain(base: string, geo: GeographySpec): string {
  let domain = `${base}.example`;
  if (usedDomains.has(domain)) domain = `${base}${slugify(geo.city)}.example`;
  for (let n = 2; usedDomains.has(domain); n++) domain = `${base}${n}.example`;
  usedDomains.add(domain);
  return domain;
}

function ownWebsiteUrl(rng: Rng, domain: string): string {
  const style = rng();
  if (style < 0.35) return `https://www.${domain}/`;
  if (style < 0.55) return `https://${domain}/`;
  if (style < 0.7) return `http://www.${domain}/`;
  if (style < 0.8) return `http://${domain}/home`;
  if (style < 0.9) return `https://www.${domain}/?utm_source=google&utm_medium=organic&utm_campaign=gbp`;
  return `https://${domain}/index.html`;
}

type SocialKind = "facebook" | "instagram" | "yelp" | "linktree";
function socialUrl(kind: SocialKind, rng: Rng, name: string, geo: GeographySpec): string {
  const handle = slugify(name);
  switch (kind) {
    case "facebook":
      return rng() < 0.7 ? `https://www.facebook.com/${handle}${geo.key.split("-")[0]}/` : `https://www.facebook.com/profile.php?id=1000${digits(rng, 11)}`;
    case "instagram":
      return `https://www.instagram.com/${slugify(name, "_")}/`;
    case "yelp":
      return `https://${geo.yelpHost ?? "www.yelp.com"}/biz/${slugify(name, "-")}-${slugify(geo.city, "-")}`;
    case "linktree":
      return `https://linktr.ee/${handle}`;
  }
}

function businessName(rng: Rng, vertical: VerticalSpec, geo: GeographySpec, taken: Set<string>): string {
  for (;;) {
    const template = pick(rng, vertical.nameTemplates);
    const surname = pick(rng, SURNAMES);
    let surname2 = pick(rng, SURNAMES);
    while (surname2 === surname) surname2 = pick(rng, SURNAMES);
    const name = template
      .replace("{hood}", pick(rng, geo.hoods))
      .replace("{surname}", surname)
      .replace("{surname2}", surname2)
      .replace("{first}", pick(rng, FIRST_NAMES))
      .replace("{adj}", pick(rng, ADJECTIVES))
      .replace("{city}", geo.city);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

type WebsiteTrait = "own" | "none" | "social";
type RatingTrait = "normal" | "low" | "few";

/**
 * Cities whose campaigns are big (40–60 businesses, more than one Places page, as a real
 * city search often is): 24 of the 56 campaigns. The others keep 12–15 (one page).
 */
const BIG_GEOGRAPHIES = new Set(["chicago-il", "toronto-on", "austin-tx"]);

function generatePair(vertical: VerticalSpec, geo: GeographySpec): DemoPlace[] {
  const key = pairKey(vertical.key, geo.key);
  const rng = createRng(`${SEED}|${key}`);
  const count = BIG_GEOGRAPHIES.has(geo.key) ? int(rng, 40, 60) : int(rng, 12, 15);
  const handPlaced = HAND_PLACED[key] ?? [];

  const names = new Set<string>(handPlaced.map((h) => h.name));
  const entries: { name: string; forced?: HandPlaced }[] = handPlaced.map((h) => ({ name: h.name, forced: h }));
  while (entries.length < count) entries.push({ name: businessName(rng, vertical, geo, names) });
  entries.splice(0, entries.length, ...shuffled(rng, entries));

  // Website traits: ~15% none, ~10% social, the rest an own .example domain.
  const socialCount = FACEBOOK_PAIRS.has(key) ? 3 : count >= 20 ? Math.round(count * 0.1) : count >= 14 ? 2 : 1;
  const noneCount = Math.round(count * 0.15);
  const websiteTraits: WebsiteTrait[] = shuffled(rng, [
    ...Array<WebsiteTrait>(noneCount).fill("none"),
    ...Array<WebsiteTrait>(socialCount).fill("social"),
    ...Array<WebsiteTrait>(count - noneCount - socialCount).fill("own"),
  ]);
  // Hand-placed names keep an own website so the showcase sites exist.
  entries.forEach((entry, i) => {
    if (!entry.forced || websiteTraits[i] === "own") return;
    const j = websiteTraits.findIndex((t, k) => t === "own" && !entries[k].forced);
    [websiteTraits[i], websiteTraits[j]] = [websiteTraits[j], websiteTraits[i]];
  });
  const socialKinds: SocialKind[] = FACEBOOK_PAIRS.has(key)
    ? ["facebook", "facebook", "facebook"]
    : shuffled(rng, ["facebook", "instagram", geo.yelpHost ? "yelp" : "facebook", "linktree"] as SocialKind[]);

  const invalidPhoneCount = Math.round(count * 0.1);
  const phoneInvalid = new Set(
    shuffled(
      rng,
      entries.map((_, i) => i),
    ).slice(0, invalidPhoneCount),
  );
  const badPhones = shuffled(rng, [undefined, ...geo.badPhones]);

  const ratingTraits: RatingTrait[] = shuffled(rng, [
    ...Array<RatingTrait>(count >= 20 ? Math.round(count * 0.12) : 2).fill("low"),
    ...Array<RatingTrait>((rng() < 0.5 ? 1 : 2) * (count >= 20 ? 3 : 1)).fill("few"),
    ...Array<RatingTrait>(count).fill("normal"),
  ]).slice(0, count);
  // Showcase businesses stay open; anyone else may be closed.
  const closable = shuffled(
    rng,
    entries.map((_, i) => i).filter((i) => !entries[i].forced),
  );
  const closedIndex = key === pairKey("dentists", "seattle-wa") || rng() < 0.3 ? closable[0] : -1;
  const temporarilyClosedIndex = rng() < 0.15 ? closable[1] : -1;
  const serviceArea = ["plumbers", "roofers"].includes(vertical.key);

  let socialUsed = 0;
  let badUsed = 0;
  const places: DemoPlace[] = entries.map((entry, i) => {
    const place: DemoPlace = { placeId: placeId(rng), name: entry.name, vertical: vertical.key, geography: geo.key };
    // Service-area businesses hide their street address; Places then gives the city only.
    place.address =
      serviceArea && rng() < 0.2
        ? geo.serviceAreaAddress
        : geo.address(`${geo.country === "US" ? int(rng, 100, 9899) : int(rng, 1, 420)} ${pick(rng, geo.streets)}`, geo.postalCode(rng));
    place.city = geo.city;

    if (phoneInvalid.has(i)) {
      const bad = badPhones[badUsed++ % badPhones.length];
      if (bad !== undefined) place.phone = bad;
    } else {
      place.phone = validPhone(rng, geo);
    }

    const trait = websiteTraits[i];
    if (trait === "own") {
      place.website = entry.forced?.website ?? ownWebsiteUrl(rng, claimDomain(slugify(entry.name), geo));
    } else if (trait === "social") {
      place.website = socialUrl(socialKinds[socialUsed++ % socialKinds.length], rng, entry.name, geo);
    }

    const rating = ratingTraits[i];
    if (rating === "low") {
      place.rating = round1(2.6 + rng() * 1.3);
      place.reviewsCount = int(rng, 6, 260);
    } else if (rating === "few") {
      place.reviewsCount = int(rng, 0, 3);
      // Google omits the rating of a place nobody has rated.
      if (place.reviewsCount > 0) place.rating = pick(rng, [3, 4, 5, 4.5, 5]);
    } else {
      place.rating = round1(4 + rng() * 1);
      // Log-uniform 8–1800: most local businesses have tens of reviews, a few have hundreds.
      place.reviewsCount = Math.round(Math.exp(Math.log(8) + rng() * (Math.log(1800) - Math.log(8))));
    }

    place.businessStatus = i === closedIndex ? "CLOSED_PERMANENTLY" : i === temporarilyClosedIndex ? "CLOSED_TEMPORARILY" : "OPERATIONAL";
    place.types = vertical.types;
    return place;
  });

  if (SHARED_DOMAIN_PAIRS.has(key)) addSharedDomainLocations(rng, places, vertical, geo);
  if (DUPLICATE_PLACE_PAIRS.has(key)) {
    // The same listing twice, a few rows apart, as paginated/merged results sometimes are.
    const original = places.find((p) => p.businessStatus === "OPERATIONAL" && p.website && p.phone)!;
    places.splice(Math.min(places.length, places.indexOf(original) + int(rng, 3, 6)), 0, { ...original });
  }
  return places;
}

/** Turn two own-website places into two locations of one brand sharing one domain. */
function addSharedDomainLocations(rng: Rng, places: DemoPlace[], vertical: VerticalSpec, geo: GeographySpec) {
  const candidates = places.filter(
    (p) =>
      p.website?.includes(".example") &&
      p.businessStatus === "OPERATIONAL" &&
      !Object.values(HAND_PLACED)
        .flat()
        .some((h) => h.name === p.name),
  );
  const [first, second] = candidates;
  const [hoodA, hoodB] = shuffled(rng, geo.hoods);
  const domain = claimDomain(slugify(vertical.chainBrand), geo);
  first.name = `${vertical.chainBrand} – ${hoodA}`;
  first.website = `https://www.${domain}/locations/${slugify(hoodA, "-")}`;
  second.name = `${vertical.chainBrand} ${hoodB}`;
  second.website = `http://${domain}/${slugify(hoodB, "-")}`;
  first.phone = first.phone && checkPhone(first.phone).ok ? first.phone : validPhone(rng, geo);
  second.phone = second.phone && checkPhone(second.phone).ok ? second.phone : validPhone(rng, geo);
}

/** The whole dataset, identical on every call. */
export function generateDemoDataset(): DemoDataset {
  usedPlaceIds.clear();
  usedDomains.clear();
  usedPhones.clear();
  for (const forced of Object.values(HAND_PLACED).flat()) {
    if (forced.website) usedDomains.add(new URL(forced.website).hostname.replace(/^www\./, ""));
  }
  const places = VERTICALS.flatMap((v) => GEOGRAPHIES.map((g) => ({ v, g }))).flatMap(({ v, g }) => generatePair(v, g));
  const dataset: DemoDataset = {
    verticals: VERTICALS.map(({ key, label, aliases }) => ({ key, label, aliases })),
    geographies: GEOGRAPHIES.map(({ key, label, aliases, country }) => ({ key, label, aliases, country })),
    places: places.map(inFieldOrder),
  };
  return demoDatasetSchema.parse(dataset);
}

/** Places fields first (as a provider returns them), campaign tags last. */
function inFieldOrder(p: DemoPlace): DemoPlace {
  const { placeId, name, address, city, phone, website, rating, reviewsCount, businessStatus, types, vertical, geography } = p;
  return { placeId, name, address, city, phone, website, rating, reviewsCount, businessStatus, types, vertical, geography };
}

/** The file's exact contents (pretty top level, one place per line for readable diffs). */
export function serializeDemoDataset(dataset: DemoDataset): string {
  const block = (items: unknown[]) => items.map((item) => `    ${JSON.stringify(item)}`).join(",\n");
  return [
    "{",
    `  "verticals": [\n${block(dataset.verticals)}\n  ],`,
    `  "geographies": [\n${block(dataset.geographies)}\n  ],`,
    `  "places": [\n${block(dataset.places)}\n  ]`,
    "}",
    "",
  ].join("\n");
}

const runAsScript = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runAsScript) {
  const dataset = generateDemoDataset();
  writeFileSync(OUTPUT, serializeDemoDataset(dataset));
  console.log(`wrote ${dataset.places.length} places (${dataset.verticals.length} verticals × ${dataset.geographies.length} geographies) to ${OUTPUT}`);
}
