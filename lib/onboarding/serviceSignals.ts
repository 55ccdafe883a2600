/**
 * Which problems (signal codes, lib/signals.ts) an agency's service fixes, read from its own words.
 * One rule table, used by the heuristic extractor and to check an LLM's answer: a service that matches
 * no rule answers no signal. Patterns run on lower-cased text; the matched words become the evidence.
 */
import type { Signal } from "../signals";

export interface ServiceSignalRule {
  /** What the rule recognises, for tests and reviewers. */
  topic: string;
  pattern: RegExp;
  signals: readonly Signal[];
}

export const SERVICE_SIGNAL_RULES: readonly ServiceSignalRule[] = [
  {
    topic: "website design and build",
    pattern:
      /\b(?:web ?site|web) (?:design|build(?:s|ing)?|development|redesigns?)\b|\bcustom (?:web ?sites?|sites)\b|\bnew (?:web ?site|site)s?\b|\blaunch(?:es|ing)? (?:your|a) (?:new |first )?(?:web ?site|site)\b/,
    signals: ["MISSING_WEBSITE", "WEAK_WEB_PRESENCE", "OUTDATED_WEBSITE"],
  },
  {
    topic: "moving off a social-only presence",
    pattern: /\b(?:only|just) (?:a |have a )?(?:facebook|instagram|yelp) (?:page|profile)\b|\bbeyond (?:a )?(?:facebook|social media) pages?\b/,
    signals: ["WEAK_WEB_PRESENCE"],
  },
  {
    topic: "redesigning dated sites",
    pattern: /\bredesigns?\b|\bmoderni[sz](?:e|es|ing|ation)\b|\boutdated\b|\bdated (?:web ?sites?|sites|designs?)\b/,
    signals: ["OUTDATED_WEBSITE"],
  },
  {
    topic: "mobile-friendly design",
    pattern: /\bmobile[- ](?:first|friendly|responsive|ready)\b|\bresponsive (?:design|web ?sites?|layouts?)\b|\bon (?:every|any) (?:phone|device|screen)\b/,
    signals: ["WEBSITE_NOT_MOBILE_FRIENDLY"],
  },
  {
    topic: "online booking",
    pattern:
      /\bonline (?:booking|scheduling|appointments?)\b|\bbook(?:ing)? (?:online|appointments?)\b|\bappointment (?:booking|scheduling|requests?)\b|\bscheduling (?:tools?|software|widgets?)\b/,
    signals: ["NO_ONLINE_BOOKING"],
  },
  {
    topic: "conversion and calls to action",
    pattern:
      /\bconversion\b|\bcalls?[- ]to[- ]action\b|\bclick[- ]to[- ]call\b|\blead (?:capture|generation|forms?)\b|\bquote (?:forms?|requests?|buttons?)\b|\bcontact forms?\b/,
    signals: ["NO_CALL_TO_ACTION"],
  },
  {
    topic: "search engine optimisation",
    pattern:
      /\bseo\b|\bsearch engine\b|\blocal search\b|\bgoogle business profile\b|\bgoogle maps\b|\bmap pack\b|\bschema markup\b|\bstructured data\b|\bmeta (?:titles?|descriptions?)\b|\b(?:local )?citations\b|\bkeyword research\b|\brank(?:s|ing)? (?:higher|in local|on google)\b/,
    signals: ["POOR_SEO"],
  },
  {
    topic: "reviews and reputation",
    pattern:
      /\breputation\b|\breview (?:generation|requests?|management|responses?)\b|\b(?:google|online|customer) reviews\b|\bstar ratings?\b|\b(?:low|bad|negative) (?:ratings?|reviews)\b/,
    signals: ["LOW_GOOGLE_RATING"],
  },
  {
    topic: "HTTPS and security",
    pattern: /\bssl\b|\bhttps\b|\bsecure hosting\b|\bsecurity (?:certificates?|updates|patches)\b|\bmixed content\b/,
    signals: ["NO_SSL", "MIXED_CONTENT"],
  },
  {
    topic: "speed and performance",
    pattern:
      /\b(?:page|site|website) speed\b|\bfast[- ]loading\b|\bload(?:s|ing)? (?:time|faster|in under)\b|\bcore web vitals\b|\bspeed optimi[sz]ation\b|\bperformance (?:optimi[sz]ation|tuning)\b/,
    signals: ["SLOW_OR_HEAVY_PAGE"],
  },
  {
    topic: "hosting, maintenance and uptime",
    pattern: /\buptime\b|\bdowntime\b|\bmaintenance plans?\b|\bweb ?site maintenance\b|\bmanaged hosting\b|\b24\/7 monitoring\b/,
    signals: ["WEBSITE_DOWN"],
  },
  {
    topic: "contact details and business email",
    pattern:
      /\b(?:professional|business) email\b|\bemail (?:addresses|setup) on your (?:own )?domain\b|\bcontact (?:details|information) (?:customers|visitors) can find\b/,
    signals: ["NO_CONTACT_EMAIL"],
  },
];

export interface SignalMatch {
  signal: Signal;
  /** The words of `text` the rule matched (original case). */
  evidence: string;
}

/** Every signal the text shows the agency solves, in rule order, each once, with the words that show it. */
export function signalsInText(text: string): SignalMatch[] {
  const lower = text.toLowerCase();
  const found = new Map<Signal, string>();
  for (const rule of SERVICE_SIGNAL_RULES) {
    const match = rule.pattern.exec(lower);
    if (!match) continue;
    // Lower-casing keeps indices for the ASCII text these patterns match.
    const evidence = text.slice(match.index, match.index + match[0].length);
    for (const signal of rule.signals) if (!found.has(signal)) found.set(signal, evidence);
  }
  return [...found].map(([signal, evidence]) => ({ signal, evidence }));
}
