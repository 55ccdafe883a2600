import type { Element } from "domhandler";
import { DomUtils } from "htmlparser2";
import { type ParsedPage, type PageLink, accessibleName, attr, elementText, elementsOf, hasAncestor } from "../parsedPage";

const MENU_TAGS = new Set(["nav"]);
const SEARCH_OR_NEWSLETTER = /\b(search|newsletter|subscribe|subscription|signup|sign-up|mailchimp|mc-embedded|mc4wp|login|log-in|signin)\b/i;
const PAYMENT_FORM = /paypal\.com|\b(cmd|hosted_button_id|business|item_number)\b/i;
const SUBMIT_WORDING = /\b(send|submit|contact|request|book|reserve|get (?:a |my |your )?(?:quote|estimate)|schedule|message)\b/i;

/** Where a link really goes: nowhere ("#", "javascript:"), somewhere on this page ("#contact"), or elsewhere. */
export type LinkTarget = { kind: "dead" } | { kind: "in-page"; id: string } | { kind: "page"; url: URL };

export function linkTarget(link: PageLink, pageUrl: string): LinkTarget {
  const raw = (attr(link.element, "href") ?? "").trim();
  if (raw === "" || /^#!?$/.test(raw) || /^javascript:/i.test(raw)) return { kind: "dead" };
  if (raw.startsWith("#")) return { kind: "in-page", id: decodeURIComponent(raw.slice(1).replace(/^!/, "")) };
  let url: URL;
  try {
    url = new URL(link.href);
  } catch {
    return { kind: "dead" };
  }
  const here = new URL(pageUrl);
  if (url.origin === here.origin && url.pathname === here.pathname && url.search === here.search) {
    return url.hash.length > 1 ? { kind: "in-page", id: decodeURIComponent(url.hash.slice(1)) } : { kind: "dead" };
  }
  return { kind: "page", url };
}

/** Does the link lead to the site's home page (a "Contact Us" that goes home is not a call to action)? */
export function isHomeLink(target: LinkTarget): boolean {
  return target.kind === "page" && /^\/(index\.(html?|php))?$/i.test(target.url.pathname) && target.url.search === "";
}

/** A navigation-menu item: inside <nav> or a list with a menu/nav class. */
export function isMenuItem(element: Element): boolean {
  if (hasAncestor(element, MENU_TAGS)) return true;
  for (let node = element.parent; node && "name" in node; node = node.parent) {
    if ((node.name === "ul" || node.name === "div") && /\b(nav|navbar|menu|navigation)\b/i.test(attr(node, "class") ?? "")) return true;
  }
  return false;
}

export function isInside(node: Element, ancestor: Element): boolean {
  for (let current = node.parent; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

function fieldsIn(container: Element): Element[] {
  return DomUtils.findAll((e) => e.name === "input" || e.name === "textarea" || e.name === "select", container.children);
}

function visibleFields(fields: readonly Element[]): Element[] {
  return fields.filter((f) => !/^(hidden|submit|button|search|reset|image|checkbox|radio)$/i.test(attr(f, "type") ?? ""));
}

function submitControls(container: Element): Element[] {
  return DomUtils.findAll((e) => {
    if (e.name === "button") return !/^(button|reset)$/i.test(attr(e, "type") ?? "");
    return e.name === "input" && /^(submit|image)$/i.test(attr(e, "type") ?? "");
  }, container.children);
}

/** Why a form is not a way to reach the business, or undefined when it is. */
function notAContactForm(form: Element, fields: readonly Element[]): string | undefined {
  const descriptor = [attr(form, "role"), attr(form, "id"), attr(form, "class"), attr(form, "action"), attr(form, "name")].join(" ");
  if (SEARCH_OR_NEWSLETTER.test(descriptor)) return "search, login or newsletter form";
  if (PAYMENT_FORM.test(attr(form, "action") ?? "") || fields.some((f) => PAYMENT_FORM.test(attr(f, "name") ?? ""))) return "payment button";
  const action = attr(form, "action");
  if (action !== undefined && /^\s*#\s*$/.test(action)) return "posts to #";
  const visible = visibleFields(fields);
  if (visible.some((f) => (attr(f, "type") ?? "").toLowerCase() === "password")) return "login form";
  const hasMessage = visible.some((f) => f.name === "textarea");
  // One field (an email box or a search box) is a signup or search, not a contact form.
  if (!hasMessage && visible.length < 2) return "single-field form";
  if (submitControls(form).length === 0) return "no submit button";
  return undefined;
}

/** A form (or a form-like block of fields built from divs) a visitor can use to reach the business. */
export function contactForm(parsed: ParsedPage): Element | undefined {
  const form = elementsOf(parsed, "form").find((f) => notAContactForm(f, fieldsIn(f)) === undefined);
  if (form) return form;
  // Forms built from divs and a button, sent by script: a message box plus a submit-worded button in the same block.
  for (const textarea of elementsOf(parsed, "textarea")) {
    if (hasAncestor(textarea, new Set(["form"]))) continue;
    for (let block = textarea.parent; block && "name" in block && block.name !== "body"; block = block.parent) {
      const element = block as Element;
      const buttons = [
        ...submitControls(element),
        ...DomUtils.findAll((e) => e.name === "button" || (e.name === "a" && /\bbtn|button\b/i.test(attr(e, "class") ?? "")), element.children),
      ];
      const sends = buttons.find(
        (b) => SUBMIT_WORDING.test(elementText(b) || attr(b, "value") || accessibleName(b)) && !(b.name === "a" && /^#?$/.test((attr(b, "href") ?? "").trim())),
      );
      if (sends && visibleFields(fieldsIn(element)).length >= 2) return element;
      if (sends) break;
    }
  }
  return undefined;
}

/** Does the element with this id (an in-page link's target) hold a contact form or a click-to-call link? */
export function sectionHasContactMeans(parsed: ParsedPage, id: string): boolean {
  const section = DomUtils.findOne((e) => attr(e, "id") === id || attr(e, "name") === id, parsed.document.children);
  if (!section) return false;
  const form = contactForm(parsed);
  if (form && (form === section || isInside(form, section))) return true;
  return parsed.links.some((l) => /^tel:/i.test((attr(l.element, "href") ?? "").trim()) && isInside(l.element, section));
}
