// Types for the `npm:` modules that Framework serves to pages and that ship no declarations.
declare module "npm:htl" {
  type Template = (strings: TemplateStringsArray, ...values: unknown[]) => any;
  export const html: Template & {fragment: Template};
  export const svg: Template & {fragment: Template};
}

declare module "npm:@observablehq/inputs" {
  export function button(content?: unknown, options?: Record<string, unknown>): HTMLElement & {value: unknown};
  // Of a Map the keys are shown and the values are the input's value.
  export function select<K, V>(data: Map<K, V>, options?: Record<string, unknown>): HTMLElement & {value: V};
  export function select<T>(data: Iterable<T>, options?: Record<string, unknown>): HTMLElement & {value: T};
  export function radio<K, V>(data: Map<K, V>, options?: Record<string, unknown>): HTMLElement & {value: V};
  export function radio<T>(data: Iterable<T>, options?: Record<string, unknown>): HTMLElement & {value: T};
  export function range(extent?: [number, number], options?: Record<string, unknown>): HTMLElement & {value: number};
  export function toggle(options?: Record<string, unknown>): HTMLElement & {value: boolean};
  export function form<T extends unknown[]>(inputs: {[K in keyof T]: HTMLElement & {value: T[K]}}, options?: Record<string, unknown>): HTMLElement & {value: T};
  export function table(data: unknown, options?: Record<string, unknown>): HTMLElement;
}

