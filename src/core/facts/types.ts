/**
 * The facts Footnote reads out of an article: dated events for /timeline and money or count figures.
 * Every `text` is an exact substring of its passage, so a fact can always be quoted and cited.
 */

export type DatePrecision = 'year' | 'month' | 'day';

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
  /** True when the article prints no year ("on August 23") and the year comes from `meta.published`. */
  readonly inferred: boolean;
  /** ISO-like label: `2016`, `2022-02`, `2024-08-23`, `2020/2024`. */
  readonly label: string;
}

export interface TimelineEvent {
  readonly date: EventDate;
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
