import { Lut3D, MAX_LUT_SIZE, MIN_LUT_SIZE, assertLut } from './lut3d';

/**
 * Adobe/Resolve `.cube` 3D LUT files (Cube LUT Specification 1.0).
 *
 * Writing: TITLE, then LUT_3D_SIZE, then DOMAIN_MIN/DOMAIN_MAX — in that
 * order because ffmpeg's lut3d parser only honours DOMAIN_* lines that follow
 * LUT_3D_SIZE — then size³ lines "R G B" with red varying fastest. Numbers are
 * the shortest decimal (≥ 6 significant digits) that parses back to the same
 * float32, so write → read is bit-exact.
 *
 * Reading: accepts comments (#), blank lines, TITLE, LUT_3D_SIZE,
 * DOMAIN_MIN/DOMAIN_MAX, Resolve's LUT_3D_INPUT_RANGE, in any order before
 * the data; any malformed line raises a CubeParseError naming its line number.
 */
export class CubeParseError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = 'CubeParseError';
  }
}

export interface WriteCubeOptions {
  /** Comment lines written at the top (without the leading '#'). */
  comments?: string[];
  title?: string;
}

export function writeCube(lut: Lut3D, options: WriteCubeOptions = {}): string {
  assertLut(lut);
  const lines: string[] = [];
  for (const c of options.comments ?? []) for (const part of c.split(/\r?\n/)) lines.push(`# ${part}`.trimEnd());
  const title = options.title ?? lut.title;
  if (title !== undefined) lines.push(`TITLE "${title.replace(/["\r\n]/g, ' ')}"`);
  lines.push(`LUT_3D_SIZE ${lut.size}`);
  lines.push(`DOMAIN_MIN ${lut.domainMin.map(formatFloat32).join(' ')}`);
  lines.push(`DOMAIN_MAX ${lut.domainMax.map(formatFloat32).join(' ')}`);
  const d = lut.data;
  for (let i = 0; i < d.length; i += 3) lines.push(`${formatFloat32(d[i])} ${formatFloat32(d[i + 1])} ${formatFloat32(d[i + 2])}`);
  return lines.join('\n') + '\n';
}

/** Shortest decimal with ≥ 6 significant digits that reads back as the same float32. */
export function formatFloat32(value: number): string {
  const v = Math.fround(value);
  if (v === 0) return '0.000000';
  if (!Number.isFinite(v)) throw new RangeError(`cannot write ${value} to a .cube file`);
  if (Math.abs(v) < 1e-6) {
    for (let p = 6; p <= 9; p++) {
      const s = v.toExponential(p - 1);
      if (Math.fround(Number(s)) === v) return s;
    }
  }
  for (let p = 6; p <= 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return s;
  }
  return v.toPrecision(9);
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function parseCube(text: string): Lut3D {
  const lines = text.split(/\r\n|\n|\r/);
  let size = 0;
  let title: string | undefined;
  let domainMin: [number, number, number] = [0, 0, 0];
  let domainMax: [number, number, number] = [1, 1, 1];
  let data: Float32Array | null = null;
  let count = 0;
  let lastDataLine = 0;

  for (let li = 0; li < lines.length; li++) {
    const lineNo = li + 1;
    const raw = lines[li];
    const line = (raw.trimStart().startsWith('TITLE') ? raw : raw.replace(/#.*$/, '')).trim();
    if (line === '') continue;
    const first = line.split(/\s+/, 1)[0];
    if (first === 'TITLE') {
      const m = /^TITLE\s+"([^"]*)"\s*$/.exec(line) ?? /^TITLE\s+(.*)$/.exec(line);
      if (!m) throw new CubeParseError('TITLE needs a quoted string', lineNo);
      title = m[1];
      continue;
    }
    if (first === 'LUT_1D_SIZE') throw new CubeParseError('1D LUTs (LUT_1D_SIZE) are not supported; give a 3D LUT', lineNo);
    if (first === 'LUT_3D_SIZE') {
      if (data) throw new CubeParseError('LUT_3D_SIZE given twice', lineNo);
      const parts = line.split(/\s+/);
      const n = Number(parts[1]);
      if (parts.length !== 2 || !Number.isInteger(n) || n < MIN_LUT_SIZE || n > MAX_LUT_SIZE) {
        throw new CubeParseError(`LUT_3D_SIZE must be an integer in ${MIN_LUT_SIZE}..${MAX_LUT_SIZE} (got '${parts.slice(1).join(' ')}')`, lineNo);
      }
      size = n;
      data = new Float32Array(n * n * n * 3);
      continue;
    }
    if (first === 'DOMAIN_MIN' || first === 'DOMAIN_MAX') {
      if (count > 0) throw new CubeParseError(`${first} after the data started`, lineNo);
      const v = triple(line.split(/\s+/).slice(1), lineNo, first);
      if (first === 'DOMAIN_MIN') domainMin = v;
      else domainMax = v;
      continue;
    }
    if (first === 'LUT_3D_INPUT_RANGE') {
      const parts = line.split(/\s+/).slice(1);
      if (parts.length !== 2 || !parts.every(isFiniteNumber)) throw new CubeParseError('LUT_3D_INPUT_RANGE needs two finite numbers', lineNo);
      domainMin = [Number(parts[0]), Number(parts[0]), Number(parts[0])];
      domainMax = [Number(parts[1]), Number(parts[1]), Number(parts[1])];
      continue;
    }
    if (/^[A-Z][A-Z0-9_]*$/.test(first)) {
      if (count > 0) throw new CubeParseError(`keyword ${first} inside the data`, lineNo);
      continue; // other keywords (e.g. LUT_IN_VIDEO_RANGE) carry nothing we apply
    }
    if (!data) throw new CubeParseError(`data before LUT_3D_SIZE: '${clip(line)}'`, lineNo);
    if (count >= size ** 3) throw new CubeParseError(`more than ${size ** 3} data lines for LUT_3D_SIZE ${size}`, lineNo);
    const v = triple(line.split(/\s+/), lineNo, 'a data line');
    data[count * 3] = v[0];
    data[count * 3 + 1] = v[1];
    data[count * 3 + 2] = v[2];
    count++;
    lastDataLine = lineNo;
  }
  if (!data) throw new CubeParseError('no LUT_3D_SIZE line: not a 3D .cube file', null);
  if (count !== size ** 3) {
    throw new CubeParseError(`expected ${size ** 3} data lines for LUT_3D_SIZE ${size}, found ${count}`, lastDataLine || null);
  }
  for (let c = 0; c < 3; c++) {
    if (!(domainMax[c] > domainMin[c])) throw new CubeParseError('DOMAIN_MAX must be greater than DOMAIN_MIN on every channel', null);
  }
  return { size, data, domainMin, domainMax, ...(title !== undefined ? { title } : {}) };
}

function triple(parts: string[], lineNo: number, what: string): [number, number, number] {
  if (parts.length !== 3 || !parts.every((p) => NUMBER.test(p))) {
    throw new CubeParseError(`${what} needs exactly three numbers (got '${clip(parts.join(' '))}')`, lineNo);
  }
  // `1e999` has the shape of a number but is Infinity: refused like `nan`, not written into the LUT.
  if (!parts.every(isFiniteNumber)) throw new CubeParseError(`${what} has a number out of range (got '${clip(parts.join(' '))}')`, lineNo);
  return [Number(parts[0]), Number(parts[1]), Number(parts[2])];
}

function isFiniteNumber(text: string): boolean {
  return NUMBER.test(text) && Number.isFinite(Number(text));
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}
