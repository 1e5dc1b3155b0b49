-- Deploy app-orgs:schemas/app/tables/organizations to pg
-- requires: app-base:schemas/app/tables/users

BEGIN;

CREATE TABLE app.organizations (
  id         uuid PRIMARY KEY DEFAULT public.uuid_generate_v4(),
  slug       text NOT NULL,
  name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  created_by uuid REFERENCES app.users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organizations_slug_key UNIQUE (slug),
  CONSTRAINT organizations_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);

CREATE INDEX organizations_created_by_idx ON app.organizations (created_by);

COMMIT;
