-- Deploy app-billing:schemas/billing/tables/plans/policies to pg
-- requires: schemas/billing/tables/plans

BEGIN;

ALTER TABLE billing.plans ENABLE ROW LEVEL SECURITY;

CREATE POLICY plans_select_public ON billing.plans
  FOR SELECT
  TO anonymous, authenticated
  USING (is_public);

GRANT SELECT ON billing.plans TO anonymous, authenticated;

COMMIT;
