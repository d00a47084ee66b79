// The form's model: transform items <-> the wire format, exactly. A member the form cannot
// show as typed text (a number in `value`, a string in `number`, `null`, an unknown member) is
// kept as it was pasted and sent to the engine unchanged, so the engine, not this page, says
// whether it is valid. Also the human labels of the type picker (presentation only: what each
// type does, its fields and its group come from the engine's `types()`).

export const FIELDS = ['value', 'value2', 'number'];
export const MEMBERS = ['type', ...FIELDS];

/** Labels people read in the type picker; a type missing here gets one made from its name. */
const LABELS = {
  add_prefix: 'Add prefix',
  add_suffix: 'Add suffix',
  replace: 'Replace text',
  strip_digits_start: 'Strip from start',
  strip_digits_end: 'Strip from end',
  keep_digits_start: 'Keep first characters',
  keep_digits_end: 'Keep last characters',
  strip_prefix: 'Strip prefix',
  strip_suffix: 'Strip suffix',
  replace_prefix: 'Replace prefix',
  ensure_prefix: 'Ensure prefix',
  set: 'Set the number',
  set_if_empty: 'Set if withheld',
  remove_chars: 'Remove characters',
  digits_only: 'Digits only',
  regex_replace: 'Regex replace',
  mask: 'Mask',
  to_e164: 'To E.164',
  from_e164: 'From E.164',
  if_prefix: 'If starts with',
  if_suffix: 'If ends with',
  if_pattern: 'If dial pattern',
  if_regex: 'If regex matches',
  if_length: 'If length',
  stop: 'Stop',
};

export function labelOf(name) {
  if (LABELS[name]) return LABELS[name];
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An empty form item of a type. */
export function blank(type = '') {
  return { type, value: '', value2: '', number: '', raw: {}, extra: {}, whole: undefined };
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A wire transform (any JSON value) -> a form item that gives the same JSON back. */
export function fromWire(obj) {
  const item = blank();
  if (!isObject(obj)) {
    item.whole = obj; // not an object at all: the engine's error says so; kept until replaced
    return item;
  }
  for (const [key, v] of Object.entries(obj)) {
    if (!MEMBERS.includes(key)) {
      item.extra[key] = v;
    } else if (key === 'number') {
      if (typeof v === 'number' && Number.isFinite(v)) item.number = String(v);
      else {
        item.raw.number = v;
        item.number = v === null ? '' : JSON.stringify(v);
      }
    } else if (typeof v === 'string') {
      item[key] = v;
    } else {
      item.raw[key] = v;
      item[key] = v === null ? '' : JSON.stringify(v);
    }
  }
  if (!('type' in obj)) item.raw.type = undefined; // absent stays absent (the engine: missing)
  return item;
}

/** The form's text of `number` as JSON: a number when it reads as one, else the text itself. */
function numberFromText(text) {
  const n = text.trim();
  if (n === '') return undefined;
  return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(n) ? Number(n) : text;
}

/** A form item -> the wire object: empty fields omitted, kept members as they were. */
export function toWire(item) {
  if (item.whole !== undefined) return item.whole;
  const out = {};
  const put = (key, v) => {
    if (v !== undefined) out[key] = v;
  };
  put('type', 'type' in item.raw ? item.raw.type : item.type);
  put('value', 'value' in item.raw ? item.raw.value : item.value === '' ? undefined : item.value);
  put('value2', 'value2' in item.raw ? item.raw.value2 : item.value2 === '' ? undefined : item.value2);
  put('number', 'number' in item.raw ? item.raw.number : numberFromText(item.number));
  for (const [key, v] of Object.entries(item.extra)) put(key, v);
  return out;
}

/** Items -> the `caller_id_transforms` array. */
export const wireList = (items) => items.map(toWire);

/**
 * What Export gives: the array, or the imported trunk object with its other members as they
 * were and `caller_id_transforms` replaced (null stays null while the list is empty).
 */
export function exportValue(doc) {
  const list = wireList(doc.transforms);
  if (!doc.trunk) return list;
  const out = {};
  let placed = false;
  for (const [key, v] of Object.entries(doc.trunk)) {
    if (key === 'caller_id_transforms') {
      out[key] = doc.listNull && !list.length ? null : list;
      placed = true;
    } else out[key] = v;
  }
  if (!placed) out.caller_id_transforms = list;
  return out;
}

/** A document (transforms + trunk) as a plain JSON value, and back: for undo, storage, links. */
export function serialise(doc) {
  return { transforms: wireList(doc.transforms), trunk: doc.trunk ?? null, listNull: Boolean(doc.listNull) };
}

export function deserialise(data) {
  if (!isObject(data) || !Array.isArray(data.transforms)) throw new Error('no transforms');
  return {
    transforms: data.transforms.map(fromWire),
    trunk: isObject(data.trunk) ? data.trunk : null,
    listNull: data.listNull === true,
  };
}
