/** pdfmake 0.3's pdfkit document class (CommonJS, `exports.default`); see shared-fonts.ts. */
declare module "pdfmake/js/PDFDocument.js" {
  const mod: { default?: unknown } | undefined;
  export default mod;
}
