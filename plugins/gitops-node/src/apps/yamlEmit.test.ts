import { parse } from 'yaml';
import { Literal, scalar, yamlDocument, yamlDocuments } from './yamlEmit';

describe('yamlEmit', () => {
  it.each([
    'plain',
    'true',
    'no',
    '8080',
    '0.5',
    '1e3',
    '0x1F',
    '',
    ' padded',
    '- item',
    '# not a comment',
    'a: b',
    'value #comment',
    '{{pod}}',
    'ends:',
    "it's",
    'say "hi"',
    `both ' and "`,
    'tab\there',
    'two\nlines',
    '*alias',
    '=',
    '${ENVIRONMENT}/app',
  ])('writes %j so that YAML reads it back unchanged', value => {
    const text = yamlDocument({ key: value });
    expect(parse(text)).toEqual({ key: value });
  });

  it('quotes the way prettier does', () => {
    expect(scalar('8080')).toBe("'8080'");
    expect(scalar("it's: here")).toBe('"it\'s: here"');
    expect(scalar("it's")).toBe("it's");
    expect(scalar('plain value')).toBe('plain value');
  });

  it('writes comments, indented sequences, literals and empty collections', () => {
    const text = yamlDocument(
      {
        '#': 'Why this key.',
        list: [{ name: 'a', values: ['x'] }, 'b'],
        block: new Literal('line 1\n\nline 3\n'),
        empty: [],
        none: {},
      },
      'Header\n\nafter a blank',
    );
    expect(text).toBe(
      [
        '# Header',
        '#',
        '# after a blank',
        '# Why this key.',
        'list:',
        '  - name: a',
        '    values:',
        '      - x',
        '  - b',
        'block: |',
        '  line 1',
        '',
        '  line 3',
        'empty: []',
        'none: {}',
        '',
      ].join('\n'),
    );
    expect(parse(text).block).toBe('line 1\n\nline 3\n');
  });

  it('separates documents', () => {
    expect(yamlDocuments([{ a: 1 }, { b: 2 }], 'c')).toBe(
      '# c\na: 1\n---\nb: 2\n',
    );
  });
});
