-- Revert app-orgs:schemas/app/tables/organizations/policies from pg

BEGIN;

REVOKE UPDATE (slug, name) ON app.organizations FROM authenticated;
REVOKE SELECT, INSERT ON app.organizations FROM authenticated;

DROP POLICY organizations_update_admin ON app.organizations;
DROP POLICY organizations_insert_creator ON app.organizations;
DROP POLICY organizations_select_member ON app.organizations;

ALTER TABLE app.organizations DISABLE ROW LEVEL SECURITY;

COMMIT;
