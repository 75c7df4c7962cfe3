/**
 * fast-check arbitraries for request bodies and queries, from the JSON Schema of a route's zod
 * schema: values that are mostly well-formed (so that they reach deep into validation and the
 * services), with mistakes mixed in at every level (a wrong type, a missing field, an unknown
 * field, a string past its pattern), and plain arbitrary JSON.
 */
import fc from 'fast-check';
import { z } from 'zod';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

const anyJson = fc.jsonValue({ maxDepth: 3 });
const MAX_ITEMS = 4;

/**
 * Values for `schema`: 70 % shaped by it (with mutations), 30 % arbitrary JSON.
 *
 * @example
 * fc.assert(fc.property(requestArbitrary(CreateCaseRequest), (body) => ...));
 */
export function requestArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const defs = json.$defs ?? {};
  return fc.oneof(
    { weight: 7, arbitrary: shaped(json, defs, 0) },
    { weight: 3, arbitrary: anyJson },
  );
}

function shaped(
  schema: JsonSchema,
  defs: Record<string, JsonSchema>,
  depth: number,
): fc.Arbitrary<unknown> {
  // At every level, now and then, something else entirely.
  return fc.oneof(
    { weight: 12, arbitrary: exact(schema, defs, depth) },
    { weight: 1, arbitrary: anyJson },
  );
}

function exact(
  schema: JsonSchema,
  defs: Record<string, JsonSchema>,
  depth: number,
): fc.Arbitrary<unknown> {
  if (depth > 6) return anyJson;
  if (schema.$ref !== undefined) {
    const target = defs[schema.$ref.replace(/^#\/\$defs\//, '')];
    return target === undefined ? anyJson : exact(target, defs, depth + 1);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) {
    return fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...schema.enum) },
      { weight: 1, arbitrary: fc.string() },
    );
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined && alternatives.length > 0) {
    return fc.oneof(...alternatives.map((alternative) => shaped(alternative, defs, depth + 1)));
  }
  if (schema.allOf !== undefined && schema.allOf.length > 0) {
    return shaped(schema.allOf[0]!, defs, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type ?? '') {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of properties) record[name] = shaped(property, defs, depth + 1);
      const base = fc.record(record, {
        requiredKeys: properties.map(([name]) => name).filter((name) => required.has(name)),
      });
      return fc.oneof(
        { weight: 8, arbitrary: base },
        // A required field missing.
        { weight: 1, arbitrary: fc.record(record, { requiredKeys: [] }) },
        // A field nobody asked for (a name, a photo…).
        {
          weight: 1,
          arbitrary: fc
            .tuple(base, fc.string({ minLength: 1, maxLength: 12 }), anyJson)
            .map(([value, key, extra]) => ({ ...(value as object), [key]: extra })),
        },
      );
    }
    case 'array': {
      if (schema.prefixItems !== undefined) {
        return fc.tuple(...schema.prefixItems.map((item) => shaped(item, defs, depth + 1)));
      }
      const item = schema.items === undefined ? anyJson : shaped(schema.items, defs, depth + 1);
      const min = schema.minItems ?? 0;
      return fc.oneof(
        {
          weight: 8,
          arbitrary: fc.array(item, {
            minLength: Math.min(min, MAX_ITEMS),
            maxLength: Math.max(
              Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS),
              Math.min(min, MAX_ITEMS),
            ),
          }),
        },
        { weight: 1, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: fc.array(item, { minLength: 0, maxLength: 12 }) },
      );
    }
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.oneof(
        {
          weight: 6,
          arbitrary: fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 2 ** 40 }),
        },
        { weight: 1, arbitrary: fc.constantFrom(-1, 0, 2 ** 53, -(2 ** 53), 1e300, 0.5) },
      );
    case 'number':
      return fc.oneof(
        fc.double({
          noNaN: true,
          noDefaultInfinity: true,
          min: schema.minimum ?? -1e6,
          max: schema.maximum ?? 1e9,
        }),
        fc.constantFrom(-0, 1e308, -1),
      );
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return anyJson;
  }
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const free = fc.string({ maxLength: schema.maxLength === undefined ? 40 : schema.maxLength + 2 });
  const options: { weight: number; arbitrary: fc.Arbitrary<string> }[] = [
    { weight: 2, arbitrary: free },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  ];
  if (schema.pattern !== undefined) {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(schema.pattern);
    } catch {
      pattern = undefined;
    }
    if (pattern !== undefined) {
      options.push({
        weight: 8,
        arbitrary: fc.stringMatching(pattern).filter((text) => text.length < 2_000),
      });
    }
  }
  if (schema.format === 'date-time') {
    options.push({
      weight: 4,
      arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    });
  }
  if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    options.push({
      weight: 4,
      arbitrary: fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.min(schema.maxLength ?? 64, 256),
      }),
    });
  }
  return fc.oneof(...options);
}
