/**
 * What kind of answer a question asks for, read from its question words, as a test of a sentence: "when" wants a
 * date or a number (a year, a month, "after 24 months"), "how much / how many / how long ..." a number, "why" a
 * sentence that gives a reason. Used by the excerpt only: among the sentences of the right passage, to show the one
 * that answers, not only the one that repeats the question's words. Ranking is left alone: nearly every passage
 * of a news article or a report holds a number or a date, so the test says nothing about which passage answers.
 * "one" is not counted a number: it is a pronoun as often ("one of very few", "a one-off").
 */
export type AnswerTest = (sentence: string) => boolean;

const MONTH = /\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/i;
const NUMBER =
  /\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|third|quarter|fifth|double|twice|dozen)\b/i;
const REASON =
  /\b(?:because|since|so that|due to|owing to|as a result|thanks to|in order to|the reason|led to|caused|after)\b/i;

const ASKS_WHEN = /^\s*(?:and\s+)?when\b|\bwhat (?:year|date|month|day)\b|\bsince when\b/i;
const ASKS_AMOUNT =
  /\bhow (?:much|many|long|far|big|large|tall|high|wide|deep|thick|old|often)\b|\bwhat (?:share|percentage|proportion|fraction)\b|\bby how\b/i;
const ASKS_WHY = /^\s*(?:and\s+)?why\b/i;

const hasDateOrNumber: AnswerTest = (sentence) => NUMBER.test(sentence) || MONTH.test(sentence);
const hasNumber: AnswerTest = (sentence) => NUMBER.test(sentence);
const givesReason: AnswerTest = (sentence) => REASON.test(sentence);

/** The test of an answering sentence for `question`, or undefined when its words ask for no particular kind. */
export function answerTestOf(question: string): AnswerTest | undefined {
  if (ASKS_WHEN.test(question)) return hasDateOrNumber;
  if (ASKS_AMOUNT.test(question)) return hasNumber;
  if (ASKS_WHY.test(question)) return givesReason;
  return undefined;
}
