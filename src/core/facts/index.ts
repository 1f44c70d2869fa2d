/** Dated events and figures read out of articles: pure functions over the core's `Article`. */
export type {
  DateBound,
  DatePoint,
  DatePrecision,
  EventDate,
  EventSource,
  Figure,
  FigureKind,
  TimelineEvent,
} from './types.js';
export { extractEvents } from './events.js';
export {
  extractFactsOffThread,
  extractLibraryFacts,
  FACTS_OFF_THREAD_FROM,
  type LibraryFacts,
  mergeFacts,
} from './library-facts.js';
export { extractFigures } from './figures.js';
export { type EventFilter, filterEvents, sortEvents } from './timeline.js';
export { type DateBoundError, parseDateBound } from './bounds.js';
export { type EntityLexicon, type EntityName, entityLexicon, entityMatcher } from './entities.js';
export { entityTimeline, mergeReports, reportEvents } from './entity-timeline.js';
