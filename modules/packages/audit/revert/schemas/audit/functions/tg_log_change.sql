-- Revert app-audit:schemas/audit/functions/tg_log_change from pg

BEGIN;

DROP FUNCTION audit.tg_log_change();

COMMIT;
