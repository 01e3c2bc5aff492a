import type { GeneralName, RelativeDistinguishedNames } from 'pkijs';

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
};

/** "CN=…, O=…, C=…" in the order the name holds them. */
export function distinguishedName(name: RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => {
      const value = (tv.value as { valueBlock?: { value?: unknown } }).valueBlock?.value;
      return `${ATTRIBUTE_NAMES[tv.type] ?? tv.type}=${typeof value === 'string' ? value : '?'}`;
    })
    .join(', ');
}

/** A TSTInfo's tsa field: a directory name (type 4) as a DN, a URI or DNS name as itself. */
export function generalNameText(name: GeneralName): string | null {
  if (name.type === 4) return distinguishedName(name.value as RelativeDistinguishedNames);
  return typeof name.value === 'string' ? name.value : null;
}
