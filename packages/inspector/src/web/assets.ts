/**
 * The page: `page.html` and the files of `page/` (plain ES modules and CSS, no build step), read
 * once at start and served from memory. Only these files are served, whatever the URL says.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';

export interface Asset {
  contentType: string;
  body: string;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const PAGE = new URL('./page.html', import.meta.url);
const FOLDER = new URL('./page/', import.meta.url);

export interface PageAssets {
  page: string;
  /** By file name, e.g. `app.js`. */
  files: ReadonlyMap<string, Asset>;
}

export async function loadPageAssets(): Promise<PageAssets> {
  const names = (await readdir(FOLDER)).filter((name) => TYPES[extname(name)] !== undefined);
  const files = new Map<string, Asset>();
  for (const name of names)
    files.set(name, { contentType: TYPES[extname(name)]!, body: await readFile(new URL(name, FOLDER), 'utf8') });
  return { page: await readFile(PAGE, 'utf8'), files };
}
