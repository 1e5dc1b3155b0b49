-- Deploy app-billing:schemas/billing/functions/organization_plan to pg
-- requires: schemas/billing/tables/subscriptions
-- requires: app-orgs:schemas/app/functions/is_org_member

BEGIN;

CREATE FUNCTION billing.organization_plan(organization_id uuid)
RETURNS billing.plans
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT p.*
    FROM billing.subscriptions AS s
    JOIN billing.plans AS p ON p.id = s.plan_id
   WHERE s.organization_id = organization_plan.organization_id
     AND app.is_org_member(s.organization_id);
$$;

REVOKE EXECUTE ON FUNCTION billing.organization_plan(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION billing.organization_plan(uuid) TO authenticated;

COMMIT;
