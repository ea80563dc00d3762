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

/** The file of one face of a family. */
export function faceFile(family: FamilyFiles, bold: boolean, italic: boolean): string {
  if (bold) return italic ? family.boldItalic : family.bold;
  return italic ? family.italic : family.regular;
}
