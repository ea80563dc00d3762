/**
 * @briefkit/fonts — the one fonts module: the house fonts' files, their
 * character maps (which characters a face can show), text widths and
 * subsets, for the chart renderer and the PDF, Word and HTML writers.
 *
 * Why a package of its own: the chart renderer measures text with these
 * fonts and depends on no document model, while the writers may import only
 * @briefkit/document. So this sits under both: @briefkit/charts imports it,
 * and @briefkit/document (which names the house fonts in its theme)
 * re-exports what the writers use. Nothing heavy loads on import: fontkit on
 * the first `face.font` (the PDF's), HarfBuzz's wasm on the first subset.
 */
export {
  advanceWidth,
  type CharacterSet,
  coverage,
  coverageOnDemand,
  covers,
  type Face,
  FontFileError,
  type FontkitFont,
  fontFile,
  loadFace,
  realPath,
} from "./face.js";
export {
  eastAsianFamily,
  eastAsianFontFile,
  type FamilyFiles,
  faceFile,
  type HouseFace,
  type HouseFamily,
  houseFamily,
  houseFontFile,
} from "./house.js";
export { subsetTtf, toWoff } from "./subset.js";
