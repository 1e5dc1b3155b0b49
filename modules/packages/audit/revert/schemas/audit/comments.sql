-- Revert app-audit:schemas/audit/comments from pg

BEGIN;

COMMENT ON COLUMN audit.log.row_id IS NULL;
COMMENT ON COLUMN audit.log.actor_id IS NULL;
COMMENT ON TABLE audit.log IS NULL;
COMMENT ON SCHEMA audit IS NULL;

COMMIT;
