-- Verify app-orgs:schemas/app/types/membership_role on pg

BEGIN;

SELECT 1/('owner'::app.membership_role < 'member'::app.membership_role)::int;

ROLLBACK;
