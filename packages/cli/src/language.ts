/** `--language`: a BCP 47 tag, checked here so a typo is a usage error (exit 2), never an English brief. */
import { UsageError } from "./io.js";
import { cliMessages } from "./messages.js";

/** A BCP 47 tag in canonical form ("ru-ru" → "ru-RU"), or undefined when it is not one. */
export function canonicalLanguage(value: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    return undefined;
  }
}

/** The tag in canonical form ("ru-ru" → "ru-RU"), or undefined when not given. */
export function languageOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const [tag] = Intl.getCanonicalLocales(value);
    if (tag !== undefined) return tag;
  } catch {
    // reported below
  }
  throw new UsageError(cliMessages.badLanguage(value));
}
