/**
 * The fixed locale every chart renders with: d3-format / d3-time-format
 * definitions for en-US (https://github.com/d3/d3-format#formatLocale,
 * https://github.com/d3/d3-time-format#timeFormatLocale), handed to each
 * vega View. vega would otherwise use its process-wide default, which any
 * other code in the process may change.
 */

export const numberLocale = Object.freeze({
  decimal: ".",
  thousands: ",",
  grouping: [3],
  currency: ["$", ""],
  minus: "\u2212",
});

export const timeLocale = Object.freeze({
  dateTime: "%x, %X",
  date: "%-m/%-d/%Y",
  time: "%-I:%M:%S %p",
  periods: ["AM", "PM"],
  days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  shortDays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  // English month names, as Intl writes them (the same list period labels use).
  months: Array.from({ length: 12 }, (_, m) =>
    new Intl.DateTimeFormat("en-US", { month: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(2000, m, 1)),
    ),
  ),
  shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
});
