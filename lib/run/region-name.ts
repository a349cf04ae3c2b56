// What pages call a region: the manifest's label for it ("Positive electrode (NCA composite)"), else its id.

export function regionName(manifest: {regions: {id: string; label?: string}[]}, region: string): string {
  return manifest.regions.find((r) => r.id === region)?.label ?? region;
}
