/**
 * Inputs of the hostile corpus too big or too regular to keep as files: each
 * generator returns the text of one file from the parameters in case.yaml.
 */
const int = (p: Record<string, unknown>, key: string, fallback: number) => {
  const v = p[key];
  return typeof v === "number" && Number.isInteger(v) ? v : fallback;
};
const str = (p: Record<string, unknown>, key: string, fallback: string) => {
  const v = p[key];
  return typeof v === "string" ? v : fallback;
};

export const GENERATORS: Record<
  string,
  (p: Record<string, unknown>) => string | Record<string, string>
> = {
  /**
   * Partials p0…p`depth`, each rendering the next one `fanout` times: no cycle,
   * but fanout^depth renders in all.
   */
  "partial-fanout": (p) => {
    const depth = int(p, "depth", 30);
    const fanout = int(p, "fanout", 2);
    const files: Record<string, string> = {};
    for (let i = 0; i < depth; i++) {
      files[`p${i}.md`] = `${`{% render "partials/p${i + 1}.md" %}`.repeat(fanout)}\n`;
    }
    files[`p${depth}.md`] = "x";
    return files;
  },
  /** The scaffold's exports table with `rows` rows: years × partners, each year's Total the sum. */
  "exports-csv": (p: Record<string, unknown>) => {
    const rows = int(p, "rows", 1000);
    const partners = Math.max(2, Math.ceil(rows / 200));
    const years = Math.ceil(rows / (partners + 1));
    const lines = ["year,partner,exports"];
    for (let y = 0; y < years; y++) {
      const year = 1000 + y;
      let total = 0;
      for (let i = 0; i < partners; i++) {
        const v = ((y * 7 + i * 13) % 97) + 1;
        total += v;
        lines.push(
          `${year},Partner ${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26)},${v}`,
        );
      }
      lines.push(`${year},Total,${total}`);
    }
    return `${lines.join("\n")}\n`;
  },
  /** A table of `rows` rows (year, region, value): `years` years from 1900, regions to fill; `value` replaces every value. */
  "regions-csv": (p) => {
    const rows = int(p, "rows", 1000);
    const years = int(p, "years", 100);
    const regions = Math.ceil(rows / years);
    // A fixed text in every value cell: a fault repeated on every row.
    const value = typeof p.value === "string" ? p.value : undefined;
    const lines = ["year,region,value"];
    for (let y = 0; y < years; y++) {
      for (let r = 0; r < regions; r++) {
        lines.push(`${1900 + y},R${r},${value ?? (y * 31 + r * 17) % 1000}`);
      }
    }
    return `${lines.join("\n")}\n`;
  },
  /** A YAML map nested `depth` levels in block style under `key`. */
  "yaml-deep-block": (p: Record<string, unknown>) => {
    const depth = int(p, "depth", 2000);
    const prefix = str(p, "prefix", "");
    let text = prefix;
    for (let i = 0; i < depth; i++) text += `${"  ".repeat(i)}k${i}:\n`;
    return `${text}${"  ".repeat(depth)}leaf\n`;
  },
  /** `open` repeated `depth` times: `[` ×10,000 for a JSON or flow-YAML nesting bomb. */
  repeat: (p: Record<string, unknown>) => {
    const text = str(p, "prefix", "") + str(p, "open", "[").repeat(int(p, "depth", 10000));
    return text + str(p, "suffix", "");
  },
  /** A billion-laughs alias bomb: `levels` anchors, each aliasing the previous `width` times. */
  "yaml-alias-bomb": (p: Record<string, unknown>) => {
    const levels = int(p, "levels", 9);
    const width = int(p, "width", 9);
    const lines = [str(p, "prefix", ""), `a0: &a0 ["lol"]`];
    for (let i = 1; i <= levels; i++) {
      lines.push(`a${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(", ")}]`);
    }
    return `${lines.join("\n")}\n`;
  },
  /** A string of `length` characters with no break opportunity. */
  "long-word": (p: Record<string, unknown>) =>
    str(p, "prefix", "") + "x".repeat(int(p, "length", 200)) + str(p, "suffix", ""),
};
