import type { ScalarValue, ToolFields } from './tool-call.js';
import type { ResponseField, ToolDefinition } from './tool-definition.js';

/** RFC 6901 pointer into a parsed JSON value; undefined when the path does not exist. */
export function readPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(key)) return undefined;
      current = current[Number(key)];
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, key)) {
      current = (current as Record<string, unknown>)[key];
    } else return undefined;
  }
  return current;
}

export type MappedResponse = { ok: true; fields: ToolFields } | { ok: false; message: string };

const MAX_STRING_CHARS = 500;

function scalar(value: unknown, type: 'string' | 'number' | 'boolean'): ScalarValue | undefined {
  if (type === 'string' && typeof value === 'string' && value.length <= MAX_STRING_CHARS) return value;
  if (type === 'number' && typeof value === 'number' && Number.isFinite(value)) return value;
  if (type === 'boolean' && typeof value === 'boolean') return value;
  return undefined;
}

function mapField(
  document: unknown,
  name: string,
  field: ResponseField,
): { value?: ToolFields[string]; error?: string } {
  const raw = readPointer(document, field.pointer);
  if (raw === undefined || raw === null)
    return field.optional ? {} : { error: `${name}: missing at ${field.pointer}` };
  if (field.type !== 'list') {
    const value = scalar(raw, field.type);
    return value === undefined ? { error: `${name}: not a ${field.type} at ${field.pointer}` } : { value };
  }
  if (!Array.isArray(raw)) return { error: `${name}: not a list at ${field.pointer}` };
  const items: Record<string, ScalarValue>[] = [];
  for (const [index, item] of raw.slice(0, field.maxItems).entries()) {
    const record: Record<string, ScalarValue> = {};
    for (const [itemName, itemField] of Object.entries(field.items)) {
      const value = readPointer(item, itemField.pointer);
      if (value === undefined || value === null) {
        if (itemField.optional) continue;
        return { error: `${name}[${index}].${itemName}: missing` };
      }
      const checked = scalar(value, itemField.type);
      if (checked === undefined) return { error: `${name}[${index}].${itemName}: not a ${itemField.type}` };
      record[itemName] = checked;
    }
    items.push(record);
  }
  return { value: items };
}

/** The named fields the definition maps, each of its declared type; any mismatch fails the whole call. */
export function mapToolResponse(tool: ToolDefinition, document: unknown): MappedResponse {
  const fields: ToolFields = {};
  for (const [name, field] of Object.entries(tool.response)) {
    const mapped = mapField(document, name, field);
    if (mapped.error) return { ok: false, message: mapped.error };
    if (mapped.value !== undefined) fields[name] = mapped.value;
  }
  return { ok: true, fields };
}
