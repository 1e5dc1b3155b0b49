-- Verify app-orgs:schemas/app/tables/organizations on pg

BEGIN;

SELECT app_private.assert_table('app.organizations');

SELECT id, slug, name, created_by, created_at
  FROM app.organizations
 WHERE false;

ROLLBACK;
