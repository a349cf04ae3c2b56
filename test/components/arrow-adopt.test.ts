// adoptTable rebuilds a table made by another copy of apache-arrow. Two copies in one process: the ES module
// build (import) and the CommonJS build (require) of the installed package, whose classes are distinct.
import {createRequire} from "node:module";
import * as Arrow from "apache-arrow";
import {describe, expect, it} from "vitest";
import {adoptTable, isOwnTable, type ForeignTable} from "../../src/components/arrow-adopt.js";

const Other = createRequire(import.meta.url)("apache-arrow") as typeof Arrow;

function foreignTable(): Arrow.Table {
  const fields = [
    new Other.Field("roi", new Other.Dictionary(new Other.Utf8(), new Other.Int32()), false),
    new Other.Field("frame", new Other.Int16(), false),
    new Other.Field("counts_per_um2", new Other.Float64(), true, new Map([["unit", "1/um^2"]])),
    new Other.Field("pixels", new Other.Int64(), false),
    new Other.Field("irreversible", new Other.Bool(), true),
    new Other.Field("start_unix_s", new Other.TimestampMillisecond("UTC"), false)
  ];
  const columns = {
    roi: Other.vectorFromArray(["region 1", "region 2", "region 1"], fields[0].type),
    frame: Other.vectorFromArray([0, 1, 2], fields[1].type),
    counts_per_um2: Other.vectorFromArray([1.5, null, 3.25], fields[2].type),
    pixels: Other.vectorFromArray([10n, 20n, 2n ** 40n], fields[3].type),
    irreversible: Other.vectorFromArray([true, false, null], fields[4].type),
    start_unix_s: Other.vectorFromArray([0, 1_700_000_000_000, 1_750_000_000_000], fields[5].type)
  };
  return new Other.Table(new Other.Schema(fields, new Map([["run", "reference"]])), columns as never);
}

describe("adoptTable", () => {
  const foreign = foreignTable();

  it("has two distinct copies to work with (else this test would prove nothing)", () => {
    expect(isOwnTable(foreign, Arrow)).toBe(false);
    expect(foreign instanceof Arrow.Table).toBe(true); // Arrow 21's cross-library instanceof, which the writer does not honour:
    expect(() => Arrow.tableFromIPC(Arrow.tableToIPC(foreign, "stream"))).toThrow();
  });

  it("rebuilds the table in the given copy, which then writes a stream that reads back the same", () => {
    const adopted = adoptTable(foreign as unknown as ForeignTable, Arrow);
    expect(isOwnTable(adopted, Arrow)).toBe(true);
    const back = Arrow.tableFromIPC(Arrow.tableToIPC(adopted, "stream"));
    expect(back.toArray().map((row) => row.toJSON())).toEqual(foreign.toArray().map((row) => row.toJSON()));
  });

  it("keeps types, nullability and field and schema metadata", () => {
    const adopted = adoptTable(foreign as unknown as ForeignTable, Arrow);
    expect(adopted.schema.fields.map((field) => [field.name, String(field.type), field.nullable])).toEqual(
      foreign.schema.fields.map((field) => [field.name, String(field.type), field.nullable])
    );
    expect(adopted.schema.fields[2].metadata.get("unit")).toBe("1/um^2");
    expect(adopted.schema.metadata.get("run")).toBe("reference");
    expect(adopted.getChild("counts_per_um2")!.get(1)).toBeNull();
    expect(adopted.getChild("pixels")!.get(2)).toBe(2n ** 40n);
  });

  it("returns a table of the same copy as it is", () => {
    const own = Arrow.tableFromArrays({a: Int32Array.of(1, 2)});
    expect(adoptTable(own as unknown as ForeignTable, Arrow)).toBe(own);
  });

  it("names the column whose type it cannot copy", () => {
    const lists = new Other.Table({xs: Other.vectorFromArray([[1, 2]], new Other.List(new Other.Field("item", new Other.Int32())))});
    expect(() => adoptTable(lists as unknown as ForeignTable, Arrow)).toThrow(/column "xs": Arrow type 12/);
  });
});
