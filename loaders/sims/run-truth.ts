/**
 * The ground truth of a synthetic run (`truth/truth.json`, docs/data-model.md), checked before the build copies
 * it: the parts the pages read (schema, particles with id, region, kind and irreversible).
 */
export function truthProblems(truth: unknown, regionIds: readonly string[]): string[] {
  if (typeof truth !== "object" || truth === null || Array.isArray(truth)) return ["not a JSON object"];
  const {schema, particles} = truth as {schema?: unknown; particles?: unknown};
  const problems: string[] = [];
  if (schema !== "operando-notebook/truth@1") problems.push(`/schema: expected "operando-notebook/truth@1", got ${JSON.stringify(schema)?.slice(0, 40)}`);
  if (!Array.isArray(particles)) return [...problems, "/particles: must be an array"];
  particles.forEach((p, i) => {
    const {id, region, kind, irreversible} = (typeof p === "object" && p !== null ? p : {}) as Record<string, unknown>;
    if (!Number.isInteger(id)) problems.push(`/particles/${i}/id: must be an integer`);
    if (typeof region !== "string" || !regionIds.includes(region)) problems.push(`/particles/${i}/region: must be a region of the manifest (${regionIds.join(", ")})`);
    if (typeof kind !== "string") problems.push(`/particles/${i}/kind: must be a string`);
    if (typeof irreversible !== "boolean") problems.push(`/particles/${i}/irreversible: must be true or false`);
  });
  return problems;
}
