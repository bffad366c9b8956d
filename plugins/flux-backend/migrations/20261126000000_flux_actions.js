// @ts-check

/**
 * Who asked Flux to reconcile, suspend or resume which object, and how it
 * ended: the audit shown on each entity's Flux page.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('flux_actions', table => {
    table.comment('Reconcile, suspend and resume requests on Flux objects');
    table.bigIncrements('seq').primary().comment('Insertion order');
    table.string('id', 36).notNullable().unique().comment('Public id (UUID)');
    table
      .string('entity_ref')
      .notNullable()
      .comment('The catalog entity the object belongs to');
    table.string('cluster').notNullable();
    table.string('environment').nullable();
    table.string('kind').notNullable();
    table.string('namespace').notNullable();
    table.string('name').notNullable();
    table
      .string('action', 16)
      .notNullable()
      .comment('reconcile, suspend or resume');
    table.string('actor').notNullable().comment('User entity ref of who asked');
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table
      .string('result', 16)
      .notNullable()
      .comment('pending, succeeded, failed, timeout or denied');
    table.text('message').nullable();
    table.index(['entity_ref', 'seq'], 'flux_actions_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('flux_actions');
};
