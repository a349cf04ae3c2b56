// A table made by another copy of apache-arrow (DuckDB-WASM's, or the one bundled with @operando/lib), rebuilt
// with the given copy, so that this copy's IPC writer accepts it: Arrow's writer checks `instanceof`, and a table
// of another copy comes out corrupt. Column types, nulls and field and schema metadata are kept.
import type * as ArrowModule from "npm:apache-arrow";

type Arrow = typeof ArrowModule;

/** What is read from the other copy's objects: plain properties, so no class of that copy is needed. */
interface ForeignType {
  typeId: number;
  isSigned?: boolean;
  bitWidth?: number;
  precision?: number;
  unit?: number;
  timezone?: string | null;
  dictionary?: ForeignType;
  indices?: ForeignType;
}

export interface ForeignTable {
  numRows: number;
  schema: {fields: {name: string; type: ForeignType; nullable: boolean; metadata: Map<string, string>}[]; metadata: Map<string, string>};
  getChildAt(index: number): {get(row: number): unknown} | null;
}

/** Arrow's `Type` ids (stable across versions: they are the IPC format's). */
const typeIds = {int: 2, float: 3, utf8: 5, bool: 6, date: 8, timestamp: 10, largeUtf8: 20, dictionary: -1} as const;

function typeIn(arrow: Arrow, type: ForeignType, column: string): ArrowModule.DataType {
  switch (type.typeId) {
    case typeIds.int:
      return new arrow.Int(type.isSigned as never, type.bitWidth as never);
    case typeIds.float:
      return new arrow.Float(type.precision as never);
    case typeIds.utf8:
      return new arrow.Utf8();
    case typeIds.largeUtf8:
      return new arrow.LargeUtf8();
    case typeIds.bool:
      return new arrow.Bool();
    case typeIds.date:
      return new arrow.Date_(type.unit as never);
    case typeIds.timestamp:
      return new arrow.Timestamp(type.unit as never, type.timezone);
    case typeIds.dictionary:
      return new arrow.Dictionary(typeIn(arrow, type.dictionary!, column), typeIn(arrow, type.indices!, column) as never);
    default:
      throw new Error(`column ${JSON.stringify(column)}: Arrow type ${type.typeId} cannot be copied between Arrow libraries here`);
  }
}

/**
 * Is the table made by this copy? Not `instanceof`: Arrow 21 answers true for a table of another Arrow 21 copy
 * (Symbol.hasInstance), yet its writer still fails on that table's column types.
 */
export function isOwnTable(table: unknown, arrow: Arrow): table is ArrowModule.Table {
  return Function.prototype[Symbol.hasInstance].call(arrow.Table, table);
}

export function adoptTable(table: ForeignTable, arrow: Arrow): ArrowModule.Table {
  if (isOwnTable(table, arrow)) return table;
  const fields: ArrowModule.Field[] = [];
  const columns: Record<string, ArrowModule.Vector> = {};
  table.schema.fields.forEach((field, index) => {
    const column = table.getChildAt(index)!;
    const values = Array.from({length: table.numRows}, (_, row) => column.get(row));
    const vector = arrow.vectorFromArray(values, typeIn(arrow, field.type, field.name));
    fields.push(new arrow.Field(field.name, vector.type, field.nullable, new Map(field.metadata)));
    columns[field.name] = vector;
  });
  return new arrow.Table(new arrow.Schema(fields, new Map(table.schema.metadata)), columns);
}
