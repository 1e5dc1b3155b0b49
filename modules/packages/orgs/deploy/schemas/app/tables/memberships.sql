-- Deploy app-orgs:schemas/app/tables/memberships to pg
-- requires: schemas/app/tables/organizations
-- requires: schemas/app/types/membership_role

BEGIN;

CREATE TABLE app.memberships (
  organization_id uuid NOT NULL REFERENCES app.organizations (id) ON DELETE CASCADE,
  user_id         uuid NOT NULL REFERENCES app.users (id) ON DELETE CASCADE,
  role            app.membership_role NOT NULL DEFAULT 'member',
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, user_id)
);

CREATE INDEX memberships_user_id_idx ON app.memberships (user_id);

COMMIT;
