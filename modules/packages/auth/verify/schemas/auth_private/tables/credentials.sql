-- Verify app-auth:schemas/auth_private/tables/credentials on pg

BEGIN;

SELECT user_id, password_hash, password_changed_at, failed_attempts
  FROM auth_private.credentials
 WHERE false;

SELECT 1/count(*)
  FROM pg_catalog.pg_constraint
 WHERE conrelid = 'auth_private.credentials'::regclass
   AND contype = 'f'
   AND confrelid = 'app.users'::regclass;

ROLLBACK;
