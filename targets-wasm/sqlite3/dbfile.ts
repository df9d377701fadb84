/**
 * A writer of small SQLite database files (https://www.sqlite.org/fileformat.html), so that cases can hand the shell
 * a database as an input file without running any SQLite to make it. Each table is one leaf page of a table b-tree,
 * and the schema table is page 1: enough for a few rows per table, which is all a case needs. The writer refuses a
 * table whose rows do not fit one page rather than writing overflow pages.
 */

/** A column value: SQL NULL, an integer (safe range), a real, text (UTF-8) or a blob. */
export type DbValue = null | { int: number } | { real: number } | string | Uint8Array;

export interface DbTable {
  name: string;
  /** The CREATE TABLE statement, as sqlite_schema.sql holds it. */
  sql: string;
  /** Rows in rowid order (rowid 1, 2, …); each has one value per column. */
  rows: DbValue[][];
}

const PAGE_SIZE = 4096;
/** Payload bytes a table leaf cell may keep on its page (usable size − 35) before it would spill. */
const MAX_LOCAL = PAGE_SIZE - 35;
/** The SQLite version number a 3.40.1 library writes at offset 96. */
const SQLITE_VERSION_NUMBER = 3040001;

function varint(n: number): number[] {
  if (n < 0 || !Number.isSafeInteger(n)) throw new Error(`varint out of range: ${n}`);
  const groups: number[] = [];
  let v = n;
  do {
    groups.unshift(v % 128);
    v = Math.floor(v / 128);
  } while (v > 0);
  if (groups.length > 8) throw new Error('varint too long for this writer');
  return groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g));
}

/** The serial type and body of one value (record format). */
function encodeValue(v: DbValue): { type: number; body: number[] } {
  if (v === null) return { type: 0, body: [] };
  if (typeof v === 'string') {
    const bytes = [...new TextEncoder().encode(v)];
    return { type: 13 + 2 * bytes.length, body: bytes };
  }
  if (v instanceof Uint8Array) return { type: 12 + 2 * v.length, body: [...v] };
  if ('real' in v) {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, v.real);
    return { type: 7, body: [...new Uint8Array(view.buffer)] };
  }
  const n = v.int;
  if (!Number.isSafeInteger(n)) throw new Error(`integer out of range: ${n}`);
  if (n === 0) return { type: 8, body: [] };
  if (n === 1) return { type: 9, body: [] };
  const sizes: [number, number][] = [
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
    [5, 6],
    [6, 8],
  ];
  for (const [type, size] of sizes) {
    const limit = 2 ** (8 * size - 1);
    if (n >= -limit && n < limit) {
      const body: number[] = [];
      let x = BigInt.asUintN(8 * size, BigInt(n));
      for (let i = 0; i < size; i++) {
        body.unshift(Number(x & 0xffn));
        x >>= 8n;
      }
      return { type, body };
    }
  }
  throw new Error('unreachable');
}

function record(values: DbValue[]): number[] {
  const encoded = values.map(encodeValue);
  const types = encoded.flatMap((e) => varint(e.type));
  // The header size counts itself; one byte suffices while the header stays under 127 bytes.
  let headerSize = types.length + 1;
  if (varint(headerSize).length > 1) headerSize = types.length + varint(types.length + 2).length;
  return [...varint(headerSize), ...types, ...encoded.flatMap((e) => e.body)];
}

/** One table-leaf page holding the rows (rowids 1…n); `offset` is where its b-tree header starts (100 on page 1). */
function leafPage(rows: DbValue[][], offset: number): Uint8Array {
  const page = new Uint8Array(PAGE_SIZE);
  const cells = rows.map((row, i) => {
    const payload = record(row);
    if (payload.length > MAX_LOCAL) throw new Error('row too large for one page');
    return [...varint(payload.length), ...varint(i + 1), ...payload];
  });
  let contentStart = PAGE_SIZE;
  const pointers: number[] = [];
  for (const cell of cells) {
    contentStart -= cell.length;
    pointers.push(contentStart);
    page.set(cell, contentStart);
  }
  if (offset + 8 + 2 * cells.length > contentStart) throw new Error('rows do not fit one page');
  page[offset] = 0x0d;
  page[offset + 3] = cells.length >> 8;
  page[offset + 4] = cells.length & 0xff;
  // A content area starting at 65536 is written as 0; a page of 4096 never needs that.
  page[offset + 5] = contentStart >> 8;
  page[offset + 6] = contentStart & 0xff;
  pointers.forEach((ptr, i) => {
    page[offset + 8 + 2 * i] = ptr >> 8;
    page[offset + 9 + 2 * i] = ptr & 0xff;
  });
  return page;
}

function put32(bytes: Uint8Array, at: number, n: number): void {
  bytes[at] = (n >>> 24) & 0xff;
  bytes[at + 1] = (n >>> 16) & 0xff;
  bytes[at + 2] = (n >>> 8) & 0xff;
  bytes[at + 3] = n & 0xff;
}

/** The bytes of a database holding the tables (root pages 2, 3, …), as a file SQLite 3.40.1 reads. */
export function databaseFile(tables: DbTable[], userVersion = 0): Uint8Array {
  const schemaRows: DbValue[][] = tables.map((t, i) => ['table', t.name, t.name, { int: i + 2 }, t.sql]);
  const pages = [leafPage(schemaRows, 100), ...tables.map((t) => leafPage(t.rows, 0))];
  const file = new Uint8Array(PAGE_SIZE * pages.length);
  pages.forEach((page, i) => file.set(page, i * PAGE_SIZE));
  file.set(new TextEncoder().encode('SQLite format 3\0'), 0);
  file[16] = PAGE_SIZE >> 8;
  file[17] = PAGE_SIZE & 0xff;
  file[18] = 1; // legacy (rollback journal) write and read versions
  file[19] = 1;
  file[21] = 64; // payload fractions, fixed by the format
  file[22] = 32;
  file[23] = 32;
  put32(file, 24, 1); // file change counter
  put32(file, 28, pages.length);
  put32(file, 40, 1); // schema cookie
  put32(file, 44, 4); // schema format
  put32(file, 56, 1); // UTF-8
  put32(file, 60, userVersion);
  put32(file, 92, 1); // version-valid-for = change counter
  put32(file, 96, SQLITE_VERSION_NUMBER);
  return file;
}
