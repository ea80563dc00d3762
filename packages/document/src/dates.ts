/**
 * Dates as a reader reads them. Every writer, the appendices and the CLI's
 * diff report print a document's dates through this one function, so a
 * language writes them one way everywhere.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

const OPTIONS: Intl.DateTimeFormatOptions = {
  day: "numeric",
  month: "long",
  year: "numeric",
  // A dataset's dates are calendar dates: read at UTC they are never off by a day.
  timeZone: "UTC",
};

/** "2005-09-08" as "8 September 2005", "8 сентября 2005 г.", "2005年9月8日"; an unreadable date as it is. */
export function longDate(iso: string, language: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  let format = formats.get(language);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(language, OPTIONS);
    } catch {
      // A tag Intl refuses (the schemas validate tags, so only a caller of the API): British English.
      format = new Intl.DateTimeFormat("en-GB", OPTIONS);
    }
    formats.set(language, format);
  }
  return format.format(date);
}
