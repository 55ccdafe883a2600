import { z } from "zod";
import { placeResultSchema } from "./types";

const datasetKey = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "keys are lower-case kebab-case");

/** A business category the demo dataset covers, with the phrasings a user may type for it. */
export const demoVerticalSchema = z.object({
  key: datasetKey,
  label: z.string().min(1),
  aliases: z.array(z.string().min(1)),
});
export type DemoVertical = z.infer<typeof demoVerticalSchema>;

/** A city the demo dataset covers; `country` is the ISO 3166-1 alpha-2 code (GB, not UK). */
export const demoGeographySchema = demoVerticalSchema.extend({
  country: z.string().regex(/^[A-Z]{2}$/),
});
export type DemoGeography = z.infer<typeof demoGeographySchema>;

/** A place as Places would return it, tagged with the demo campaign it belongs to. */
export const demoPlaceSchema = placeResultSchema.extend({
  vertical: datasetKey,
  geography: datasetKey,
});
export type DemoPlace = z.infer<typeof demoPlaceSchema>;

/** The shape of `data/demo-places.json` (written by scripts/generate-demo-places.ts). */
export const demoDatasetSchema = z.object({
  verticals: z.array(demoVerticalSchema).min(1),
  geographies: z.array(demoGeographySchema).min(1),
  places: z.array(demoPlaceSchema),
});
export type DemoDataset = z.infer<typeof demoDatasetSchema>;
