// A static JSON import (no fs) so the dataset bundles into Convex functions and the browser alike.
import rawDataset from "../../../data/demo-places.json";
import { demoDatasetSchema, type DemoDataset } from "./demoDatasetSchema";

let cached: DemoDataset | undefined;

/** The bundled demo dataset, validated once on first use. */
export function loadDemoDataset(): DemoDataset {
  cached ??= demoDatasetSchema.parse(rawDataset);
  return cached;
}
