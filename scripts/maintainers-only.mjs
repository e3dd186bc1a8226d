// @ts-check
/**
 * What `npm run check` (and the other maintainers' commands) says in a classroom export, which has no
 * solutions/ and none of memkata's maintainer tools: what the command is for, and the learner's own commands.
 */
import { uiLanguage } from './lib/lang.mjs';

const command = process.argv[2] ?? 'this command';
const ko = uiLanguage() === 'ko';
console.error(
  ko
    ? `npm run ${command} 는 memkata 유지보수자의 명령입니다. 모범 답안 트리(solutions/)와 유지보수 도구가 필요한데, 수업용 저장소에는 둘 다 없습니다.
여러분의 명령: npm run kata N (카타 하나), npm run progress (전체 진행), npm run grade (채점), npm run solution N (통과한 뒤 모범 답안).`
    : `npm run ${command} is a maintainers' command of memkata: it needs the reference tree (solutions/) and the
maintainers' tools, which a classroom copy does not carry.
Your commands: npm run kata N (one kata), npm run progress (all of them), npm run grade (the grade),
npm run solution N (the reference, once kata N is green).`,
);
process.exitCode = 2;
