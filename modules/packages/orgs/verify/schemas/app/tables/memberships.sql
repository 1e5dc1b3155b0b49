-- Verify app-orgs:schemas/app/tables/memberships on pg

BEGIN;

SELECT app_private.assert_table('app.memberships');

SELECT organization_id, user_id, role, created_at
  FROM app.memberships
 WHERE false;

SELECT 1/(count(*) = 2)::int
  FROM pg_catalog.pg_constraint
 WHERE conrelid = 'app.memberships'::regclass
   AND contype = 'f';

ROLLBACK;
