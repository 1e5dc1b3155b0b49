-- Deploy app-audit:schemas/audit/triggers/app_users to pg
-- requires: schemas/audit/functions/tg_log_change

BEGIN;

-- app.users belongs to app-base (a control-file requirement of this module).
CREATE TRIGGER audit_log_change
  AFTER INSERT OR UPDATE OR DELETE ON app.users
  FOR EACH ROW
  EXECUTE FUNCTION audit.tg_log_change();

COMMIT;
