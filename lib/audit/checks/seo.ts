import type { AuditCheck } from "../auditedSite";
import { type ParsedPage, elementText, elementsOf } from "../parsedPage";

/** schema.org LocalBusiness and the subtypes local businesses use most. */
export const LOCAL_BUSINESS_TYPES = new Set(
  [
    "LocalBusiness",
    "AnimalShelter",
    "ArchiveOrganization",
    "AutomotiveBusiness",
    "AutoBodyShop",
    "AutoDealer",
    "AutoPartsStore",
    "AutoRental",
    "AutoRepair",
    "AutoWash",
    "GasStation",
    "MotorcycleDealer",
    "MotorcycleRepair",
    "ChildCare",
    "Dentist",
    "DryCleaningOrLaundry",
    "EmergencyService",
    "EmploymentAgency",
    "EntertainmentBusiness",
    "FinancialService",
    "AccountingService",
    "InsuranceAgency",
    "FoodEstablishment",
    "Bakery",
    "BarOrPub",
    "Brewery",
    "CafeOrCoffeeShop",
    "FastFoodRestaurant",
    "IceCreamShop",
    "Restaurant",
    "Winery",
    "GovernmentOffice",
    "HealthAndBeautyBusiness",
    "BeautySalon",
    "DaySpa",
    "HairSalon",
    "HealthClub",
    "NailSalon",
    "TattooParlor",
    "HomeAndConstructionBusiness",
    "Electrician",
    "GeneralContractor",
    "HVACBusiness",
    "HousePainter",
    "Locksmith",
    "MovingCompany",
    "Plumber",
    "RoofingContractor",
    "InternetCafe",
    "LegalService",
    "Attorney",
    "Notary",
    "Library",
    "LodgingBusiness",
    "Hotel",
    "Motel",
    "BedAndBreakfast",
    "MedicalBusiness",
    "MedicalClinic",
    "Optician",
    "Pharmacy",
    "Physician",
    "Physiotherapy",
    "VeterinaryCare",
    "ProfessionalService",
    "RealEstateAgent",
    "SelfStorage",
    "ShoppingCenter",
    "SportsActivityLocation",
    "ExerciseGym",
    "GolfCourse",
    "Store",
    "TravelAgency",
    "TouristInformationCenter",
    "RecyclingCenter",
    "RadioStation",
    "TelevisionStation",
  ].map((t) => t.toLowerCase()),
);

function schemaTypes(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) schemaTypes(item, out);
  } else if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const type = record["@type"];
    for (const t of Array.isArray(type) ? type : [type]) {
      if (typeof t === "string") out.push(t.replace(/^https?:\/\/schema\.org\//i, "").toLowerCase());
    }
    for (const [key, inner] of Object.entries(record)) if (key !== "@type") schemaTypes(inner, out);
  }
}

/** Does the page declare a LocalBusiness (or subtype) in JSON-LD, including inside @graph? */
export function hasLocalBusinessJsonLd(parsed: ParsedPage): boolean {
  const types: string[] = [];
  schemaTypes(parsed.jsonLd, types);
  return types.some((t) => LOCAL_BUSINESS_TYPES.has(t));
}

export const checkSeo: AuditCheck = ({ home, pages }) => {
  const failures: string[] = [];
  if (!home.title) failures.push("missing or blank <title>");
  if (!home.metaDescription) failures.push("missing or blank meta description");
  if (!elementsOf(home, "h1").some((h) => elementText(h) !== "")) failures.push("no <h1> heading");

  const pagesByTitle = new Map<string, string[]>();
  for (const page of pages) {
    if (!page.title) continue;
    const key = page.title.toLowerCase();
    pagesByTitle.set(key, [...(pagesByTitle.get(key) ?? []), page.url]);
  }
  const duplicated = [...pagesByTitle.entries()].find(([, urls]) => new Set(urls).size > 1);
  if (duplicated) failures.push(`${new Set(duplicated[1]).size} pages share the title "${pages.find((p) => p.title?.toLowerCase() === duplicated[0])?.title}"`);

  if (!pages.some(hasLocalBusinessJsonLd)) failures.push("no LocalBusiness structured data (JSON-LD)");

  if (failures.length < 2) return null;
  return { signal: "POOR_SEO", detail: `${failures.length} basic SEO checks fail: ${failures.join("; ")}.`, source_url: home.url };
};
