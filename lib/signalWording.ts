import type { Signal } from "./signals";

/**
 * What a signal means to the business owner, in plain English: the one table
 * every owner-facing text (summary, fit reason, talking points, outreach
 * drafts) reads. No HTML, no codes, no jargon; the technical evidence stays in
 * the dossier's findings (`identified_gaps[].value`).
 */

/** Lead facts a sentence may quote. */
export interface WordingFacts {
  rating?: number;
  reviewsCount?: number;
  /** Host of the lead's social or directory page ("www.facebook.com"). */
  socialHost?: string;
}

export interface SignalWording {
  /** A noun phrase for lists and the fit reason: "no way to book online". */
  phrase: string;
  /** One or two sentences to the owner: what is wrong and what it costs them. */
  problem: (facts: WordingFacts) => string;
}

function ratingText(facts: WordingFacts): string {
  if (facts.rating === undefined) return "Your Google rating is low";
  const reviews = facts.reviewsCount !== undefined ? ` from ${facts.reviewsCount} review${facts.reviewsCount === 1 ? "" : "s"}` : "";
  return `Your Google rating is ${facts.rating.toFixed(1)} stars${reviews}`;
}

export const SIGNAL_WORDING: Record<Signal, SignalWording> = {
  MISSING_WEBSITE: {
    phrase: "no website",
    problem: () => "You don't have a website, so people who find you on Google have nowhere to learn more or get in touch online.",
  },
  WEAK_WEB_PRESENCE: {
    phrase: "only a social-media page instead of a website",
    problem: (f) =>
      `Your only web presence is ${f.socialHost ? `a page on ${f.socialHost.replace(/^www\./, "")}` : "a social-media or directory page"}, so there is no website of your own where customers can see your services and contact you.`,
  },
  LOW_GOOGLE_RATING: {
    phrase: "a Google rating under 4 stars",
    problem: (f) => `${ratingText(f)}, and many people pass over businesses rated under 4 stars.`,
  },
  NEEDS_WEB_AUDIT: {
    phrase: "a website we have not checked yet",
    problem: () => "We haven't checked your website yet.",
  },
  WEBSITE_NOT_MOBILE_FRIENDLY: {
    phrase: "a website that doesn't work well on phones",
    problem: () => "Your site doesn't adjust to phones, so visitors on mobile have to pinch and zoom to read it.",
  },
  NO_CALL_TO_ACTION: {
    phrase: "no clear way to call or get in touch from the home page",
    problem: () => "Your home page has no clear button to call, book or ask for a quote, so visitors who are ready to buy have to hunt for a way to reach you.",
  },
  NO_SSL: {
    phrase: "a website that isn't secure",
    problem: () => "Your site doesn't use a secure connection, so browsers warn visitors that it is not secure.",
  },
  MIXED_CONTENT: {
    phrase: "parts of the website that load insecurely",
    problem: () => "Some images or files on your site still load over an insecure connection, so browsers may block them or warn visitors.",
  },
  POOR_SEO: {
    phrase: "a website that's hard for Google to understand",
    problem: () =>
      "Your pages are missing the titles and descriptions Google uses to show you in local searches, so nearby customers are less likely to find you.",
  },
  NO_CONTACT_EMAIL: {
    phrase: "no email address on the website",
    problem: () => "Your site doesn't show an email address, so customers who prefer to write have no easy way to reach you.",
  },
  NO_ONLINE_BOOKING: {
    phrase: "no way to book online",
    problem: () => "Customers can't book an appointment on your site, so anyone browsing in the evening has to remember to call back the next day.",
  },
  OUTDATED_WEBSITE: {
    phrase: "a website that looks out of date",
    problem: () => "Your site looks out of date, which can make visitors wonder whether you are still in business.",
  },
  SLOW_OR_HEAVY_PAGE: {
    phrase: "a slow home page",
    problem: () => "Your home page is slow to load, and many visitors give up before it appears, especially on phones.",
  },
  WEBSITE_DOWN: {
    phrase: "a website that isn't working",
    problem: () => "Your website didn't open when we tried it, so anyone who clicks it on Google gets an error instead of your business.",
  },
};

/** "a, b and c" */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
