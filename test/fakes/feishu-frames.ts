/**
 * The Feishu long-connection frame (protobuf `pbbp2.Frame`, as encoded by
 * @larksuiteoapi/node-sdk's WSClient), written and read by hand for the fake server:
 * 1 SeqID uint64, 2 LogID uint64, 3 service int32, 4 method int32 (0 control, 1 data),
 * 5 headers repeated {1 key, 2 value}, 6 payloadEncoding, 7 payloadType, 8 payload bytes, 9 LogIDNew.
 */

/** A decoded frame. */
export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: Array<{ key: string; value: string }>;
  payload?: Uint8Array;
}

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function tagged(field: number, wire: number): number[] {
  return varint(field * 8 + wire);
}

function bytesField(field: number, data: Uint8Array): number[] {
  return [...tagged(field, 2), ...varint(data.length), ...data];
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Encode a frame. */
export function encodeFrame(f: Frame): Uint8Array {
  const out: number[] = [
    ...tagged(1, 0),
    ...varint(f.SeqID),
    ...tagged(2, 0),
    ...varint(f.LogID),
    ...tagged(3, 0),
    ...varint(f.service),
    ...tagged(4, 0),
    ...varint(f.method),
  ];
  for (const h of f.headers) {
    const inner = Uint8Array.from([...bytesField(1, utf8(h.key)), ...bytesField(2, utf8(h.value))]);
    out.push(...bytesField(5, inner));
  }
  if (f.payload) out.push(...bytesField(8, f.payload));
  return Uint8Array.from(out);
}

/** Read the fields of one message: field number → values (numbers for varints, bytes otherwise). */
function fields(buf: Uint8Array): Map<number, Array<number | Uint8Array>> {
  const out = new Map<number, Array<number | Uint8Array>>();
  let pos = 0;
  const readVarint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = buf[pos++] as number;
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
  };
  while (pos < buf.length) {
    const tag = readVarint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    let value: number | Uint8Array;
    if (wire === 0) value = readVarint();
    else if (wire === 2) {
      const len = readVarint();
      value = buf.subarray(pos, pos + len);
      pos += len;
    } else throw new Error(`unsupported wire type ${wire}`);
    const list = out.get(field) ?? [];
    list.push(value);
    out.set(field, list);
  }
  return out;
}

/** Decode a frame. */
export function decodeFrame(buf: Uint8Array): Frame {
  const f = fields(buf);
  const num = (n: number) => Number(f.get(n)?.[0] ?? 0);
  const text = (b: number | Uint8Array | undefined) =>
    b instanceof Uint8Array ? new TextDecoder().decode(b) : "";
  const headers = (f.get(5) ?? []).map((h) => {
    const hf = fields(h as Uint8Array);
    return { key: text(hf.get(1)?.[0]), value: text(hf.get(2)?.[0]) };
  });
  const payload = f.get(8)?.[0];
  return {
    SeqID: num(1),
    LogID: num(2),
    service: num(3),
    method: num(4),
    headers,
    payload: payload instanceof Uint8Array ? payload : undefined,
  };
}
