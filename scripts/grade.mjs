// @ts-check
/**
 * npm run grade — runs every kata's specs on the learner's tree once and writes, from that one run:
 *   grade/results.json    per kata: points, passed, failed, failing specs with messages
 *   grade/junit.xml       for CI systems that read JUnit
 *   grade/classroom.json  GitHub Classroom's autograding result (version 1)
 * and prints `Score: X/Y` and `N passed, N failed`. Failing specs are a grade, not an error: the exit code is 0;
 * it is 2 only when grading itself could not run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './lib/cli.mjs';
import { classroomResult, gradeKatas, gradeSummary } from './lib/grading.mjs';
import { allKatas } from './lib/manifest.mjs';
import { repoRoot } from './lib/paths.mjs';
import { runSpecs } from './lib/run-specs.mjs';

run(async () => {
  const out = join(repoRoot, 'grade');
  mkdirSync(out, { recursive: true });
  const { result } = await runSpecs({
    projects: ['katas'],
    extraReporters: [['junit', { outputFile: join(out, 'junit.xml'), suiteName: 'memkata' }]],
  });
  if (!result) throw new Error('the specs did not run, so nothing was graded');
  const grades = gradeKatas(result, allKatas());
  const results = {
    gradedAt: new Date().toISOString(),
    score: grades.reduce((n, g) => n + g.points, 0),
    maxScore: grades.reduce((n, g) => n + g.maxPoints, 0),
    katas: grades,
  };
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(out, 'classroom.json'), `${JSON.stringify(classroomResult(grades), null, 2)}\n`);
  console.log(gradeSummary(grades));
  console.log('Wrote grade/results.json, grade/junit.xml, grade/classroom.json');
  return 0;
});
