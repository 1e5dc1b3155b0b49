-- Verify app-audit:schemas/audit/triggers/app_users on pg

BEGIN;

SELECT 1/count(*)
  FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'app.users'::regclass
   AND tgname = 'audit_log_change'
   AND NOT tgisinternal;

-- The row and its audit entry vanish with the rollback.
INSERT INTO app.users (email, display_name)
VALUES ('verify.audit@example.com', 'Audit Verify');

SELECT 1/count(*)
  FROM audit.log
 WHERE table_name = 'app.users'
   AND operation = 'INSERT'
   AND new_data ->> 'email' = 'verify.audit@example.com';

ROLLBACK;
