-- Revert app-orgs:schemas/app/tables/memberships/policies from pg

BEGIN;

REVOKE SELECT, INSERT, UPDATE, DELETE ON app.memberships FROM authenticated;

DROP POLICY memberships_manage_admin ON app.memberships;
DROP POLICY memberships_select_member ON app.memberships;

ALTER TABLE app.memberships DISABLE ROW LEVEL SECURITY;

COMMIT;
