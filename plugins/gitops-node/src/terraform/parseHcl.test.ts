import { InputError } from '@backstage/errors';
import { GitopsFileError } from '../errors';
import { parseHcl } from './parseHcl';

const FILE = 'terraform/environments/dev/main.tf';

async function parseError(text: string): Promise<GitopsFileError> {
  try {
    await parseHcl(FILE, text);
  } catch (error) {
    return error as GitopsFileError;
  }
  throw new Error('expected a parse error');
}

describe('parseHcl', () => {
  it('answers the same text again with an independent copy', async () => {
    const text = 'variable "region" {\n  type = string\n}\n';
    const first = await parseHcl('variables.tf', text);
    (first as any).variable = 'changed by a caller';
    const second = await parseHcl('variables.tf', text);
    expect(second).toEqual({ variable: { region: [{ type: '${string}' }] } });
    // A different text is parsed, not served from the last answer.
    const other = await parseHcl(
      'variables.tf',
      text.replace('region', 'zone'),
    );
    expect(Object.keys((other as any).variable)).toEqual(['zone']);
  });

  it('gives literals as JSON and expressions as ${...} strings', async () => {
    await expect(
      parseHcl(
        FILE,
        'module "db" {\n  source = "../../modules/database/rds"\n  port   = 5432\n  vpc_id = module.vpc.vpc_id\n}\n',
      ),
    ).resolves.toEqual({
      module: {
        db: [
          {
            source: '../../modules/database/rds',
            port: 5432,
            vpc_id: '${module.vpc.vpc_id}',
          },
        ],
      },
    });
  });

  it('turns a syntax error into the file, the line and what was expected', async () => {
    const error = await parseError(
      'variable "region" {\n  type    = string\n  default =\n}\n',
    );
    expect(error).toBeInstanceOf(GitopsFileError);
    expect(error).toBeInstanceOf(InputError);
    expect(error.file).toBe(FILE);
    expect(error.line).toBe(3);
    expect(error.message).toBe(
      `${FILE}:3: Invalid expression: Expected the start of an expression, but found an invalid expression token.`,
    );
  });

  it('reports an unclosed block at the block that is not closed', async () => {
    const error = await parseError(
      'locals {\n  a = 1\n}\n\nmodule "x" {\n  source = "./x"\n',
    );
    expect(error.line).toBe(5);
    expect(error.message).toMatch(
      /^terraform\/environments\/dev\/main\.tf:5: Unclosed configuration block: There is no closing brace for this block/,
    );
  });

  it('keeps positions mentioned in the detail out of the line', async () => {
    const error = await parseError(
      'variable "a" {\n  type = string\n  type = number\n}\n',
    );
    expect(error.line).toBe(3);
    expect(error.message).toBe(
      `${FILE}:3: Attribute redefined: The argument "type" was already set at ${FILE}:2,3-7. Each argument may be set only once.`,
    );
  });

  it('names the earliest problem and lists the others', async () => {
    const error = await parseError(
      'variable "a" {\n  default =\n}\nvariable "b" {\n  x = "unterminated\n}\n',
    );
    expect(error.line).toBe(2);
    expect(error.message).toBe(
      `${FILE}:2: Invalid expression: Expected the start of an expression, but found an invalid expression token. (and 2 more: line 5: Invalid multi-line string, line 6: Invalid multi-line string)`,
    );
  });
});
