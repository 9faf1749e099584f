#!/usr/bin/env node
// Generates every icon the app ships: the app icon and the tray icons.
//
// Why generated: the icons are plain geometry, so drawing them from code keeps
// them reproducible, reviewable in a diff, and editable without a binary design
// tool. Everything is drawn here with signed-distance shapes and supersampled
// coverage (anti-aliasing); the only dependency is `pngjs` for PNG encoding.
//
// Run:  npm run icons        (same as: node scripts/make-icons.mjs)
//
// Writes (all RGBA PNG):
//   assets/icon.png (1024), assets/icon-256.png      app icon; electron-builder
//                                                    derives .icns/.ico from it
//   assets/tray/tray-<state>.png, tray-<state>@2x.png               Windows/Linux
//   assets/tray/tray-<state>Template.png, ...Template@2x.png        macOS template
// for <state> in ok, attention, urgent, error, offline.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ASSETS = path.join(ROOT, 'assets');
const TRAY_DIR = path.join(ASSETS, 'tray');

const TRAY_STATES = ['ok', 'attention', 'urgent', 'error', 'offline'];

const hex = (s) => [1, 3, 5].map((i) => Number.parseInt(s.slice(i, i + 2), 16) / 255);

const COLORS = {
  appBgTop: hex('#27365a'),
  appBgBottom: hex('#1a2338'),
  appLayer: hex('#ffffff'),
  appTopLayer: hex('#ff9f1c'),
  trayGlyph: hex('#9aa3ad'),
  ok: hex('#2da44e'),
  attention: hex('#d4a72c'),
  red: hex('#cf222e'),
  offline: hex('#8c959f'),
  white: hex('#ffffff'),
  black: hex('#000000'),
};

// ---------------------------------------------------------------------------
// Signed distance functions. All coordinates are in "unit" space: the icon is
// the square [0,1]x[0,1], y pointing down. Negative = inside.

const sdCircle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;

const sdRoundedRect = (x0, y0, x1, y1, r) => {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hw = (x1 - x0) / 2 - r;
  const hh = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hw;
    const qy = Math.abs(y - cy) - hh;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
};

/** Exact distance to a line segment, minus a radius: a "pill" stroke. */
const sdCapsule = (ax, ay, bx, by, r) => (x, y) => {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - r;
};

/** Exact signed distance to a simple polygon given as [[x,y], ...]. */
const sdPolygon = (pts) => (x, y) => {
  let d = Number.POSITIVE_INFINITY;
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [ax, ay] = pts[j];
    const [bx, by] = pts[i];
    const ex = bx - ax;
    const ey = by - ay;
    const wx = x - ax;
    const wy = y - ay;
    const t = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
    d = Math.min(d, Math.hypot(wx - ex * t, wy - ey * t));
    if (ay > y !== by > y && x < (ex * (y - ay)) / ey + ax) inside = !inside;
  }
  return inside ? -d : d;
};

const union =
  (...fs) =>
  (x, y) =>
    Math.min(...fs.map((f) => f(x, y)));
const grow = (f, amount) => (x, y) => f(x, y) - amount;
const ring = (f, thickness) => (x, y) => Math.abs(f(x, y)) - thickness / 2;

// ---------------------------------------------------------------------------
// Canvas: premultiplied float RGBA, so compositing is simple and exact.

class Canvas {
  constructor(size) {
    this.size = size;
    this.px = new Float32Array(size * size * 4);
    // Supersampling grid per pixel; tiny tray icons get a finer grid.
    this.ss = size <= 64 ? 8 : 4;
  }

  toPNG() {
    const png = new PNG({ width: this.size, height: this.size, colorType: 6 });
    for (let i = 0; i < this.size * this.size * 4; i += 4) {
      const a = this.px[i + 3];
      for (let c = 0; c < 3; c++) {
        png.data[i + c] = a > 0 ? Math.round(Math.min(1, this.px[i + c] / a) * 255) : 0;
      }
      png.data[i + 3] = Math.round(Math.min(1, a) * 255);
    }
    return PNG.sync.write(png, { colorType: 6 });
  }
}

/**
 * Fraction (0..1) of pixel (px,py) covered by the shape `sdf`, by sampling an
 * ss x ss grid inside the pixel. Pixels clearly inside/outside (distance from
 * the pixel centre larger than half its diagonal) skip the sampling.
 */
function coverage(sdf, px, py, size, ss) {
  const centre = sdf((px + 0.5) / size, (py + 0.5) / size);
  const halfDiag = 0.75 / size;
  if (centre >= halfDiag) return 0;
  if (centre <= -halfDiag) return 1;
  let inside = 0;
  for (let j = 0; j < ss; j++) {
    for (let i = 0; i < ss; i++) {
      if (sdf((px + (i + 0.5) / ss) / size, (py + (j + 0.5) / ss) / size) <= 0) inside++;
    }
  }
  return inside / (ss * ss);
}

/**
 * Paint `sdf` onto the canvas with "source-over". `color` is [r,g,b] or a
 * function (x,y) => [r,g,b] (unit coordinates) for gradients.
 */
function fill(canvas, sdf, color, opacity = 1) {
  const { size, ss, px } = canvas;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(sdf, x, y, size, ss) * opacity;
      if (a <= 0) continue;
      const [r, g, b] = typeof color === 'function' ? color((x + 0.5) / size, (y + 0.5) / size) : color;
      const i = (y * size + x) * 4;
      const keep = 1 - a;
      px[i] = r * a + px[i] * keep;
      px[i + 1] = g * a + px[i + 1] * keep;
      px[i + 2] = b * a + px[i + 2] * keep;
      px[i + 3] = a + px[i + 3] * keep;
    }
  }
}

/** "destination-out": remove whatever is under `sdf` (anti-aliased). */
function erase(canvas, sdf) {
  const { size, ss, px } = canvas;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const keep = 1 - coverage(sdf, x, y, size, ss);
      if (keep >= 1) continue;
      const i = (y * size + x) * 4;
      for (let c = 0; c < 4; c++) px[i + c] *= keep;
    }
  }
}

/** Composite `src` over `dst` (same size) at the given opacity. */
function composite(dst, src, opacity = 1) {
  for (let i = 0; i < dst.px.length; i += 4) {
    const a = src.px[i + 3] * opacity;
    if (a <= 0) continue;
    const keep = 1 - a;
    for (let c = 0; c < 3; c++) dst.px[i + c] = src.px[i + c] * opacity + dst.px[i + c] * keep;
    dst.px[i + 3] = a + dst.px[i + 3] * keep;
  }
}

const drawRoundedRect = (canvas, x0, y0, x1, y1, r, color) =>
  fill(canvas, sdRoundedRect(x0, y0, x1, y1, r), color);
const drawCircle = (canvas, cx, cy, r, color) => fill(canvas, sdCircle(cx, cy, r), color);
const drawPolygon = (canvas, pts, color) => fill(canvas, sdPolygon(pts), color);

// ---------------------------------------------------------------------------
// The glyph: three stacked rhombi (a "stack of layers", i.e. CloudFormation
// stacks), seen from above. Each layer is separated from the one below it by a
// transparent gap, so the lower two read as chevrons.

/** Rhombus polygons, bottom layer first, fitted into the box {x, y, w, h}. */
function glyphLayers({ x, y, w, h }, { step = 0.26 } = {}) {
  // In box units: each rhombus is 1 wide and `rh` tall; layers are `step` apart.
  const rh = 1 - 2 * step;
  const layers = [];
  for (let k = 2; k >= 0; k--) {
    const top = y + k * step * h;
    const cx = x + w / 2;
    layers.push([
      [cx, top],
      [x + w, top + (rh * h) / 2],
      [cx, top + rh * h],
      [x, top + (rh * h) / 2],
    ]);
  }
  return layers;
}

/**
 * Draw the layered glyph. `colors` = [bottom, middle, top]; `gap` is the
 * transparent separation between layers (unit space).
 */
function drawGlyph(canvas, box, colors, gap, opts) {
  glyphLayers(box, opts).forEach((pts, i) => {
    if (i > 0) erase(canvas, grow(sdPolygon(pts), gap));
    drawPolygon(canvas, pts, colors[i]);
  });
}

// ---------------------------------------------------------------------------
// Tray badges, bottom-right quadrant. Shapes differ per state, not only colour:
//   ok        small filled dot
//   attention bigger filled triangle (warning sign)
//   urgent    big filled circle with "!" (white in colour, knocked out in template)
//   error     big filled circle with "x" (white in colour, knocked out in template)
//   offline   hollow ring (and the glyph is faded)
// Geometry is chosen on the 16px grid (1 unit = 16px) so edges land on pixel
// boundaries at 16px and 32px: the badge circle is exactly the 8x8 quadrant.

const PX = 1 / 16;
const BADGE = { cx: 12 * PX, cy: 12 * PX, r: 4 * PX };
const OK_DOT_R = 3 * PX;
const TRIANGLE = [
  [11.75 * PX, 8 * PX],
  [16.25 * PX, 16 * PX],
  [7.25 * PX, 16 * PX],
];

/** Outline of the badge, used to cut a clearance gap into the glyph. */
function badgeShape(state) {
  const { cx, cy, r } = BADGE;
  if (state === 'ok') return sdCircle(cx, cy, OK_DOT_R);
  if (state === 'attention') return sdPolygon(TRIANGLE);
  return sdCircle(cx, cy, r);
}

/**
 * Inner mark of the urgent ("!") and error ("x") badges. At 16px the "x" is
 * hinted: built from whole pixels, because an anti-aliased 1px diagonal inside
 * an 8px circle smears into a pink blob.
 */
function badgeMark(state, size) {
  const { cx, cy } = BADGE;
  if (state === 'urgent') {
    const bar = sdRoundedRect(11 * PX, 9 * PX, 13 * PX, 12 * PX, 0.25 * PX);
    const dot = sdRoundedRect(11 * PX, 13 * PX, 13 * PX, 15 * PX, 0.25 * PX);
    return union(bar, dot);
  }
  if (state === 'error' && size <= 16) {
    const pixel = (x, y) => sdRoundedRect(x * PX, y * PX, (x + 1) * PX, (y + 1) * PX, 0);
    const cells = [0, 1, 2, 3].flatMap((i) => [pixel(10 + i, 10 + i), pixel(10 + i, 13 - i)]);
    return union(...cells);
  }
  if (state === 'error') {
    const d = 1.9 * PX;
    const w = 0.72 * PX;
    return union(sdCapsule(cx - d, cy - d, cx + d, cy + d, w), sdCapsule(cx - d, cy + d, cx + d, cy - d, w));
  }
  throw new Error(`no mark for ${state}`);
}

/**
 * Draw the badge for `state`. In template mode everything is black and the
 * inner mark is erased instead of painted white.
 */
function drawBadge(canvas, state, template) {
  const { cx, cy, r } = BADGE;
  const col = (c) => (template ? COLORS.black : c);
  switch (state) {
    case 'ok':
      drawCircle(canvas, cx, cy, OK_DOT_R, col(COLORS.ok));
      break;
    case 'attention':
      drawPolygon(canvas, TRIANGLE, col(COLORS.attention));
      break;
    case 'urgent':
    case 'error': {
      drawCircle(canvas, cx, cy, r, col(COLORS.red));
      const mark = badgeMark(state, canvas.size);
      if (template) erase(canvas, mark);
      else fill(canvas, mark, COLORS.white);
      break;
    }
    case 'offline': {
      const thickness = 1.5 * PX;
      fill(canvas, ring(sdCircle(cx, cy, r - thickness / 2), thickness), col(COLORS.offline));
      break;
    }
    default:
      throw new Error(`unknown tray state: ${state}`);
  }
}

// 16 wide, 14 tall on the 16px grid; layers 3px apart, edges at a 1:2 slope.
const TRAY_GLYPH_BOX = { x: 0, y: 1 * PX, w: 1, h: 14 * PX };
const TRAY_GLYPH_STEP = 3 / 14;

function renderTray(state, size, template) {
  const glyph = new Canvas(size);
  const c = template ? COLORS.black : COLORS.trayGlyph;
  // Gap measured perpendicular to the 1:2 edges, so it is exactly 1px vertically.
  drawGlyph(glyph, TRAY_GLYPH_BOX, [c, c, c], PX / Math.hypot(1, 0.5), { step: TRAY_GLYPH_STEP });
  // Clearance around the badge so it never merges with the glyph.
  erase(glyph, grow(badgeShape(state), 1.1 * PX));

  const out = new Canvas(size);
  composite(out, glyph, state === 'offline' ? 0.45 : 1);
  drawBadge(out, state, template);
  return out;
}

function renderAppIcon(size) {
  const c = new Canvas(size);
  // macOS icon grid: 824/1024 body, centred, ~185/1024 corner radius.
  const m = 100 / 1024;
  const bg = (_x, y) => COLORS.appBgTop.map((t, i) => t + (COLORS.appBgBottom[i] - t) * y);
  drawRoundedRect(c, m, m, 1 - m, 1 - m, 185 / 1024, bg);

  const glyph = new Canvas(size);
  const box = { x: 0.25, y: 0.25, w: 0.5, h: 0.52 };
  drawGlyph(glyph, box, [COLORS.appLayer, COLORS.appLayer, COLORS.appTopLayer], 0.022);
  composite(c, glyph);
  return c;
}

// ---------------------------------------------------------------------------

function write(file, canvas, written) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, canvas.toPNG());
  written.push(path.relative(ROOT, file));
}

function main() {
  const written = [];
  write(path.join(ASSETS, 'icon.png'), renderAppIcon(1024), written);
  write(path.join(ASSETS, 'icon-256.png'), renderAppIcon(256), written);
  for (const state of TRAY_STATES) {
    for (const [suffix, size] of [
      ['', 16],
      ['@2x', 32],
    ]) {
      write(path.join(TRAY_DIR, `tray-${state}${suffix}.png`), renderTray(state, size, false), written);
      write(
        path.join(TRAY_DIR, `tray-${state}Template${suffix}.png`),
        renderTray(state, size, true),
        written,
      );
    }
  }
  console.log(`make-icons: wrote ${written.length} PNGs: ${written.join(', ')}`);
}

main();
