/**
 * The facts Footnote reads out of an article: dated events for /timeline and money or count figures.
 * Every `text` is an exact substring of its passage, so a fact can always be quoted and cited.
 */

/** `decade` is "the 1990s": `year` is then the decade's first year, 1990. */
export type DatePrecision = 'decade' | 'year' | 'month' | 'day';

/** A calendar point as precise as the article states it. */
export interface DatePoint {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
  readonly precision: DatePrecision;
}

export interface EventDate extends DatePoint {
  /** End of a span: "between 2020 and 2024", "in 2020 and 2021", "from March to May 2021". */
  readonly end?: DatePoint;
  /**
   * True when some part of the date comes from `meta.published` rather than the text: the year of "on August 23",
   * the whole of "on Thursday" or "last year", or the day of the report for an event it states without a date.
   */
  readonly inferred: boolean;
  /**
   * Where an inferred date was worked out from: `publication` for a phrase read against the publication date
   * ("on Thursday", "last May", "August 23"); `report` for an event the report states without any date, dated by
   * the day the report was published. Absent when the text states the date.
   */
  readonly resolvedFrom?: 'publication' | 'report';
  /** ISO-like label: `1990s`, `2016`, `2022-02`, `2024-08-23`, `2020/2024`. */
  readonly label: string;
}

/** Where an event is written: verbatim words and the passage that holds them. */
export interface EventSource {
  /** Verbatim sentence, or the clause of it that holds this date when the sentence holds several. */
  readonly text: string;
  /** The whole verbatim sentence `text` comes from (equal to `text` when no clause was cut). */
  readonly sentence: string;
  readonly passageId: string;
  readonly articleSlug: string;
  readonly paragraph: number;
  readonly section?: string;
  /** Offset of `text` in `passage.text`. */
  readonly start: number;
}

export interface TimelineEvent extends EventSource {
  readonly date: EventDate;
  /** The same event as other articles report it, each quotable and citable: one row, several citations. */
  readonly alsoReported?: readonly EventSource[];
}

export type FigureKind = 'money' | 'count';

export interface Figure {
  /** The number the figure stands for: `$2.6 billion` → 2_600_000_000. */
  readonly amount: number;
  /** Verbatim: `$2.6 billion`, `22 state-owned enterprises`. */
  readonly display: string;
  /** ISO 4217 code for money (`USD`, `EUR`, …); the counted noun for a count (`state-owned enterprises`). */
  readonly unit: string;
  readonly kind: FigureKind;
  /** The verbatim sentence that holds the figure. */
  readonly text: string;
  /** The year the text itself gives for this figure (same clause), if it gives exactly one. */
  readonly year?: number;
  readonly passageId: string;
  readonly articleSlug: string;
  readonly paragraph: number;
  readonly section?: string;
  /** Offset of `text` in `passage.text`. */
  readonly start: number;
  /** Offset of `display` in `passage.text`, for highlighting. */
  readonly displayStart: number;
  /**
   * Normalised words of the figure's clause that say what it measures (`investments`, `credit`, `privatization`),
   * nearest first; stopwords and numbers left out.
   */
  readonly topic: readonly string[];
}

/** A `from` or `to` bound for filtering a timeline, as parsed from what a person typed. */
export interface DateBound extends DatePoint {
  readonly label: string;
}
