-- Deploy app-billing:schemas/billing/tables/subscriptions/policies to pg
-- requires: schemas/billing/tables/subscriptions
-- requires: app-orgs:schemas/app/functions/is_org_member

BEGIN;

ALTER TABLE billing.subscriptions ENABLE ROW LEVEL SECURITY;

CREATE POLICY subscriptions_select_member ON billing.subscriptions
  FOR SELECT
  TO authenticated
  USING (app.is_org_member(organization_id));

GRANT SELECT ON billing.subscriptions TO authenticated;

COMMIT;
