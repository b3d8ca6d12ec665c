// The world outline's data is spherical (d3 draws it on a globe), so Russia's and Fiji's shapes
// cross the 180th meridian: on Leaflet's flat map those edges would run the width of the world as
// stray horizontal lines and bands. Lines are cut there; polygons are made continuous (longitudes
// past 180) and drawn once more a world to the side, so both halves show.

const crosses = (a, b) => Math.abs(b[0] - a[0]) > 180 && !(Math.abs(a[1]) > 89 && Math.abs(b[1]) > 89);

/** A line's coordinates, cut wherever a step jumps across the antimeridian. */
export function splitLine(coords) {
  const parts = [[coords[0]]];
  for (let i = 1; i < coords.length; i += 1) {
    if (crosses(coords[i - 1], coords[i])) parts.push([]);
    parts[parts.length - 1].push(coords[i]);
  }
  return parts.filter((part) => part.length > 1);
}

/** A ring whose longitudes change by less than 180 from one point to the next. */
export function unwrapRing(ring) {
  let shift = 0;
  return ring.map((point, i) => {
    if (i > 0 && crosses(ring[i - 1], point)) shift += ring[i - 1][0] > point[0] ? 360 : -360;
    return [point[0] + shift, point[1]];
  });
}

/** One polygon as the polygons to draw: itself, or its continuous form and a copy a world away. */
export function drawablePolygons(polygon) {
  const crossing = polygon.map((ring) => ring.some((point, i) => i > 0 && crosses(ring[i - 1], point)));
  if (!crossing.some(Boolean)) return [polygon];
  const unwrapped = polygon.map((ring, i) => (crossing[i] ? unwrapRing(ring) : ring));
  const longitudes = unwrapped.flat().map((point) => point[0]);
  const offset = Math.max(...longitudes) > 180 ? -360 : 360;
  return [unwrapped, unwrapped.map((ring) => ring.map(([lon, lat]) => [lon + offset, lat]))];
}

/** A GeoJSON geometry (Polygon, MultiPolygon, LineString, MultiLineString) fit for a flat map. */
export function flatGeometry(geometry) {
  switch (geometry.type) {
    case "Polygon":
      return { type: "MultiPolygon", coordinates: drawablePolygons(geometry.coordinates) };
    case "MultiPolygon":
      return { type: "MultiPolygon", coordinates: geometry.coordinates.flatMap(drawablePolygons) };
    case "LineString":
      return { type: "MultiLineString", coordinates: splitLine(geometry.coordinates) };
    case "MultiLineString":
      return { type: "MultiLineString", coordinates: geometry.coordinates.flatMap(splitLine) };
    default:
      return geometry;
  }
}
