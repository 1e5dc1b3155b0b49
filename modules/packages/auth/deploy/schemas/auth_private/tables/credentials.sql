-- Deploy app-auth:schemas/auth_private/tables/credentials to pg
-- requires: schemas/auth_private/schema
-- requires: app-base:@v1.0.0

BEGIN;

CREATE TABLE auth_private.credentials (
  user_id             uuid PRIMARY KEY REFERENCES app.users (id) ON DELETE CASCADE,
  password_hash       text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  failed_attempts     integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0)
);

COMMENT ON TABLE auth_private.credentials IS 'bcrypt password hash per user';

COMMIT;
