-- Verify app-audit:schemas/audit/tables/log on pg

BEGIN;

SELECT id, table_name, operation, row_id, actor_id, old_data, new_data, logged_at
  FROM audit.log
 WHERE false;

SELECT 1/(count(*) = 3)::int
  FROM pg_catalog.pg_indexes
 WHERE schemaname = 'audit'
   AND tablename = 'log'
   AND indexname IN ('log_actor_id_idx', 'log_table_row_idx', 'log_logged_at_idx');

ROLLBACK;
