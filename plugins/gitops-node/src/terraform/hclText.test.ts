import { promises as fs } from 'node:fs';
import path from 'node:path';
import { leadingCommentStart, lineAt, maskHcl, scanHcl } from './hclText';
import { parseHcl } from './parseHcl';

const FIXTURE = path.join(__dirname, '__fixtures__', 'tricky.tf');

describe('maskHcl', () => {
  it('keeps code and interpolations, blanks comments and literal text', async () => {
    const text = await fs.readFile(FIXTURE, 'utf8');
    const masked = maskHcl(text);
    expect(masked).toHaveLength(text.length);
    expect(masked.split('\n')).toHaveLength(text.split('\n').length);

    const references = [
      ...masked.matchAll(/(?<![\w.])(module|var)\.[\w-]+(\.[\w-]+)?/g),
    ].map(m => `${lineAt(text, m.index!)}:${m[0]}`);
    expect(references).toEqual([
      '5:var.name',
      '6:var.list',
      '10:module.bucket.arn',
      '16:module.bucket.id',
      '23:var.tags',
    ]);
    // Brackets outside the code are gone, so blocks balance.
    const count = (c: string) => masked.split(c).length - 1;
    expect(count('{')).toBe(count('}'));
  });
});

describe('scanHcl', () => {
  it('finds blocks, labels, attributes and their lines', async () => {
    const text = await fs.readFile(FIXTURE, 'utf8');
    await expect(parseHcl('tricky.tf', text)).resolves.toBeDefined();
    const { blocks } = scanHcl(text);
    expect(blocks.map(b => [b.type, b.labels, b.line])).toEqual([
      ['locals', [], 2],
      ['resource', ['aws_s3_bucket', 'this'], 20],
    ]);
    expect(blocks[0].attributes.map(a => [a.name, a.line])).toEqual([
      ['greeting', 4],
      ['escaped', 5],
      ['nested', 6],
      ['label', 7],
      ['policy', 8],
      ['after', 16],
    ]);
    const tags = blocks[1].attributes.find(a => a.name === 'tags')!;
    expect(text.slice(tags.valueStart, tags.valueEnd)).toBe(
      'merge(var.tags, {\n    Name = "b"\n  })',
    );
    expect(text.slice(blocks[1].start, blocks[1].end)).toMatch(
      /^resource "aws_s3_bucket" "this" \{[\s\S]*\n\}$/,
    );
  });

  it('finds the comment lines that describe a block', async () => {
    const text = await fs.readFile(FIXTURE, 'utf8');
    const [locals, resource] = scanHcl(text).blocks;
    expect(text.slice(leadingCommentStart(text, resource.start))).toMatch(
      /^\/\/ The block the tests look for\nresource /,
    );
    expect(
      text.slice(leadingCommentStart(text, locals.start), locals.start),
    ).toBe('# A comment with module.commented.out and a brace {\n');
  });
});
