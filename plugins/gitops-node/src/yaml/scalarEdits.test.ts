import { parse, parseDocument, isSeq, isMap, Scalar } from 'yaml';
import { YamlEdit } from './scalarEdits';

/** Replaces the plain scalar item of `- KEY=old` and returns the new text. */
function editItem(value: string): string {
  const text = '# config\nliterals:\n  - GREETING=hi # keep\n  - OTHER=1\n';
  const document = parseDocument(text);
  const literals = document.get('literals', true);
  if (!isSeq(literals)) throw new Error('no list');
  const edit = new YamlEdit(document, text);
  edit.setScalar(literals.items[0], value);
  return edit.result();
}

describe('YamlEdit.setScalar', () => {
  it('changes only the scalar, keeping comments and the rest byte for byte', () => {
    expect(editItem('GREETING=hello')).toBe(
      '# config\nliterals:\n  - GREETING=hello # keep\n  - OTHER=1\n',
    );
  });

  it('quotes a value that written plain would change the structure or type', () => {
    for (const value of [
      'GREETING=Note: read this',
      'GREETING=ends with colon:',
      '- GREETING=x',
      '@GREETING',
      'true',
      '1.10',
      'null',
      'trailing ',
      'has #hash',
      'quote " and \\ backslash',
    ]) {
      const edited = editItem(value);
      expect([value, parse(edited).literals]).toEqual([
        value,
        [value, 'OTHER=1'],
      ]);
      expect(edited).toContain('# keep');
    }
  });

  it('keeps the quoting style of the original scalar', () => {
    const text = 'name: \'old\'\nother: "x"\n';
    const document = parseDocument(text);
    if (!isMap(document.contents)) throw new Error('no map');
    const edit = new YamlEdit(document, text);
    edit.setScalar(document.get('name', true) as Scalar, "it's");
    edit.setScalar(document.get('other', true) as Scalar, 'y');
    expect(edit.result()).toBe("name: 'it''s'\nother: \"y\"\n");
  });
});
