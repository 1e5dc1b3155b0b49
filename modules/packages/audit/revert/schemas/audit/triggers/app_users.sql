-- Revert app-audit:schemas/audit/triggers/app_users from pg

BEGIN;

DROP TRIGGER audit_log_change ON app.users;

COMMIT;
