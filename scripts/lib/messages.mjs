// @ts-check
/**
 * Every text the learner's commands print, in English and in Korean: the verdict of `npm run kata`
 * (scripts/lib/verdict.mjs), the progress table (scripts/lib/progress-table.mjs), the hints (scripts/hint.mjs)
 * and the solution gate (scripts/solution.mjs). `messagesFor(uiLanguage())` picks the language
 * (scripts/lib/lang.mjs: MEMKATA_LANG=ko, or a ko_KR locale). The Korean is written for a Korean reader, with
 * the commands and code names left as they are. spec/tools/messages.spec.ts checks that both catalogues have the
 * same entries and that the Korean verdict renders.
 */

/** @typedef {import('./lang.mjs').Lang} Lang */

const en = {
  // verdict
  kataHeading: (/** @type {number} */ n, /** @type {string} */ title) => `Kata ${n} · ${title}`,
  theValue: '(the value)',
  specsGreen: (/** @type {number} */ green, /** @type {number} */ total) => `${green}/${total} specs green`,
  doesNotCompileYet: 'your code does not compile yet',
  couldNotLoad: 'your code could not be loaded',
  referenceTree: ' (reference solution)',
  typeErrors: 'TypeScript found type errors in your code:',
  moreTypeErrors: (/** @type {number} */ n) => `… and ${n} more (npm run typecheck lists them all)`,
  referencePasses: 'The reference passes every spec.',
  kataDone: 'Every spec is green: kata done!',
  nextKata: (/** @type {number} */ n, /** @type {string} */ title) => `Next: kata ${n} · ${title} — npm run kata ${n}`,
  allHintsShown: (/** @type {number} */ tiers, /** @type {string} */ fn, /** @type {number} */ kata) =>
    `All ${tiers} hints${fn ? ` for ${fn}` : ''} shown: npm run hint ${kata} shows the last one again.`,
  stuck: (
    /** @type {string} */ fn,
    /** @type {number} */ kata,
    /** @type {number} */ tier,
    /** @type {number} */ tiers,
  ) => `Stuck${fn ? ` on ${fn}` : ''}? npm run hint ${kata} shows hint ${tier} of ${tiers}${fn ? ` for ${fn}` : ''}.`,
  doesNotCompileAt: (/** @type {string} */ where) => `Your code does not compile: ${where}`,
  fixThatLine: 'Fix that line and save; the specs run again once the file compiles.',
  couldNotStart: (/** @type {string} */ file) => `The specs in ${file} could not start:`,
  at: (/** @type {string} */ where) => `at ${where}`,
  noErrorMessage: 'The spec failed without an error message.',
  usesEarlierKata: (/** @type {string} */ what, /** @type {number} */ n, /** @type {string} */ title) =>
    `Your code uses ${what} from kata ${n} (${title}), which is not written yet.`,
  finishEarlierFirst: (/** @type {number} */ n, /** @type {string} */ at) =>
    `Finish kata ${n} first: npm run kata ${n}   (${at})`,
  notWrittenYet: (/** @type {string} */ what) => `${what} is not written yet.`,
  openAndReplace: (/** @type {string} */ where, /** @type {string} */ what) =>
    `Open ${where} and replace \`return notImplemented('${what}')\` with your code.`,
  loopNeverEnds: (/** @type {string} */ spec, /** @type {number} */ seconds) =>
    `spec "${spec}" did not finish in ${seconds} s — look for a loop that never ends`,
  loadingNeverEnds: (/** @type {number} */ seconds) =>
    `loading your code did not finish in ${seconds} s — look for a loop that never ends at the top level of a file`,
  timedOut: (/** @type {string} */ spec, /** @type {number} */ seconds) =>
    `spec "${spec}" did not finish in ${seconds} s — look for a loop that never ends (or a promise that never settles).`,
  stackOverflow: 'Your code calls itself without end (the call stack overflowed): check the recursion’s base case.',
  helperFails: (
    /** @type {string} */ fn,
    /** @type {string} */ helper,
    /** @type {number} */ failed,
    /** @type {number} */ total,
  ) =>
    `${fn} calls ${helper}, which fails ${failed} of its own ${total} spec${total === 1 ? '' : 's'}: fix ${helper} first.`,
  edit: (/** @type {string} */ where) => `Edit: ${where}`,
  propertyFails: 'A property does not hold for every input.',
  smallestInput: (/** @type {string} */ input) => `Smallest failing input: ${input}`,
  forThatInput: 'For that input:',
  itGave: (/** @type {string} */ what) => `It gave: ${what}`,
  propertyFalse: 'The property returned false for it.',
  replay: (/** @type {string} */ seed, /** @type {number} */ kata) =>
    `Replay exactly: FC_SEED=${seed} npm run kata ${kata}`,
  notExpected: 'not expected',
  missing: 'missing',
  expectedValue: (/** @type {string} */ value) => `expected ${value}`,
  receivedValue: (/** @type {string} */ value) => `received ${value}`,
  moreDifferences: (/** @type {number} */ n) => `… and ${n} more difference(s)`,
  textDiffers: (/** @type {number} */ line) => `The text differs at line ${line}:`,
  expectedLine: 'expected:',
  receivedLine: 'received:',
  noMoreLines: '(no more lines)',
  firstDifference: (/** @type {number} */ column) => `^ first difference, column ${column}`,
  expectedLabel: 'Expected:',
  receivedLabel: 'Received:',
  // progress
  progressHeader: { kata: 'kata', part: 'part', specs: 'specs', state: 'state' },
  progressLabel: 'Progress',
  partHeading: (/** @type {string} */ part, /** @type {string} */ name) => `Part ${part} — ${name}`,
  state: { done: 'done', 'in progress': 'in progress', 'not started': 'not started' },
  progressLine: (
    /** @type {number} */ done,
    /** @type {number} */ katas,
    /** @type {number} */ green,
    /** @type {number} */ total,
  ) => `${done}/${katas} katas done · ${green}/${total} specs green`,
  progressNext: (/** @type {number} */ n, /** @type {string} */ title) => `Next: npm run kata ${n} (${title})`,
  allDone: 'Every kata is done. Well built!',
  // hints
  tierNames: { nudge: 'nudge', approach: 'approach', 'near-solution': 'near-solution' },
  hintTitle: (
    /** @type {string} */ head,
    /** @type {number} */ tier,
    /** @type {number} */ tiers,
    /** @type {string} */ name,
  ) => `${head} — hint ${tier} of ${tiers} (${name})`,
  stillStuck: (
    /** @type {number} */ kata,
    /** @type {string} */ fn,
    /** @type {number} */ tier,
    /** @type {string} */ name,
  ) => `Still stuck? npm run hint ${kata} ${fn} shows hint ${tier} (${name}).`,
  lastHint: (/** @type {string} */ fn, /** @type {string} */ readme) =>
    `That was the last hint for ${fn}. The kata's README explains the idea: ${readme}`,
  otherFunctions: (/** @type {number} */ kata, /** @type {string[]} */ others) =>
    `Hints for another function: npm run hint ${kata} <${others.join('|')}>`,
  noHintNeeded: (/** @type {number} */ kata) => `Every spec of kata ${kata} is green: no hint needed.`,
  hintAnyway: (/** @type {number} */ kata, /** @type {string[]} */ functions) =>
    `A hint for one function anyway: npm run hint ${kata} <function> (${functions.join(', ')})`,
  runningToSee: (/** @type {number} */ kata) => `Running kata ${kata}'s specs to see where you are …`,
  tierRange: (/** @type {number} */ tiers) => `--tier takes 1 to ${tiers}.`,
  noSuchFunction: (/** @type {number} */ kata, /** @type {string} */ fn, /** @type {string[]} */ functions) =>
    `Kata ${kata} has no function ${JSON.stringify(fn)}. Its functions: ${functions.join(', ')}.`,
  readme: 'README.md',
  // the reference, after success
  revealedAfterGreen: (/** @type {number} */ kata) =>
    `The reference solution of kata ${kata} is revealed once your kata ${kata} is green: npm run kata ${kata} until every spec passes, then npm run solution ${kata}.`,
  solutionReady: (/** @type {number} */ kata) =>
    `Kata ${kata} is green: npm run solution ${kata} shows the reference solution to compare with yours.`,
  noReferenceHere:
    'This repository carries the reference solutions only as text to read after success (npm run solution N), not as a tree to run.',
  solutionHeading: (/** @type {number} */ kata, /** @type {string} */ title) =>
    `Kata ${kata} · ${title}: the reference solution. Yours passes the same specs; compare, do not copy back.`,
  solutionWritten: (/** @type {string} */ dir) => `Wrote the reference to ${dir}/ (git ignores it).`,
  watching: 'Watching your files: save to run again, Ctrl-C to stop.',
};

/** @type {typeof en} */
const ko = {
  kataHeading: (n, title) => `카타 ${n} · ${title}`,
  theValue: '(값 전체)',
  specsGreen: (green, total) => `스펙 ${total}개 중 ${green}개 통과`,
  doesNotCompileYet: '코드가 아직 컴파일되지 않습니다',
  couldNotLoad: '코드를 불러오지 못했습니다',
  referenceTree: ' (모범 답안)',
  typeErrors: 'TypeScript가 코드에서 타입 오류를 찾았습니다:',
  moreTypeErrors: (n) => `… 그 밖에 ${n}개 (모두 보기: npm run typecheck)`,
  referencePasses: '모범 답안은 모든 스펙을 통과합니다.',
  kataDone: '모든 스펙 통과: 카타 완료!',
  nextKata: (n, title) => `다음: 카타 ${n} · ${title} — npm run kata ${n}`,
  allHintsShown: (tiers, fn, kata) =>
    `${fn ? `${fn}의 ` : ''}힌트 ${tiers}개를 모두 보았습니다. 마지막 힌트 다시 보기: npm run hint ${kata}`,
  stuck: (fn, kata, tier, tiers) =>
    `${fn ? `${fn}에서 ` : ''}막혔나요? ${fn ? `${fn}의 ` : ''}힌트 ${tiers}개 중 ${tier}번째 보기: npm run hint ${kata}`,
  doesNotCompileAt: (where) => `코드가 컴파일되지 않습니다: ${where}`,
  fixThatLine: '그 줄을 고쳐 저장하세요. 파일이 컴파일되면 스펙이 다시 돕니다.',
  couldNotStart: (file) => `${file} 의 스펙을 시작하지 못했습니다:`,
  at: (where) => `위치: ${where}`,
  noErrorMessage: '스펙이 오류 메시지 없이 실패했습니다.',
  usesEarlierKata: (what, n, title) =>
    `코드가 카타 ${n}(${title})의 ${what} 함수를 쓰는데, 그 함수는 아직 작성되지 않았습니다.`,
  finishEarlierFirst: (n, at) => `카타 ${n}부터 끝내세요: npm run kata ${n}   (${at})`,
  notWrittenYet: (what) => `${what}: 아직 작성되지 않았습니다.`,
  openAndReplace: (where, what) => `${where} 에서 \`return notImplemented('${what}')\` 줄을 여러분의 코드로 바꾸세요.`,
  loopNeverEnds: (spec, seconds) =>
    `스펙 "${spec}": ${seconds}초 안에 끝나지 않았습니다 — 끝나지 않는 루프를 찾아보세요`,
  loadingNeverEnds: (seconds) =>
    `코드를 불러오는 데 ${seconds}초가 넘게 걸렸습니다 — 파일 최상위에 끝나지 않는 루프가 있는지 찾아보세요`,
  timedOut: (spec, seconds) =>
    `스펙 "${spec}": ${seconds}초 안에 끝나지 않았습니다 — 끝나지 않는 루프(또는 끝내 결정되지 않는 프로미스)를 찾아보세요.`,
  stackOverflow: '코드가 자기 자신을 끝없이 호출합니다(콜 스택 넘침): 재귀의 종료 조건을 확인하세요.',
  helperFails: (fn, helper, failed, total) =>
    `${fn} 함수가 호출하는 ${helper} 함수가 자기 스펙 ${total}개 중 ${failed}개를 통과하지 못합니다: ${helper}부터 고치세요.`,
  edit: (where) => `고칠 곳: ${where}`,
  propertyFails: '어떤 입력에서는 성질(property)이 성립하지 않습니다.',
  smallestInput: (input) => `실패하는 가장 작은 입력: ${input}`,
  forThatInput: '그 입력에서:',
  itGave: (what) => `결과: ${what}`,
  propertyFalse: '그 입력에서 성질이 false를 돌려주었습니다.',
  replay: (seed, kata) => `똑같이 재현하기: FC_SEED=${seed} npm run kata ${kata}`,
  notExpected: '있으면 안 됨',
  missing: '없음',
  expectedValue: (value) => `기대값 ${value}`,
  receivedValue: (value) => `실제값 ${value}`,
  moreDifferences: (n) => `… 그 밖에 차이 ${n}곳`,
  textDiffers: (line) => `${line}번째 줄이 다릅니다:`,
  expectedLine: '기대값:',
  receivedLine: '실제값:',
  noMoreLines: '(줄이 더 없음)',
  firstDifference: (column) => `^ 처음 다른 곳, ${column}번째 칸`,
  expectedLabel: '기대값:',
  receivedLabel: '실제값:',
  progressHeader: { kata: '카타', part: '부', specs: '스펙', state: '상태' },
  progressLabel: '진행',
  partHeading: (part, name) => `${part}부 — ${name}`,
  state: { done: '완료', 'in progress': '진행 중', 'not started': '시작 전' },
  progressLine: (done, katas, green, total) => `카타 ${katas}개 중 ${done}개 완료 · 스펙 ${total}개 중 ${green}개 통과`,
  progressNext: (n, title) => `다음: npm run kata ${n} (${title})`,
  allDone: '모든 카타를 끝냈습니다. 멋지게 만들었어요!',
  tierNames: { nudge: '실마리', approach: '접근법', 'near-solution': '거의 답' },
  hintTitle: (head, tier, tiers, name) => `${head} — 힌트 ${tiers}개 중 ${tier}번째 (${name})`,
  stillStuck: (kata, fn, tier, name) => `아직 막혔나요? ${tier}번째 힌트(${name}) 보기: npm run hint ${kata} ${fn}`,
  lastHint: (fn, readme) => `${fn}의 마지막 힌트였습니다. 개념은 카타의 README가 설명합니다: ${readme}`,
  otherFunctions: (kata, others) => `다른 함수의 힌트: npm run hint ${kata} <${others.join('|')}>`,
  noHintNeeded: (kata) => `카타 ${kata}의 스펙이 모두 통과했습니다: 힌트가 필요 없어요.`,
  hintAnyway: (kata, functions) =>
    `그래도 한 함수의 힌트를 보려면: npm run hint ${kata} <함수> (${functions.join(', ')})`,
  runningToSee: (kata) => `어디까지 했는지 보려고 카타 ${kata}의 스펙을 돌립니다 …`,
  tierRange: (tiers) => `--tier 는 1부터 ${tiers}까지입니다.`,
  noSuchFunction: (kata, fn, functions) =>
    `카타 ${kata}에는 ${JSON.stringify(fn)} 함수가 없습니다. 함수 목록: ${functions.join(', ')}.`,
  readme: 'README.ko.md',
  revealedAfterGreen: (kata) =>
    `카타 ${kata}의 모범 답안은 여러분의 코드가 카타 ${kata}의 스펙을 모두 통과한 뒤에 공개됩니다: 모두 통과할 때까지 npm run kata ${kata}, 그다음 npm run solution ${kata}.`,
  solutionReady: (kata) => `카타 ${kata} 통과! 여러분의 코드와 견줘 볼 모범 답안 보기: npm run solution ${kata}`,
  noReferenceHere:
    '이 저장소에는 모범 답안이 실행할 트리가 아니라, 통과한 뒤에 읽는 텍스트로만 들어 있습니다(npm run solution N).',
  solutionHeading: (kata, title) =>
    `카타 ${kata} · ${title}: 모범 답안. 여러분의 코드도 같은 스펙을 통과합니다. 견줘 보되, 옮겨 적지는 마세요.`,
  solutionWritten: (dir) => `모범 답안을 ${dir}/ 에 썼습니다 (git은 이 폴더를 무시합니다).`,
  watching: '파일을 지켜보는 중: 저장하면 다시 돌고, Ctrl-C 로 멈춥니다.',
};

/** @type {Record<Lang, typeof en>} */
export const catalogues = { en, ko };

/**
 * @param {Lang} [lang]
 * @returns {typeof en}
 */
export function messagesFor(lang = 'en') {
  return catalogues[lang] ?? en;
}
