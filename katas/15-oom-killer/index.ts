export { ParseError } from '#shared/errors';
export { oomBadness, oomScore } from './badness.ts';
export { formatOomKill } from './format-oom-kill.ts';
export { parseOomContext, parseOomKill } from './parse-oom-kill.ts';
export { selectVictim } from './select-victim.ts';
export {
  OOM_SCORE_ADJ_MAX,
  OOM_SCORE_ADJ_MIN,
  type OomConstraint,
  type OomContext,
  type OomKill,
  type OomKillContext,
  type OomMessage,
  type OomTask,
  type OomVictim,
} from './task.ts';
export { totalPages } from './total-pages.ts';
