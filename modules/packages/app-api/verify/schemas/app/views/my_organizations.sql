-- Verify app-api:schemas/app/views/my_organizations on pg

BEGIN;

SELECT id, slug, name, role, plan_tier
  FROM app.my_organizations
 WHERE false;

SELECT 1/has_table_privilege('authenticated', 'app.my_organizations', 'SELECT')::int;

ROLLBACK;
