-- Deploy app-audit:schemas/audit/comments to pg
-- requires: schemas/audit/tables/log

BEGIN;

COMMENT ON SCHEMA audit IS 'Append-only audit trail of changes to application tables';
COMMENT ON TABLE audit.log IS 'One row per audited INSERT, UPDATE or DELETE';
COMMENT ON COLUMN audit.log.actor_id IS 'app.current_user_id() when the change happened; NULL for system changes';
COMMENT ON COLUMN audit.log.row_id IS 'The id column of the changed row';

COMMIT;
