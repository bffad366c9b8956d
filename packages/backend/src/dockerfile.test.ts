import { DockerfileParser, Instruction } from 'dockerfile-ast';
import fs from 'node:fs';
import path from 'node:path';

// No Docker engine here: the portal's Dockerfile is checked statically.
const file = path.resolve(__dirname, '../../../Dockerfile');
const dockerfile = DockerfileParser.parse(fs.readFileSync(file, 'utf8'));
const stages = dockerfile.getFROMs();
const finalStage = stages[stages.length - 1];
const finalStart = finalStage.getRange().start.line;
const inFinalStage = (i: Instruction) => i.getRange().start.line >= finalStart;
const finalInstructions = dockerfile.getInstructions().filter(inFinalStage);
const keyword = (i: Instruction) => i.getKeyword();

describe('the portal Dockerfile', () => {
  it('is multi-stage, on Node 22 or 24, and every COPY --from names an earlier stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const names = stages.map(s => s.getBuildStage()).filter(Boolean);
    // Every stage starts from Node 22 or 24, directly or through a stage.
    const baseImages = stages.filter(s => !names.includes(s.getImageName()));
    expect(baseImages.length).toBeGreaterThan(0);
    for (const from of baseImages) {
      expect(from.getImageName()).toBe('node');
      expect(from.getImageTag()).toMatch(/^(22|24)-/);
    }
    const copiedFrom = dockerfile
      .getCOPYs()
      .map(copy => copy.getFromFlag()?.getValue())
      .filter(Boolean);
    expect(copiedFrom.length).toBeGreaterThan(0);
    expect(names).toEqual(expect.arrayContaining(copiedFrom));
  });

  it('runs as a non-root user in the final stage', () => {
    const users = finalInstructions.filter(i => keyword(i) === 'USER');
    expect(users).toHaveLength(1);
    const user = users[0].getArgumentsContent()!;
    expect(['root', '0']).not.toContain(user.split(':')[0]);
    // Nothing after USER switches back to root.
    const cmd = finalInstructions.find(i => keyword(i) === 'CMD')!;
    expect(users[0].getRange().start.line).toBeLessThan(
      cmd.getRange().start.line,
    );
  });

  it('has a health check against the backend liveness endpoint', () => {
    const healthchecks = dockerfile.getHEALTHCHECKs();
    expect(healthchecks).toHaveLength(1);
    expect(inFinalStage(healthchecks[0])).toBe(true);
    expect(healthchecks[0].getArgumentsContent()).toContain(
      '/.backstage/health/v1/liveness',
    );
  });

  it('starts the backend with the production configuration on port 7007', () => {
    const expose = finalInstructions.find(i => keyword(i) === 'EXPOSE')!;
    expect(expose.getArgumentsContent()).toBe('7007');
    const cmd = finalInstructions.find(i => keyword(i) === 'CMD')!;
    expect(JSON.parse(cmd.getArgumentsContent()!)).toEqual([
      'node',
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
    ]);
  });
});
