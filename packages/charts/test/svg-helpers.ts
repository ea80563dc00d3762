/**
 * Small readers for the SVG vega writes, for tests: text contents and the
 * attributes of mark paths, by regular expression (the output is generated,
 * flat and regular, so a DOM would add a dependency without adding safety).
 */
import { createHash } from "node:crypto";

function decode(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}

/** Every `<text>` content, in document order (multi-line text joined by a space). */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    decode(
      m[1]!
        .replace(/<tspan\b[^>]*>/g, " ")
        .replace(/<\/tspan>/g, "")
        .trim(),
    ),
  );
}

/** Texts inside the group of class `role-<role>` marks (e.g. "axis-label"), per group. */
export function textsOfRole(svg: string, role: string): string[][] {
  const groups = [
    ...svg.matchAll(new RegExp(`<g class="mark-text role-${role}"[^>]*>([\\s\\S]*?)</g>`, "g")),
  ];
  return groups.map((g) => texts(g[1]!));
}

/**
 * Every `<text>` with its anchor point in SVG coordinates: the sum of the
 * `translate()`s of the groups it sits in and its own. Vega writes only
 * translations for groups and text, so this is the text's real position.
 */
export function placedTexts(
  svg: string,
): { text: string; x: number; y: number; anchor: string; size: number; role: string }[] {
  const out: { text: string; x: number; y: number; anchor: string; size: number; role: string }[] =
    [];
  const stack: { x: number; y: number; role: string }[] = [{ x: 0, y: 0, role: "" }];
  const translate = (tag: string) => {
    const m = /transform="translate\(([-\d.e]+),([-\d.e]+)\)"/.exec(tag);
    return m ? { x: Number(m[1]), y: Number(m[2]) } : { x: 0, y: 0 };
  };
  for (const m of svg.matchAll(/<g\b[^>]*>|<\/g>|<text\b[^>]*>([\s\S]*?)<\/text>/g)) {
    const tag = m[0];
    const top = stack[stack.length - 1]!;
    if (tag === "</g>") stack.pop();
    else if (tag.startsWith("<g")) {
      const t = translate(tag);
      const role = /class="[^"]*role-([\w-]+)"/.exec(tag)?.[1] ?? top.role;
      stack.push({ x: top.x + t.x, y: top.y + t.y, role });
    } else {
      const t = translate(tag);
      out.push({
        text: texts(tag)[0] ?? "",
        x: top.x + t.x,
        y: top.y + t.y,
        anchor: /text-anchor="(\w+)"/.exec(tag)?.[1] ?? "start",
        size: Number(/font-size="([\d.]+)px"/.exec(tag)?.[1] ?? 0),
        role: top.role,
      });
    }
  }
  return out;
}

export type Attrs = Record<string, string>;

function attrs(tag: string): Attrs {
  const out: Attrs = {};
  for (const m of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1]!] = decode(m[2]!);
  return out;
}

/** Attributes of every element whose aria-roledescription is `kind` ("bar", "point", "line"...). */
export function marks(svg: string, kind: string): Attrs[] {
  return [...svg.matchAll(/<path\b[^>]*>/g)]
    .map((m) => attrs(m[0]))
    .filter((a) => a["aria-roledescription"] === kind);
}

/** Height (vertical bars) or width (horizontal bars) of a bar path "M x,y h w v h h -w Z". */
export function barSize(d: string): { width: number; height: number } {
  const m = /^M[-\d.]+,[-\d.]+h([-\d.]+)v([-\d.]+)/.exec(d);
  if (!m) throw new Error(`not a bar path: ${d}`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** The `aria-label` of a mark parsed into field: value pairs. */
export function ariaFields(label: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (label ?? "").split("; ")) {
    const at = part.indexOf(": ");
    if (at > 0) out[part.slice(0, at)] = part.slice(at + 2);
  }
  return out;
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Width, height and pHYs pixels-per-metre of a PNG, from its chunks. */
export function pngInfo(png: Uint8Array): {
  width: number;
  height: number;
  ppm?: number;
  signature: boolean;
} {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const signature = [137, 80, 78, 71, 13, 10, 26, 10].every((b, i) => png[i] === b);
  const out: { width: number; height: number; ppm?: number; signature: boolean } = {
    width: view.getUint32(16),
    height: view.getUint32(20),
    signature,
  };
  let at = 8;
  while (at + 8 <= png.length) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === "pHYs") out.ppm = view.getUint32(at + 8);
    at += 12 + len;
  }
  return out;
}
