/**
 * A stable colour per station, the same on every page and in both the graph drawing (client) and
 * its legend (server): a hash of the station's name picks the hue.
 */
export function stationColour(station: string | null): string {
  if (!station) return "#888888";
  let h = 0;
  for (const ch of station) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${h % 360}, 65%, 42%)`;
}
