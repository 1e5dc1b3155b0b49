-- Deploy app-billing:schemas/billing/tables/subscriptions to pg
-- requires: schemas/billing/tables/plans
-- requires: app-orgs:schemas/app/tables/organizations

BEGIN;

CREATE TABLE billing.subscriptions (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id   uuid NOT NULL REFERENCES app.organizations (id) ON DELETE CASCADE,
  plan_id           text NOT NULL REFERENCES billing.plans (id),
  -- Opaque reference shown on invoices; pgcrypto provides the random bytes.
  billing_reference text NOT NULL DEFAULT ('sub_' || encode(public.gen_random_bytes(9), 'hex')),
  started_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT subscriptions_organization_id_key UNIQUE (organization_id),
  CONSTRAINT subscriptions_billing_reference_key UNIQUE (billing_reference)
);

CREATE INDEX subscriptions_plan_id_idx ON billing.subscriptions (plan_id);

COMMIT;
