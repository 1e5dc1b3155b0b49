-- Revert app-orgs:schemas/app/functions/is_org_member from pg

BEGIN;

DROP FUNCTION app.is_org_member(uuid, app.membership_role);

COMMIT;
