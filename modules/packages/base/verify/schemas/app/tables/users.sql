-- Verify app-base:schemas/app/tables/users on pg

BEGIN;

SELECT app_private.assert_table('app.users');

SELECT id, email, display_name, status, created_at, updated_at
  FROM app.users
 WHERE false;

ROLLBACK;
