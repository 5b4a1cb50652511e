import { findAddress } from '../../lib/addresses';
import type { ShownPerson } from './outlook-message';
import { OWA_PARTS } from './selectors';

/** Display names compare loosely: case, spacing and "Last, First" order do not matter. */
export function nameKey(name: string): string {
  const clean = name
    .replace(/<[^>]*>|\([^)]*@[^)]*\)/g, ' ')
    .replace(/["']/g, '')
    .trim();
  const comma = /^([^,]+),\s*(.+)$/.exec(clean);
  const ordered = comma ? `${comma[2]} ${comma[1]}` : clean;
  return ordered.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Who is who on the page, the way a rep finds an address for a name: the persona chips and hover
 * cards OWA already rendered (a title or label holding the address beside the name), and the people
 * of the thread's other messages and of an open reply's recipient wells. A name shared by two
 * different addresses is ambiguous and resolves to nothing.
 */
export class NameDirectory {
  private readonly byName = new Map<string, string | null>();

  add(name: string | undefined, address: string | undefined): void {
    if (!name || !address) return;
    const key = nameKey(name);
    if (!key || key.includes('@')) return;
    const known = this.byName.get(key);
    if (known === undefined) this.byName.set(key, address);
    else if (known !== address) this.byName.set(key, null);
  }

  addPerson(person: ShownPerson | undefined): void {
    this.add(person?.name, person?.address);
  }

  /** Reads every persona in `root`: "Dana Lee" with title "dana@acme.test", or "Dana Lee <dana@…>". */
  addPage(root: ParentNode): void {
    for (const el of root.querySelectorAll(OWA_PARTS.persona.structure.join(', '))) {
      for (const value of [el.getAttribute('title'), el.getAttribute('aria-label')]) {
        const address = findAddress(value);
        if (!address || !value) continue;
        // "From: Dana Lee <dana@acme.test>" → "Dana Lee": the address and any leading label go.
        const inLabel = value
          .replace(/[<(]?[^\s<(]+@[^\s>)]+[>)]?/, '')
          .replace(/^[^:：]*[:：]/, '')
          .trim();
        const shown = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (shown && shown.length < 80 && !shown.includes('@')) this.add(shown, address);
        if (inLabel) this.add(inLabel, address);
      }
    }
  }

  resolve(name: string | undefined): string | undefined {
    if (!name) return undefined;
    return this.byName.get(nameKey(name)) ?? undefined;
  }
}
