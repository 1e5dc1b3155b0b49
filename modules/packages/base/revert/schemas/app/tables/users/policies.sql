-- Revert app-base:schemas/app/tables/users/policies from pg

BEGIN;

REVOKE UPDATE (display_name) ON app.users FROM authenticated;
REVOKE SELECT ON app.users FROM authenticated;

DROP POLICY users_update_self ON app.users;
DROP POLICY users_select_self ON app.users;

ALTER TABLE app.users DISABLE ROW LEVEL SECURITY;

COMMIT;
