-- Deploy app-api:schemas/app/views/my_organizations to pg
-- requires: app-orgs:schemas/app/tables/memberships
-- requires: app-billing:schemas/billing/functions/organization_plan

BEGIN;

-- The view runs with its owner's rights, so it filters on the signed-in user itself.
CREATE VIEW app.my_organizations AS
  SELECT o.id,
         o.slug,
         o.name,
         m.role,
         (billing.organization_plan(o.id)).tier AS plan_tier
    FROM app.organizations AS o
    JOIN app.memberships AS m ON m.organization_id = o.id
   WHERE m.user_id = app.current_user_id();

COMMENT ON VIEW app.my_organizations IS 'Organizations the signed-in user belongs to';

GRANT SELECT ON app.my_organizations TO authenticated;

COMMIT;
