import { ValidationFinding } from '@goldenpath/backstage-plugin-gitops-common';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DirectoryFiles, TreeFiles } from '../files/RepositoryFiles';
import {
  INFRASTRUCTURE,
  copyOfInfrastructure,
  editFile,
  lineContaining,
  readTree,
} from './__testUtils__/infrastructure';
import { validateTerraform } from './validateTerraform';

describe('validateTerraform on the checked-in infrastructure', () => {
  it('finds nothing, on disk and through a read-only tree', async () => {
    await expect(
      validateTerraform(new DirectoryFiles(INFRASTRUCTURE)),
    ).resolves.toEqual([]);
    await expect(
      validateTerraform(TreeFiles.fromEntries(await readTree(INFRASTRUCTURE))),
    ).resolves.toEqual([]);
  });
});

interface BrokenCase {
  what: string;
  file: string;
  search: string;
  replacement: string;
  /** Text on the line the finding must point at, in the edited file. */
  lineWith: string;
  rule: string;
  message: RegExp;
}

const MODULES = 'terraform/modules';
const ENVIRONMENTS = 'terraform/environments';

const cases: BrokenCase[] = [
  {
    what: 'a syntax error',
    file: `${ENVIRONMENTS}/staging/variables.tf`,
    search: '  default     = "us-east-1"\n',
    replacement: '  default     =\n',
    lineWith: 'default     =',
    rule: 'terraform/parse',
    message: /^Invalid expression: Expected the start of an expression/,
  },
  {
    what: 'an unclosed block',
    file: `${MODULES}/storage/s3/outputs.tf`,
    search:
      'output "bucket_arn" {\n  description = "ARN of the bucket."\n  value       = aws_s3_bucket.this.arn\n}\n',
    replacement:
      'output "bucket_arn" {\n  description = "ARN of the bucket."\n  value       = aws_s3_bucket.this.arn\n\n',
    lineWith: 'output "bucket_arn" {',
    rule: 'terraform/parse',
    message: /^Unclosed configuration block: There is no closing brace/,
  },
  {
    what: 'an undocumented variable',
    file: `${MODULES}/database/rds/variables.tf`,
    search:
      '  type        = number\n  description = "Port the database listens on."\n',
    replacement: '  type        = number\n',
    lineWith: 'variable "port" {',
    rule: 'terraform/variable-undocumented',
    message: /^variable "port" has no description/,
  },
  {
    what: 'an untyped variable',
    file: `${MODULES}/messaging/sqs/variables.tf`,
    search: 'variable "delay_seconds" {\n  type        = number\n',
    replacement: 'variable "delay_seconds" {\n',
    lineWith: 'variable "delay_seconds" {',
    rule: 'terraform/variable-untyped',
    message: /^variable "delay_seconds" has no type; declare one/,
  },
  {
    what: 'an undocumented output',
    file: `${MODULES}/database/elasticache/outputs.tf`,
    search: '  description = "Port of the cache."\n',
    replacement: '',
    lineWith: 'output "port" {',
    rule: 'terraform/output-undocumented',
    message: /^output "port" has no description/,
  },
  {
    what: 'a module call with an unknown argument',
    file: `${ENVIRONMENTS}/prod/main.tf`,
    search: '  identifier = "payment-service-prod"\n',
    replacement:
      '  identifier = "payment-service-prod"\n  instance_size = "large"\n',
    lineWith: 'instance_size = "large"',
    rule: 'terraform/module-unknown-argument',
    message:
      /^module "payment_service_db" passes "instance_size", which terraform\/modules\/database\/rds does not declare/,
  },
  {
    what: 'a misspelt argument',
    file: `${ENVIRONMENTS}/dev/main.tf`,
    search: '  multi_az_enabled           = false\n',
    replacement: '  multi_az_enable            = false\n',
    lineWith: 'multi_az_enable ',
    rule: 'terraform/module-unknown-argument',
    message: /does not declare \(did you mean multi_az_enabled\?\)/,
  },
  {
    what: 'a missing required argument',
    file: `${ENVIRONMENTS}/dev/main.tf`,
    search: '  instance_class = "db.t4g.small"\n',
    replacement: '',
    lineWith: 'module "user_service_db" {',
    rule: 'terraform/module-missing-argument',
    message:
      /^module "user_service_db" does not pass "instance_class", which terraform\/modules\/database\/rds requires \(it has no default\)/,
  },
  {
    what: 'a missing source folder',
    file: `${ENVIRONMENTS}/staging/main.tf`,
    search: '  source = "../../modules/storage/s3"\n',
    replacement: '  source = "../../modules/storage/s4"\n',
    lineWith: 'modules/storage/s4',
    rule: 'terraform/module-source-missing',
    message:
      /^module "product_images_bucket" has source "..\/..\/modules\/storage\/s4", but terraform\/modules\/storage\/s4 holds no .tf files; .*\(did you mean ..\/..\/modules\/storage\/s3\?\)/,
  },
  {
    what: 'a reference to a module output that does not exist',
    file: `${ENVIRONMENTS}/prod/outputs.tf`,
    search: 'module.order_queue.queue_url',
    replacement: 'module.order_queue.queue_endpoint',
    lineWith: 'module.order_queue.queue_endpoint',
    rule: 'terraform/module-unknown-output',
    message:
      /^module\.order_queue\.queue_endpoint: module "order_queue" \(terraform\/modules\/messaging\/sqs\) has no output "queue_endpoint"/,
  },
  {
    what: 'a reference to a module that is not called',
    file: `${ENVIRONMENTS}/dev/main.tf`,
    search: 'module.order_dlq.queue_name',
    replacement: 'module.orders_dlq.queue_name',
    lineWith: 'module.orders_dlq.queue_name',
    rule: 'terraform/undeclared-module',
    message:
      /^module\.orders_dlq\.queue_name refers to module "orders_dlq", which terraform\/environments\/dev does not call \(did you mean order_dlq\?\)/,
  },
  {
    what: 'a reference to an undeclared variable',
    file: `${ENVIRONMENTS}/staging/main.tf`,
    search: '  region = var.aws_region\n',
    replacement: '  region = var.aws_regoin\n',
    lineWith: 'var.aws_regoin',
    rule: 'terraform/undeclared-variable',
    message:
      /^var\.aws_regoin refers to variable "aws_regoin", which terraform\/environments\/staging does not declare \(did you mean aws_region\?\)/,
  },
];

describe('validateTerraform on broken copies', () => {
  let root: string;

  beforeEach(async () => {
    root = await copyOfInfrastructure();
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it.each(cases.map(c => [c.what, c]))(
    'reports %s',
    async (_what, broken: BrokenCase) => {
      const edited = await editFile(
        root,
        broken.file,
        broken.search,
        broken.replacement,
      );
      const findings = await validateTerraform(new DirectoryFiles(root));
      expect(findings).toEqual<ValidationFinding[]>([
        {
          file: broken.file,
          line: lineContaining(edited, broken.lineWith),
          rule: broken.rule,
          message: expect.stringMatching(broken.message),
        },
      ]);
    },
  );

  it('reports every problem of a file that parses, each at its line', async () => {
    const file = `${ENVIRONMENTS}/prod/outputs.tf`;
    await editFile(root, file, 'module.vpc.vpc_id', 'module.vpc.id');
    const edited = await editFile(
      root,
      file,
      'module.vpc.nat_public_ips',
      'module.vpc.public_ips',
    );
    const findings = await validateTerraform(new DirectoryFiles(root));
    expect(findings.map(f => [f.file, f.line, f.rule])).toEqual([
      [
        file,
        lineContaining(edited, 'module.vpc.id'),
        'terraform/module-unknown-output',
      ],
      [
        file,
        lineContaining(edited, 'module.vpc.public_ips'),
        'terraform/module-unknown-output',
      ],
    ]);
  });

  it('ignores references in comments and strings', async () => {
    await editFile(
      root,
      `${ENVIRONMENTS}/dev/outputs.tf`,
      'output "cluster_name" {\n  description = "EKS cluster name"\n',
      'output "cluster_name" {\n  # module.nothing.here and var.nothing\n  description = "EKS cluster name, not module.eks.name or var.x"\n',
    );
    await expect(validateTerraform(new DirectoryFiles(root))).resolves.toEqual(
      [],
    );
  });

  it('validates a tree rooted elsewhere', async () => {
    const tree = await readTree(path.join(root, 'terraform'));
    const files = TreeFiles.fromEntries(
      Object.fromEntries(
        Object.entries(tree).map(([file, text]) => [`infra/tf/${file}`, text]),
      ),
    );
    await expect(
      validateTerraform(files, { root: 'infra/tf' }),
    ).resolves.toEqual([]);
  });
});
