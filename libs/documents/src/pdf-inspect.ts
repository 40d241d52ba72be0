import { inflateSync } from 'node:zlib';

/**
 * Reads back what a PDF written by {@link PdfBuilder} (pdfkit) holds, for tests and diagnostics: the
 * document information, pages, fonts, images and the text of each page (decoded through the fonts'
 * ToUnicode maps).
 *
 * It understands pdfkit's output — objects in the open (no object streams), direct stream lengths,
 * FlateDecode — and is no general PDF parser.
 */
export interface PdfInspection {
  /** The header's version, e.g. "1.3". */
  version: string;
  /** The document information dictionary (Title, Author, Subject, Keywords, Creator, Producer, CreationDate). */
  info: Record<string, string>;
  pages: PdfInspectedPage[];
  /** BaseFont of every font dictionary, e.g. "BZJHFF+DejaVuSans". */
  fontNames: string[];
  /** FontName of every font whose program is embedded (FontFile, FontFile2 or FontFile3). */
  embeddedFontNames: string[];
  /** Image XObjects, soft masks (the alpha channels of PNGs) left out. */
  images: { width: number; height: number; hasSoftMask: boolean }[];
}

export interface PdfInspectedPage {
  width: number;
  height: number;
  /** One entry per text-showing operation (pdfkit writes one per line fragment), in drawing order. */
  textRuns: string[];
  /** The runs joined with line breaks. */
  text: string;
}

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

export function inspectPdf(pdf: Buffer): PdfInspection {
  const source = pdf.toString('latin1');
  const header = /^%PDF-(\d\.\d)/.exec(source);
  if (!header?.[1]) {
    throw new Error('not a PDF: no %PDF- header');
  }
  const objects = readObjects(pdf, source);
  const resolve = (value: string): string => {
    const ref = /^\s*(\d+) 0 R\s*$/.exec(value);
    return ref ? (objects.get(Number(ref[1]))?.dict ?? '') : value;
  };

  const trailerAt = source.lastIndexOf('trailer');
  const trailer = trailerAt >= 0 ? source.slice(trailerAt) : '';
  const infoDict = resolve(/\/Info (\d+ 0 R)/.exec(trailer)?.[1] ?? '');
  const info: Record<string, string> = {};
  for (const [key, value] of dictEntries(infoDict)) {
    info[key] = decodePdfString(resolve(value).trim());
  }

  const fontNames = new Set<string>();
  const embeddedFontNames = new Set<string>();
  const softMasks = new Set<number>();
  for (const object of objects.values()) {
    for (const match of object.dict.matchAll(/\/BaseFont \/([^\s/<>[\]()]+)/g)) {
      fontNames.add(match[1] ?? '');
    }
    if (/\/FontFile[23]? \d+ 0 R/.test(object.dict)) {
      const name = /\/FontName \/([^\s/<>[\]()]+)/.exec(object.dict)?.[1];
      if (name) embeddedFontNames.add(name);
    }
    for (const match of object.dict.matchAll(/\/SMask (\d+) 0 R/g)) {
      softMasks.add(Number(match[1]));
    }
  }
  const images: PdfInspection['images'] = [];
  for (const [number, object] of objects) {
    if (/\/Subtype \/Image/.test(object.dict) && !softMasks.has(number)) {
      images.push({
        width: Number(/\/Width (\d+)/.exec(object.dict)?.[1]),
        height: Number(/\/Height (\d+)/.exec(object.dict)?.[1]),
        hasSoftMask: /\/SMask \d+ 0 R/.test(object.dict),
      });
    }
  }

  // Font resource names (F1, F2, …) → glyph id → text, from every page's resources.
  const cmaps = new Map<string, Map<number, string>>();
  const pages: PdfInspectedPage[] = [];
  const root = resolve(/\/Root (\d+ 0 R)/.exec(trailer)?.[1] ?? '');
  const pagesDict = resolve(/\/Pages (\d+ 0 R)/.exec(root)?.[1] ?? '');
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesDict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  for (const kid of kids) {
    const page = objects.get(kid)?.dict ?? '';
    const box = (/\/MediaBox \[([^\]]*)\]/.exec(page)?.[1] ?? '').trim().split(/\s+/).map(Number);
    const resources = resolve(/\/Resources (\d+ 0 R)/.exec(page)?.[1] ?? page);
    const fonts = /\/Font <<([^>]*)>>/.exec(resources)?.[1] ?? '';
    for (const match of fonts.matchAll(/\/(\S+) (\d+) 0 R/g)) {
      const [, name, number] = match;
      if (name && !cmaps.has(name)) {
        const font = objects.get(Number(number))?.dict ?? '';
        const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font)?.[1];
        const stream = toUnicode ? objects.get(Number(toUnicode))?.stream : undefined;
        cmaps.set(name, stream ? parseToUnicode(stream.toString('latin1')) : new Map<number, string>());
      }
    }
    const contentRefs = [...(/\/Contents (\[[^\]]*\]|\d+ 0 R)/.exec(page)?.[1] ?? '').matchAll(/(\d+) 0 R/g)];
    const content = contentRefs.map((m) => objects.get(Number(m[1]))?.stream?.toString('latin1') ?? '').join('\n');
    const textRuns = extractText(content, cmaps);
    pages.push({ width: box[2] ?? 0, height: box[3] ?? 0, textRuns, text: textRuns.join('\n') });
  }

  return {
    version: header[1],
    info,
    pages,
    fontNames: [...fontNames],
    embeddedFontNames: [...embeddedFontNames],
    images,
  };
}

function readObjects(pdf: Buffer, source: string): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const start = /(\d+) 0 obj\s*/g;
  let match: RegExpExecArray | null;
  while ((match = start.exec(source)) !== null) {
    const bodyAt = start.lastIndex;
    const endAt = source.indexOf('endobj', bodyAt);
    if (endAt < 0) break;
    const streamMark = />>\s*stream\r?\n/g;
    streamMark.lastIndex = bodyAt;
    const stream = streamMark.exec(source);
    if (stream && stream.index < endAt) {
      const dict = source.slice(bodyAt, stream.index + 2);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? NaN);
      const dataAt = streamMark.lastIndex;
      if (Number.isNaN(length)) {
        throw new Error(`object ${match[1]}: stream without a direct /Length`);
      }
      const raw = pdf.subarray(dataAt, dataAt + length);
      objects.set(Number(match[1]), {
        dict,
        stream: /\/Filter \/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw),
      });
      start.lastIndex = source.indexOf('endobj', dataAt + length);
    } else {
      objects.set(Number(match[1]), { dict: source.slice(bodyAt, endAt) });
      start.lastIndex = endAt;
    }
  }
  return objects;
}

/** `/Key value` pairs of a flat dictionary (values: references, names, numbers, literal strings). */
function dictEntries(dict: string): [string, string][] {
  const entries: [string, string][] = [];
  for (const match of dict.matchAll(/\/(\w+) (\d+ 0 R|\((?:\\.|[^\\)])*\)|\/\S+|[\d.-]+)/g)) {
    if (match[1] && match[2]) entries.push([match[1], match[2]]);
  }
  return entries;
}

/** A literal `(…)` or hex `<…>` string: PDFDocEncoding (taken as Latin-1), or UTF-16BE after a BOM. */
export function decodePdfString(token: string): string {
  let bytes: number[];
  if (token.startsWith('<')) {
    const hex = token.slice(1, token.indexOf('>')).replace(/\s+/g, '');
    bytes = (hex.match(/../g) ?? []).map((pair) => parseInt(pair, 16));
  } else if (token.startsWith('(')) {
    bytes = unescapeLiteral(token.slice(1, token.lastIndexOf(')')));
  } else {
    return token;
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return Buffer.from(bytes.slice(2)).swap16().toString('utf16le');
  }
  return Buffer.from(bytes).toString('latin1');
}

function unescapeLiteral(body: string): number[] {
  const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i += 1) {
    const c = body.charCodeAt(i);
    if (c !== 92) {
      bytes.push(c);
      continue;
    }
    const next = body[i + 1] ?? '';
    const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8) & 0xff);
      i += octal[0].length;
    } else if (next === '\r' || next === '\n') {
      i += next === '\r' && body[i + 2] === '\n' ? 2 : 1;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return bytes;
}

/** bfrange / bfchar entries of a ToUnicode CMap, as pdfkit writes them. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string): string => {
    const clean = hex.replace(/\s+/g, '');
    const units = (clean.match(/..../g) ?? []).map((unit) => parseInt(unit, 16));
    return String.fromCharCode(...units);
  };
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = block[1] ?? '';
    for (const range of body.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const from = parseInt(range[1] ?? '0', 16);
      const to = parseInt(range[2] ?? '0', 16);
      const target = range[3] ?? '';
      if (target.startsWith('[')) {
        const values = [...target.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((m) => utf16(m[1] ?? ''));
        values.forEach((value, i) => map.set(from + i, value));
      } else {
        const base = utf16(target.slice(1, -1));
        for (let code = from; code <= to; code += 1) {
          const last = base.charCodeAt(base.length - 1) + (code - from);
          map.set(code, base.slice(0, -1) + String.fromCharCode(last));
        }
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) {
      map.set(parseInt(pair[1] ?? '0', 16), utf16(pair[2] ?? ''));
    }
  }
  return map;
}

/** The text of the `Tj` / `TJ` operators of a content stream, each decoded with the font set before it. */
function extractText(content: string, cmaps: Map<string, Map<number, string>>): string[] {
  const runs: string[] = [];
  let cmap: Map<number, string> | undefined;
  // pdfkit shows text as arrays of hex glyph codes (no literal strings holding a "]").
  const operators = /\/(\S+) [\d.]+ Tf|(\[[^\]]*\]) TJ|(<[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\)) Tj/g;
  for (const match of content.matchAll(operators)) {
    if (match[1] !== undefined) {
      cmap = cmaps.get(match[1]);
      continue;
    }
    const strings = match[2] ?? match[3] ?? '';
    let run = '';
    for (const piece of strings.matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g)) {
      if (piece[1] !== undefined) {
        for (const code of piece[1].match(/..../g) ?? []) {
          run += cmap?.get(parseInt(code, 16)) ?? '\ufffd';
        }
      } else {
        run += Buffer.from(unescapeLiteral(piece[2] ?? '')).toString('latin1');
      }
    }
    runs.push(run);
  }
  return runs;
}
