/** Text of the CLI's own messages; the packages' issues carry their own text. */

export const cliMessages = {
  noEditions: (topicDir: string) =>
    `no edition found under ${topicDir}: expected folders such as ${topicDir}/2005 holding a dataset.yaml`,
  badEditions: (topicDir: string) =>
    `the editions under ${topicDir} are ambiguous: each edition must be declared by one folder named after it`,
  notADirectory: (flag: string, dir: string) => `${flag} ${dir}: no such folder`,
  noDatasetYaml: (dir: string) => `${dir}: no dataset.yaml in this folder`,
  editionNotFound: (edition: string, topicDir: string, known: readonly string[]) =>
    `edition ${edition} not found under ${topicDir} (editions there: ${known.join(", ") || "none"})`,
  validSummary: (dir: string, what: string, warnings: number) =>
    `✓ ${dir}: ${what}; valid${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}`,
  invalidSummary: (dir: string, errors: number, warnings: number) =>
    `✗ ${dir}: ${errors} error${errors === 1 ? "" : "s"}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}`,
  failedSummary: (errors: number, warnings: number) =>
    `✗ ${errors} error${errors === 1 ? "" : "s"}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}; nothing was written`,
  indicatorsSummary: (n: number, edition: string, errors: number, warnings: number) =>
    `${n} indicator${n === 1 ? "" : "s"} evaluated against edition ${edition}${errors + warnings > 0 ? ` (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"})` : ""}`,
  noTemplate: (dir: string) => `${dir}: no template.yaml in this folder`,
  badTemplate: (dir: string) => `the template ${dir} has problems; fix them first`,
  used: (template: string | undefined, data: readonly string[]) =>
    `${template === undefined ? "" : `template ${template} · `}data ${data.join(" → ")}`,
  noData: "no data to use; give it with --data DIR",
  noTopic: (id: string) =>
    `template ${id} names no data topic, so briefkit cannot tell which data to use`,
  noTopicHint:
    "add topic: <folder under data/> to template.yaml (or to the template it extends), or give --data DIR",
  topicNotFound: (topic: string, dir: string) => `topic: ${topic}, but there is no folder ${dir}`,
  topicHint: (guess: string | undefined, topics: readonly string[]) =>
    `${guess === undefined ? "" : `did you mean ${guess}? `}topics under data/: ${topics.join(", ") || "none"}; or give the data with --data DIR`,
  badEpoch: (value: string) => `SOURCE_DATE_EPOCH=${value} is not a number of seconds since 1970`,
  batchLanguage: (language: string) =>
    `language "${language}" is not a BCP 47 language tag: give one such as en-GB, ru or ja`,
  batchDataInvalid: "the dataset has errors (see them with: briefkit validate)",
  batchComposeFailed: "the brief did not compose",
  batchFileUnreadable: (file: string, reason: string) =>
    `cannot read the batch file ${file}: ${reason}`,
  batchFileInvalid: "the batch file is invalid",
  batchPlanFailed: "the batch names something that is not there; nothing was built",
  batchUnknownAudience: (audience: string, template: string, known: readonly string[]) =>
    `template ${template} has no audience "${audience}" (audiences: ${known.join(", ")})`,
  batchUnknownParam: (name: string, declared: readonly string[]) =>
    declared.length === 0
      ? `the template declares no parameters, so "${name}" has nothing to set`
      : `the template declares no parameter "${name}" (parameters: ${declared.join(", ")})`,
  batchParamMissing: (name: string) =>
    `the template declares parameter ${name}: give its values under params: (or params: all, or --all-params)`,
  batchBadParamValue: (name: string, value: string) =>
    `"${value}" is not a value of parameter ${name}`,
  batchSameName: (name: string, a: string, b: string) =>
    `two jobs would write ${name}: ${a} and ${b}; give them different templates, editions or audiences`,
  batchEmpty: "the batch has no jobs",
  batchStart: (
    all: number,
    here: number,
    shard: { index: number; count: number } | undefined,
    out: string,
  ) =>
    shard === undefined
      ? `batch: ${all} job${all === 1 ? "" : "s"} into ${out}`
      : `batch: shard ${shard.index}/${shard.count}, ${here} of ${all} jobs, into ${out}`,
  mergeNeedsOut: "manifest merge writes the merged manifest to --out FILE; give it",
  mergeUnreadable: (file: string, reason: string) => `cannot read ${file}: ${reason}`,
  mergeInvalid:
    "a manifest to merge is not a batch manifest (briefkit-batch.json); nothing was written",
  mergeJobConflict: (key: string, a: string, b: string, what: string) =>
    `job ${key} is in ${a} and in ${b}, and ${what}: the shards were not built from the same inputs; nothing was written`,
  mergeOutputConflict: (name: string, k1: string, k2: string, a: string, b: string) =>
    `${name} is written by job ${k1} (${a}) and by job ${k2} (${b}); nothing was written`,
  mergeShardCount: (n1: number, n2: number, a: string, b: string) =>
    `${a} is a shard of ${n1} and ${b} a shard of ${n2}: shards of different splits do not add up; nothing was written`,
  mergeMissingShards: (missing: readonly number[]) =>
    `note: no manifest of shard${missing.length === 1 ? "" : "s"} ${missing.join(", ")}; the merged manifest lists only the shards given`,
  mergeSummary: (manifests: number, jobs: number, outputs: number, out: string) =>
    `merged ${manifests} manifest${manifests === 1 ? "" : "s"}: ${jobs} job${jobs === 1 ? "" : "s"}, ${outputs} file${outputs === 1 ? "" : "s"}, into ${out}`,
  batchJobFailed: (label: string, reason: string) => `failed: ${label}: ${reason}`,
  batchSummary: (s: {
    jobs: number;
    built: number;
    cached: number;
    failed: number;
    files: number;
    out: string;
    ms: number;
    peakBytes: number;
    threads: number;
  }) =>
    `${s.jobs} job${s.jobs === 1 ? "" : "s"}: ${s.built} built, ${s.cached} unchanged (cached), ${s.failed} failed; ${s.files} file${s.files === 1 ? "" : "s"} written to ${s.out} in ${(s.ms / 1000).toFixed(2)} s (${s.threads > 0 ? `${s.threads} threads` : "in one thread"}, peak memory ${Math.round(s.peakBytes / 2 ** 20)} MB)`,
  badShard: (value: string) =>
    `--shard ${value}: give I/N with 1 <= I <= N (I is 1-based), or auto/N to take I from JOB_COMPLETION_INDEX (0-based, as a Kubernetes Indexed Job sets it)`,
  badShardIndexEnv: (value: string | undefined) =>
    `--shard auto/N reads JOB_COMPLETION_INDEX, which is ${value === undefined ? "not set" : `"${value}", not a whole number from 0 to N-1`}`,
  badJobs: (value: string) => `--jobs ${value}: give a whole number of threads, at least 1`,
  badMaxMemory: (value: string) =>
    `--max-memory ${value}: give megabytes, a whole number of at least 256`,
  batchFlagsAndFile: (flag: string) =>
    `${flag} lists jobs, and so does the batch file: give the jobs in one place`,
  badParamFlag: (flag: string) =>
    `--param ${flag}: give a parameter and its value as NAME=VALUE, e.g. --param region="Primorskiy Krai"`,
  repeatedParam: (name: string) =>
    `--param ${name}= is given twice; one value per parameter (--all-params builds one brief per value)`,
  paramAndAllParams:
    "give --param NAME=VALUE for one brief or --all-params for one per value, not both",
  badLanguage: (value: string) =>
    `--language ${value} is not a BCP 47 language tag: give one such as en-GB, ru or ja`,
  badFormat: (value: string, known: readonly string[]) =>
    `unknown format ${value} (formats: ${known.join(", ")}; give several as pdf,docx)`,
  writerWarning: (format: string, audience: string, code: string, message: string, path: string) =>
    `warning: ${format} (${audience}): ${message} [${code} at ${path}]`,
  dataWarnings: (n: number, dir: string) =>
    `${dir}: the data has ${n} warning${n === 1 ? "" : "s"} (see them with: pnpm briefkit validate --data ${dir})`,
  overLength: (audience: string, pages: number, max: number) =>
    `audience ${audience} runs to ${pages} pages; its target (maxPages) is at most ${max}`,
  overLengthHint:
    "shorten its sections, drop one (omit:), or raise maxPages if the target has changed",
  /** Only for failures before anything in the folder changed, or after an undo that put it back. */
  outNotWritable: (dir: string, reason: string) =>
    `cannot write to ${dir}: ${reason}; nothing in it was changed`,
  outBlocked: (path: string, what: "folder" | "link" | "special") =>
    `${path}: ${what === "folder" ? "a folder" : what === "link" ? "a symbolic link" : "something other than a file"} is where briefkit writes a file; nothing was changed`,
  outBlockedHint: "move or delete it, or write to another folder with --out",
  outLocked: (dir: string, pid: number, host: string) =>
    `${dir} is being written by another briefkit (process ${pid} on ${host}); waited for it, then stopped: nothing was changed. If no briefkit is running, delete ${dir}/.briefkit-lock`,
  outBadJournal: (dir: string, reason: string) =>
    `${dir}/.briefkit-journal.json is not a journal briefkit can read (${reason}); nothing was changed. The folder may hold a build that was interrupted: delete the journal and build again`,
  outRecoveryFailed: (dir: string, reason: string) =>
    `cannot finish or undo the build that was interrupted in ${dir}: ${reason}; nothing else was changed, and the next briefkit command that writes to ${dir} tries again`,
  outMixed: (dir: string, reason: string, undoReason: string) =>
    `cannot write to ${dir}: ${reason}, and putting the earlier files back failed (${undoReason}): the folder may hold old and new files side by side, and no manifest records them as one set. The next briefkit command that writes to ${dir} finishes or undoes it`,
  recoveredFinished: (dir: string, pid: number, files: number) =>
    `${dir}: a build interrupted while it replaced its files (process ${pid}) was finished: its ${files} file${files === 1 ? " is" : "s are"} in place`,
  recoveredUndone: (dir: string, pid: number) =>
    `${dir}: a build interrupted while it replaced its files (process ${pid}) was undone: the earlier files are back`,
  recoveredNew: (dir: string) =>
    `${dir}: a briefkit new interrupted between its two folders was finished: ${dir} is in place`,
  recoveredLeftovers: (dir: string, names: readonly string[]) =>
    `${dir}: removed what killed runs left: ${names.join(", ")}`,
  fileSummary: (path: string, pages: number | undefined, bytes: number, ms: number) =>
    `${path.padEnd(44)} ${pages === undefined ? "       " : `${String(pages).padStart(3)} pp.`} ${bytes.toLocaleString("en-GB").padStart(11)} bytes ${Math.round(ms).toString().padStart(6)} ms`,
  buildSummary: (n: number, ms: number, peakBytes: number) =>
    `${n} file${n === 1 ? "" : "s"} written in ${(ms / 1000).toFixed(2)} s (peak memory ${Math.round(peakBytes / 2 ** 20)} MB)`,
  internalError: (message: string) =>
    `briefkit: internal error: ${message}\nThis is a bug in briefkit, not in your files; please report it with the command you ran.`,
  usageHint: "run `briefkit --help` for the commands and their options",

  // Editions
  placeholderDate: (key: string, value: string) =>
    `${key} ${value} is a placeholder that briefkit edition new chose, not the real date`,
  placeholderHint:
    "set the date the edition is published (or its data is as of) and delete the placeholder comment",
  badTopic: (topic: string) =>
    `--topic ${topic}: a topic is a folder name under data/, such as russia-japan`,
  whichTopic: (topics: readonly string[]) =>
    `no template here to name the data topic: give --topic NAME (topics under data/: ${topics.join(", ") || "none"}) or --template DIR`,
  topicAndTemplate: "give --topic or --template, not both: a template names its topic",
  needTo: (from: string) =>
    `edition ${from} is not a year, so the next one cannot be guessed: give it with --to`,
  badEditionId: (id: string) =>
    `--to ${id}: an edition id is a folder name such as 2006 (letters, digits, ".", "_", "-")`,
  badDate: (date: string) => `--date ${date}: expected a day as YYYY-MM-DD, such as 2006-09-08`,
  editionExists: (edition: string, dir: string) =>
    `edition ${edition} already exists (${dir}); nothing was written. Edit it, or give another --to`,
  editionCreated: (e: {
    dir: string;
    from: string;
    fromDir: string;
    to: string;
    published: string;
    placeholder: boolean;
    dataAsOf: string | undefined;
    tables: readonly string[];
    facts: number;
    /** The template whose topic this is, when the command knows it: the next steps build it. */
    template: string | undefined;
  }) => {
    const prev = e.fromDir;
    const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
    // With a template, diff and build take the data from its topic: the new edition is the newest.
    const withTemplate = e.template === undefined ? "" : ` --template ${e.template}`;
    const build = e.template === undefined ? `--data ${e.dir}` : `--template ${e.template}`;
    return [
      `✓ ${e.dir}: edition ${e.to}, a copy of edition ${e.from} (${prev}) with its ${count(e.tables.length, "table")} and ${count(e.facts, "fact")}`,
      `  published: ${e.published}${e.placeholder ? ` (a placeholder: edition ${e.from}'s date moved on; set the real one)` : ""}`,
      ...(e.dataAsOf === undefined
        ? []
        : [
            `  dataAsOf:  ${e.dataAsOf} (a placeholder: edition ${e.from}'s moved on; set the real one)`,
          ]),
      "",
      "Next:",
      "  1. Put the new figures in the table files: add the new periods' rows, revise earlier ones",
      "     where the source did, and drop a part-year row (such as 2005-H1) once its full year is in.",
      "     A missing value is empty or —, never 0. A table can also be read from an Excel sheet:",
      "     see docs/reference/dataset.md.",
      ...e.tables.map((t) => `       ${t}`),
      `  2. In ${e.dir}/dataset.yaml, set published: and dataAsOf: (delete the placeholder`,
      "     comments) and update the facts: whose figures changed.",
      "  3. Check the data:",
      `       pnpm briefkit validate --data ${e.dir}`,
      "  4. See what changed in the data, the figures and the sentences:",
      `       pnpm briefkit diff${withTemplate} --from ${prev} --to ${e.dir} --out changes.md`,
      `  5. Build the briefs (the newest edition, ${e.to}, is the default), and Word with tracked changes:`,
      `       pnpm briefkit build ${build}`,
      `       pnpm briefkit build ${build} --track-changes-from ${prev}`,
    ].join("\n");
  },
  trackedSummary: (from: string, to: string, author: string, date: string) =>
    `tracked changes: edition ${to} against edition ${from}, by ${author}, dated ${date}`,

  // Diff
  noPreviousEdition: (edition: string) =>
    `edition ${edition} has no earlier edition to compare with; name one with --from`,
  diffWritten: (path: string, bytes: number) =>
    `wrote ${path} (${bytes.toLocaleString("en-GB")} bytes)`,
  badReportFormat: (file: string) =>
    `--out ${file}: the report is written as Markdown (.md), HTML (.html) or JSON (.json); name the file with one of these`,
  // New brief
  badNewName: (name: string) =>
    `${name}: a brief's name is kebab-case (lower-case letters, digits and single hyphens, up to 64 characters), such as arctic-shipping; it names data/<name>/ and templates/<name>/`,
  badNewEdition: (edition: string) =>
    `--edition ${edition}: the first edition of a new brief is a year, such as 2026`,
  badNewTitle: () => "--title: give the brief's title as one line of text",
  newExists: (dirs: readonly string[]) =>
    `${dirs.join(" and ")} already exist${dirs.length === 1 ? "s" : ""}; nothing was written. Choose another name, or delete ${dirs.length === 1 ? "it" : "them"} first`,
  newCreated: (e: { title: string; files: readonly string[]; template: string; data: string }) =>
    [
      `✓ a new brief, ${JSON.stringify(e.title)}:`,
      ...e.files.map((f) => `  ${f}`),
      "",
      "Next:",
      "  1. Build it (PDF, Word and HTML for both audiences, into out/):",
      `       pnpm briefkit build --template ${e.template}`,
      `  2. Put your own figures in ${e.data}/ (tables and facts), check them with`,
      `       pnpm briefkit validate --data ${e.data}`,
      `  3. Write your prose in ${e.template}/sections/ and your figures in ${e.template}/template.yaml.`,
      "     The guide, docs/guide.md, walks through every part of both.",
    ].join("\n"),
  badPort: (value: string) =>
    `--port ${value}: expected a port number from 1 to 65535 (0: any free port)`,
  unknownPreviewAudience: (name: string, known: readonly string[]) =>
    `--audience ${name}: the template declares ${known.join(", ") || "no audience"}`,
  previewListening: (url: string) => `briefkit preview: ${url} (Ctrl-C to stop)`,
  previewWatching: (dirs: readonly string[]) => `watching ${dirs.join(", ")}`,
  previewBuilt: (what: string, ms: number, warnings: number) =>
    `✓ ${what} in ${Math.round(ms)} ms${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}`,
  previewFailed: (what: string, errors: number) =>
    `✗ ${what}: ${errors} error${errors === 1 ? "" : "s"}; the page keeps the last good brief`,
  previewStopped: "briefkit preview stopped",
} as const;
