-- Verify app-orgs:schemas/app/functions/is_org_member on pg

BEGIN;

SELECT app_private.assert_function('app.is_org_member(uuid, app.membership_role)');

SELECT 1/has_function_privilege('authenticated', 'app.is_org_member(uuid, app.membership_role)', 'EXECUTE')::int;

-- Nobody is signed in: not a member of anything.
SELECT 1/(NOT app.is_org_member('00000000-0000-0000-0000-000000000000'))::int;

ROLLBACK;
