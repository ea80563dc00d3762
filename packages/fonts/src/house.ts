/**
 * The house fonts: Source Serif 4 for text, Source Sans 3 for headings,
 * tables and charts. They are TTF files shipped in npm packages and found
 * through the module resolver, never in a system font folder, so every
 * machine sets a brief in the same glyphs.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

const HOUSE = {
  serif: { pkg: "@expo-google-fonts/source-serif-4", file: "SourceSerif4", name: "Source Serif 4" },
  sans: { pkg: "@expo-google-fonts/source-sans-3", file: "SourceSans3", name: "Source Sans 3" },
} as const;

/** A house family: `serif` (Source Serif 4) or `sans` (Source Sans 3). */
export type HouseFamily = keyof typeof HOUSE;

/** A face, named as the font packages name its folder: weight, then style. */
export type HouseFace =
  | "400Regular"
  | "400Regular_Italic"
  | "600SemiBold"
  | "700Bold"
  | "700Bold_Italic";

/**
 * A family's four faces as absolute paths, with its name as CSS, SVG and the
 * PDF give it. The shape of `FontFamily` in @briefkit/document's theme.
 */
export interface FamilyFiles {
  name: string;
  regular: string;
  bold: string;
  italic: string;
  boldItalic: string;
}

/** Absolute path of one face of a house family on this machine. */
export function houseFontFile(family: HouseFamily, face: HouseFace): string {
  const { pkg, file } = HOUSE[family];
  return join(dirname(require.resolve(`${pkg}/package.json`)), face, `${file}_${face}.ttf`);
}

/** The four faces a theme names for a house family. */
export function houseFamily(family: HouseFamily): FamilyFiles {
  return {
    name: HOUSE[family].name,
    regular: houseFontFile(family, "400Regular"),
    bold: houseFontFile(family, "700Bold"),
    italic: houseFontFile(family, "400Regular_Italic"),
    boldItalic: houseFontFile(family, "700Bold_Italic"),
  };
}

/**
 * The Japanese families the theme falls back to for what the house fonts
 * cannot draw (kana, kanji, the ideographic punctuation 、。「」): Noto Serif
 * JP beside Source Serif 4 and Noto Sans JP beside Source Sans 3, same vendor
 * and licence (SIL OFL 1.1) as the house fonts. Japanese has no italics: the
 * italic faces are the upright ones, as Word and browsers set them.
 */
const EAST_ASIAN = {
  serif: { pkg: "@expo-google-fonts/noto-serif-jp", file: "NotoSerifJP", name: "Noto Serif JP" },
  sans: { pkg: "@expo-google-fonts/noto-sans-jp", file: "NotoSansJP", name: "Noto Sans JP" },
} as const;

/** Absolute path of one weight of a Japanese fallback family on this machine. */
export function eastAsianFontFile(family: HouseFamily, face: "400Regular" | "700Bold"): string {
  const { pkg, file } = EAST_ASIAN[family];
  return join(dirname(require.resolve(`${pkg}/package.json`)), face, `${file}_${face}.ttf`);
}

/** The four faces a theme names for the Japanese fallback of a house family. */
export function eastAsianFamily(family: HouseFamily): FamilyFiles {
  const regular = eastAsianFontFile(family, "400Regular");
  const bold = eastAsianFontFile(family, "700Bold");
  return { name: EAST_ASIAN[family].name, regular, bold, italic: regular, boldItalic: bold };
}

/** The file of one face of a family. */
export function faceFile(family: FamilyFiles, bold: boolean, italic: boolean): string {
  if (bold) return italic ? family.boldItalic : family.bold;
  return italic ? family.italic : family.regular;
}
