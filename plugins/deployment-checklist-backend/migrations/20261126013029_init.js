// @ts-check

const AUDIT_IS_INSERT_ONLY = 'the checklist audit trail is insert-only';

/**
 * Releases, their items, the audit trail and the phase notifications sent.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('checklist_releases', table => {
    table.comment('One version of one entity, with its checklist');
    // Orders releases created in the same millisecond.
    table.increments('seq').primary();
    table.string('id', 36).notNullable().unique();
    table.string('entity_ref', 255).notNullable();
    table.string('version', 128).notNullable();
    // ISO 8601 UTC timestamps: they sort chronologically as text.
    table.string('created_at', 32).notNullable();
    table.string('created_by', 255).notNullable();
    table.string('definition_name', 255).notNullable();
    table.text('definition_source').notNullable();
    table.unique(['entity_ref', 'version']);
    table.index(['created_at'], 'checklist_releases_created_at_idx');
  });

  await knex.schema.createTable('checklist_items', table => {
    table.comment('The items of a release, copied from its definition');
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('checklist_releases');
    table.string('item_id', 100).notNullable();
    table.integer('position').notNullable();
    table.string('phase', 32).notNullable();
    table.text('title').notNullable();
    table.text('description').nullable();
    table.string('provider_type', 32).nullable();
    // The provider's parameters as JSON, kept for re-evaluation.
    table.text('provider_spec').nullable();
    table.string('status', 32).notNullable();
    table.text('evidence').nullable();
    table.string('updated_by', 255).nullable();
    table.string('updated_at', 32).nullable();
    table.text('comment').nullable();
    table.integer('revision').notNullable().defaultTo(0);
    table.primary(['release_id', 'item_id']);
  });

  await knex.schema.createTable('checklist_audit', table => {
    table.comment(
      'Who changed what and when; rows are never updated or deleted',
    );
    table.bigIncrements('id').primary();
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('checklist_releases');
    table.string('item_id', 100).nullable();
    table.string('at', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 32).notNullable();
    table.string('from_status', 32).nullable();
    table.string('to_status', 32).nullable();
    table.text('comment').nullable();
    table.index(['release_id'], 'checklist_audit_release_idx');
  });

  await knex.schema.createTable('checklist_phase_notifications', table => {
    table.comment('Phases whose completion was announced, at most once each');
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('checklist_releases');
    table.string('phase', 32).notNullable();
    table.string('notified_at', 32).notNullable();
    table.primary(['release_id', 'phase']);
  });

  // The audit trail is append-only in the database too, not only in code.
  const client = String(knex.client.config.client);
  if (client === 'pg') {
    await knex.raw(`
      CREATE FUNCTION checklist_audit_insert_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION '${AUDIT_IS_INSERT_ONLY}';
      END;
      $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER checklist_audit_insert_only
      BEFORE UPDATE OR DELETE ON checklist_audit
      FOR EACH ROW EXECUTE FUNCTION checklist_audit_insert_only()`);
  } else if (client.includes('sqlite')) {
    for (const operation of ['UPDATE', 'DELETE']) {
      await knex.raw(`
        CREATE TRIGGER checklist_audit_no_${operation.toLowerCase()}
        BEFORE ${operation} ON checklist_audit
        BEGIN SELECT RAISE(ABORT, '${AUDIT_IS_INSERT_ONLY}'); END`);
    }
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('checklist_phase_notifications');
  await knex.schema.dropTable('checklist_audit');
  await knex.schema.dropTable('checklist_items');
  await knex.schema.dropTable('checklist_releases');
  if (String(knex.client.config.client) === 'pg') {
    await knex.raw('DROP FUNCTION IF EXISTS checklist_audit_insert_only()');
  }
};
